// Shared by the end-to-end tests and the budget: a tiny static server for the release build
// (dist/) on 127.0.0.1 with a random port, and the system Chromium driven by playwright-core.
// No browser is downloaded; no request leaves the machine.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = resolve(ROOT, process.env.DIST ?? 'dist');
export const OUT = join(ROOT, 'tests/e2e/out');
export const SAMPLE = join(ROOT, 'www/samples/shanxi-jincheng-zwfw-2022.txt');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serve DIST on 127.0.0.1:<random>. Returns { base, close }. `extra` maps further paths
 * ('reports/a.txt') to { body, type }: files beside the app, as a site hosting it would have;
 * it may be filled after the server starts. `prefix` ('tools/hezhang/') serves everything
 * under that folder instead, with the HTML's root-relative links moved there as
 * `trunk build --public-url /tools/hezhang/` would write them.
 */
export async function serveDist(extra = new Map(), { prefix = '' } = {}) {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error(`${DIST}/index.html is missing: run \`trunk build --release\` first`);
  });
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      if (prefix) {
        if (!path.startsWith(prefix) && path + '/' !== prefix) throw new Error('outside the prefix');
        path = path.slice(prefix.length);
      }
      if (path === '' || path.endsWith('/')) path += 'index.html';
      const more = extra.get(path.replaceAll('\\', '/'));
      if (more) {
        const body = Buffer.from(more.body);
        res.writeHead(200, { 'content-type': more.type, 'content-length': body.length, 'cache-control': 'no-store' });
        res.end(body);
        return;
      }
      const file = join(DIST, path);
      if (!file.startsWith(DIST)) throw new Error('outside dist');
      let body = await readFile(file);
      if (prefix && extname(file) === '.html') {
        body = Buffer.from(body.toString('utf8').replace(/(href|src|data-js|data-wasm)="\//g, `$1="/${prefix}`));
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = process.env.BASE_URL ?? `http://127.0.0.1:${server.address().port}/${prefix}`;
  const close = () =>
    new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections(); // keep-alive sockets too: the network is really gone
    });
  return { base, close };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** A page that records console errors, page errors and every request's URL. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => log.requests.push(r.url()));
  return { context, page, log };
}

/** Load the app and wait until wasm has started. */
export async function gotoApp(page, base) {
  await page.goto(base);
  await page.locator('#check-btn').waitFor({ timeout: 30_000 });
  await page.locator('#boot').waitFor({ state: 'detached', timeout: 30_000 });
}
