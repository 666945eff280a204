// 核账 HeZhang service worker: after the first visit the app works without a network.
//
// - One cache per build: scripts/post-build.sh (a Trunk post_build hook) replaces the build id
//   below with a digest of the built files, so each deploy installs a fresh cache and removes
//   the old ones.
// - Install stores the app: index.html and every same-origin file it names (the hashed script,
//   wasm and stylesheet, boot.js), then embed.html and the sample report.
// - Then, for GET requests of this origin inside the app's folder only (never another origin):
//   content-hashed files (name-<hex>.ext, as Trunk names them) come from the cache first;
//   everything else — pages, boot.js, sw-unhashed files such as a lazily loaded worker, report
//   files opened by address — from the network first, falling back to the cache when offline,
//   and is cached whenever it is fetched.
const BUILD = '__HEZHANG_BUILD__';
const CACHE = `hezhang-${BUILD}`;
const SCOPE = new URL(self.registration.scope);
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;
// Cached at install besides index.html and what it names; their absence does not stop the install.
const EXTRA = ['embed.html', 'samples/shanxi-jincheng-zwfw-2022.txt'];

/** index.html and the same-origin files it names (the hashed script, wasm and css; boot.js). */
async function shellUrls() {
  const index = new URL('index.html', SCOPE).href;
  const urls = new Set([index]);
  const res = await fetch(index, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`index.html: HTTP ${res.status}`);
  const html = await res.text();
  for (const m of html.matchAll(/\b(?:href|src|data-js|data-wasm)="([^"]+)"/g)) {
    const url = new URL(m[1], SCOPE);
    if (url.origin === SCOPE.origin && url.href.startsWith(SCOPE.href) && url.href !== SCOPE.href) {
      urls.add(url.href);
    }
  }
  return [...urls];
}

// Hashed files never change under their name: the HTTP cache (filled by the page's own first
// load) may answer. Anything else is revalidated with the server.
async function store(cache, url) {
  const res = await fetch(url, { cache: HASHED.test(new URL(url).pathname) ? 'default' : 'no-cache' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  await cache.put(url, res);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The app itself must be stored, or the install fails (and is retried on the next visit).
      await Promise.all((await shellUrls()).map((url) => store(cache, url)));
      await Promise.all(EXTRA.map((p) => store(cache, new URL(p, SCOPE).href).catch(() => {})));
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
