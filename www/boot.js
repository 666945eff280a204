// Starts the app: downloads the wasm with a progress bar, then hands it to wasm-bindgen's init.
// Trunk puts the hashed file names in data-* (Trunk.toml `pattern_script`); the page's CSP allows
// scripts of our own origin only, so this replaces Trunk's inline loader.
const me = document.querySelector('script[data-js][data-wasm]');
const bar = document.getElementById('boot-progress');
const box = document.getElementById('boot');

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

try {
  const { default: init } = await import(me.dataset.js);
  await init({ module_or_path: fetchWasm(me.dataset.wasm) });
  if (box) box.remove();
} catch (err) {
  failed(err);
}
