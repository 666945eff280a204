// Prints the first load's transfer size (wasm + js + css, gzip -9; goal ≤ 400 KB) and the time
// from pressing 核对 on pasted text to rendered findings, in Chromium, on the release build.
// Exits non-zero when the size goal is missed.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, SAMPLE, gotoApp, launch, openPage, serveDist } from './harness.mjs';

const GOAL_KB = 400;
const kb = (n) => (n / 1024).toFixed(1);

const files = (await readdir(DIST)).filter((f) => ['.wasm', '.js', '.css', '.html'].includes(extname(f)));
let app = 0;
let all = 0;
const rows = [];
for (const f of files.sort()) {
  const raw = await readFile(join(DIST, f));
  const gz = gzipSync(raw, { level: 9 }).length;
  rows.push(`  ${f.padEnd(44)} ${String(raw.length).padStart(9)} B  ${kb(gz).padStart(7)} KB gz`);
  all += gz;
  if (['.wasm', '.js', '.css'].includes(extname(f)) && !['boot.js', 'sw.js'].includes(f)) app += gz;
}
console.log('first load (dist/):');
console.log(rows.join('\n'));
console.log(`first load, wasm + js + css gzipped: ${kb(app)} KB (goal ≤ ${GOAL_KB} KB); with html + boot.js: ${kb(all)} KB`);

const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openPage(browser);
  const t0 = Date.now();
  await gotoApp(page, server.base);
  console.log(`page load to interactive (local server): ${Date.now() - t0} ms`);
  const text = await readFile(SAMPLE, 'utf8');
  const times = [];
  for (let i = 0; i < 7; i++) {
    await page.click('#clear-btn');
    await page.fill('#input', text);
    times.push(
      await page.evaluate(async () => {
        const t = performance.now();
        document.getElementById('check-btn').click();
        while (!document.querySelector('#findings-list .item, #findings-pane .empty, #verdict')) {
          await new Promise((r) => setTimeout(r, 0));
        }
        await new Promise((r) => requestAnimationFrame(() => r()));
        return performance.now() - t;
      }),
    );
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `paste → rendered findings (sample report, ${text.length} chars): median ${median.toFixed(1)} ms ` +
      `(min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}, ${times.length} runs, to the next frame)`,
  );
} finally {
  await browser.close();
  await server.close();
}
if (app / 1024 > GOAL_KB) {
  console.error(`first load ${kb(app)} KB is over the ${GOAL_KB} KB goal`);
  process.exit(1);
}
