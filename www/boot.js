// Starts the app: downloads the wasm with a progress bar, then hands it to wasm-bindgen's init.
// Trunk puts the hashed file names in data-* (Trunk.toml `pattern_script`); the page's CSP allows
// scripts of our own origin only, so this replaces Trunk's inline loader.
// It also marks the embed page (embed.html or ?embed=1) for the app and the stylesheet, posts
// the embed's height to the page around it, and registers the offline service worker (sw.js).
const me = document.querySelector('script[data-js][data-wasm]');
const bar = document.getElementById('boot-progress');
const box = document.getElementById('boot');

const embed =
  /\/embed\.html$/.test(location.pathname) ||
  ['1', 'true'].includes(new URLSearchParams(location.search).get('embed'));
if (embed) {
  document.documentElement.dataset.mode = 'embed';
  postHeight();
}

// The embed's height, to the page that frames it: a namespaced message {"hezhang-height": px}.
// The page's own script (from the snippet generator) checks event.source against its iframe.
function postHeight() {
  if (window.parent === window || typeof ResizeObserver !== 'function') return;
  let last = -1;
  const send = () => {
    const px = Math.ceil(document.body.getBoundingClientRect().height);
    if (px !== last) {
      last = px;
      window.parent.postMessage({ 'hezhang-height': px }, '*');
    }
  };
  new ResizeObserver(send).observe(document.body);
  send();
}

function failed(err) {
  console.warn('HeZhang failed to start', err);
  const msg = document.getElementById('boot-failed');
  if (msg) msg.hidden = false;
  if (bar) bar.hidden = true;
}

async function fetchWasm(url) {
  const preload = document.querySelector('link[rel="preload"][as="fetch"]');
  const opts = preload && preload.integrity ? { integrity: preload.integrity } : {};
  const res = await fetch(url, opts);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length')) || 0;
  if (!res.body || !total || !bar) return res;
  const reader = res.body.getReader();
  const chunks = [];
  let got = 0;
  bar.max = total;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.length;
    bar.value = got;
  }
  return new Response(new Blob(chunks), { headers: { 'content-type': 'application/wasm' } });
}

// After the first visit the app works offline. Service workers need https (or localhost);
// elsewhere the app simply runs online. sw.js sits beside this file, so its scope is the app's
// folder, whatever --public-url is.
function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register(new URL('sw.js', import.meta.url))
    .catch((err) => console.warn('HeZhang: offline use is not available', err));
}

try {
  const { default: init } = await import(me.dataset.js);
  await init({ module_or_path: fetchWasm(me.dataset.wasm) });
  if (box) box.remove();
  registerServiceWorker();
} catch (err) {
  failed(err);
}
