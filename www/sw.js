// 核账 HeZhang service worker: after the first visit the app works without a network.
//
// - One cache per build: scripts/post-build.sh (a Trunk post_build hook) replaces the build id
//   below with a digest of the built files, so each deploy installs a fresh cache and removes
//   the old ones.
// - Install stores the app shell: index.html, embed.html, and every file index.html names
//   (the hashed script, wasm and stylesheet, boot.js), plus the sample report.
// - Then, for GET requests of this origin inside the app's folder only (never another origin):
//   content-hashed files (name-<16 hex>.ext, as Trunk names them) come from the cache first;
//   everything else — pages, boot.js, sw-unhashed files such as a lazily loaded worker, report
//   files opened by address — from the network first, falling back to the cache when offline,
//   and is cached whenever it is fetched.
const BUILD = '__HEZHANG_BUILD__';
const CACHE = `hezhang-${BUILD}`;
const SCOPE = new URL(self.registration.scope);
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;
const SHELL = ['index.html', 'embed.html', 'boot.js', 'samples/shanxi-jincheng-zwfw-2022.txt'];

async function shellUrls() {
  const urls = new Set(SHELL.map((p) => new URL(p, SCOPE).href));
  const res = await fetch(new URL('index.html', SCOPE), { cache: 'no-cache' });
  const html = await res.text();
  for (const m of html.matchAll(/\b(?:href|src|data-js|data-wasm)="([^"]+)"/g)) {
    const url = new URL(m[1], SCOPE);
    if (url.origin === SCOPE.origin && url.href.startsWith(SCOPE.href) && url.href !== SCOPE.href) {
      urls.add(url.href);
    }
  }
  return [...urls];
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const url of await shellUrls()) {
        try {
          const res = await fetch(url, { cache: 'no-cache' });
          if (res.ok) await cache.put(url, res);
        } catch {
          // embed.html is missing under a bare `trunk serve` without the hook: cached later.
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('hezhang-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

function cacheable(res) {
  return res && res.ok && res.type === 'basic';
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (cacheable(res)) await cache.put(request, res.clone());
  return res;
}

async function networkFirst(request, navigate) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (cacheable(res)) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    // Pages keep their query (?src=…) for the app but share one cached copy.
    const hit =
      (await cache.match(request)) ||
      (navigate && (await cache.match(request, { ignoreSearch: true }))) ||
      (navigate && (await cache.match(new URL('index.html', SCOPE).href)));
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  // Never intercept another origin, nor anything outside the app's folder.
  if (url.origin !== SCOPE.origin || !url.href.startsWith(SCOPE.href)) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, request.mode === 'navigate'));
  }
});
