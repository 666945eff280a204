// The ingest worker in the RELEASE build (dist/): PDF and Excel are read by a Web Worker that
// the page creates on the first such file; CSV is read on the page. Run: trunk build --release
// && node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { OUT, ROOT, gotoApp, launch, openPage, serveDist } from './harness.mjs';
import { PROCUREMENT, toCsv, xlsx } from './files.mjs';

const CORPUS_PDF = join(ROOT, '../shared/corpus/shanghai-putuo-czj-2024.pdf');
const WORKER_FILES = /hezhang-worker(_loader\.js|\.js|_bg\.wasm)$/;

let server;
let browser;

before(async () => {
  await mkdir(OUT, { recursive: true });
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Open the app (with `query` appended), run `body`, then check the page stayed clean: no
 * console or page errors except those `allow` matches (a worker made to trap reports its
 * trap), and no request leaves the origin.
 */
async function withApp(body, { query = '', allow = null } = {}) {
  const { context, page, log } = await openPage(browser);
  // requests made by workers too
  context.on('request', (r) => {
    if (!log.requests.includes(r.url())) log.requests.push(r.url());
  });
  try {
    await gotoApp(page, server.base + query);
    await body(page, log);
    const errors = log.errors.filter((e) => !(allow && allow.test(e)));
    assert.deepEqual(errors, [], 'no console or page errors');
    const origin = new URL(server.base).origin;
    const foreign = log.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], 'no request leaves the app’s own origin');
  } finally {
    await context.close();
  }
}

const workerRequests = (log) => log.requests.filter((u) => WORKER_FILES.test(new URL(u).pathname));

/** Drop a file (bytes from node) on the page, as a reader would. */
async function drop(page, name, bytes, type) {
  const dt = await page.evaluateHandle(
    ({ b64, name, type }) => {
      const bin = atob(b64);
      const u8 = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
      const d = new DataTransfer();
      d.items.add(new File([u8], name, { type }));
      return d;
    },
    { b64: Buffer.from(bytes).toString('base64'), name, type },
  );
  await page.dispatchEvent('.shell', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('.shell', 'drop', { dataTransfer: dt });
}

/** The page's result as the CLI contract object (its JSON export). */
async function exported(page) {
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  return JSON.parse(await readFile(await json.path(), 'utf8'));
}

/** `hezhang check --format json FILE`, run in the file's folder so `file` is its bare name. */
function cli(path) {
  const r = spawnSync(
    'cargo',
    ['run', '--quiet', '--locked', '--manifest-path', join(ROOT, 'Cargo.toml'), '-p', 'hezhang-cli', '--bin', 'hezhang',
      '--', 'check', '--format', 'json', basename(path)],
    { cwd: dirname(path), encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  // 0: no errors, 1: errors found; anything else is a failure of the CLI
  assert.ok(r.status === 0 || r.status === 1, `hezhang check exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n')[0]);
}

const errorCodes = (o) => [...new Set(o.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();

test('the 25-page corpus PDF: worker fetched only then, progress by page, the CLI’s result, page locations', async (t) => {
  if (!existsSync(CORPUS_PDF)) {
    t.skip(`${CORPUS_PDF} is absent`);
    return;
  }
  const pdf = await readFile(CORPUS_PDF);
  // The CLI from the same sources, in the corpus folder (so `file` is the bare name).
  const expected = cli(CORPUS_PDF);
  await withApp(async (page, log) => {
    assert.deepEqual(workerRequests(log), [], 'no worker file in the first load');
    assert.equal(page.workers().length, 0, 'no worker before the first file');

    // record every status the page shows while reading
    await page.evaluate(() => {
      window.__statuses = [];
      const el = document.getElementById('input-status');
      new MutationObserver(() => window.__statuses.push(el.textContent)).observe(el, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await drop(page, basename(CORPUS_PDF), pdf, 'application/pdf');
    await page.locator('#verdict').waitFor({ timeout: 60_000 });

    assert.ok(workerRequests(log).some((u) => u.endsWith('hezhang-worker_loader.js')), 'the worker was fetched');
    const statuses = await page.evaluate(() => window.__statuses);
    assert.ok(
      statuses.some((s) => /正在读取第 \d+\/25 页/.test(s)),
      `progress by page was shown: ${JSON.stringify(statuses.slice(0, 5))}`,
    );
    assert.match(await page.locator('#input-status').textContent(), /shanghai-putuo-czj-2024\.pdf/);

    const got = await exported(page);
    assert.equal(got.source.kind, 'pdf');
    assert.deepEqual(errorCodes(got), errorCodes(expected), 'the same error rules as `hezhang check`');
    assert.deepEqual(got, expected, 'the page’s result is the CLI’s, exactly');
    assert.ok(errorCodes(got).length > 0, 'the corpus report has errors');

    // the first error finding: its places name a page
    await page.locator('#findings-list .item.error').first().click();
    const detail = page.locator('#finding-detail');
    await detail.waitFor();
    assert.match(await detail.textContent(), /第 \d+ 页/);
    // in English too, re-checked without reading the file again
    const before = workerRequests(log).length;
    await page.click('#lang-en');
    await page.locator('#findings-list .item.error').first().click();
    assert.match(await page.locator('#finding-detail').textContent(), /page \d+/);
    assert.equal(workerRequests(log).length, before, 'no new read for a language switch');
  });
});

test('an .xlsx (through the worker) and a .csv (on the page) give the table’s finding', async () => {
  await withApp(async (page) => {
    await page.setInputFiles('#file', {
      name: 'procurement.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx(PROCUREMENT, '政府采购'),
    });
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    const item = page.locator('#findings-list .item', { hasText: '75,425.00' });
    assert.equal(await item.count(), 1);
    assert.match(await item.textContent(), /130,652\.46/);
    await item.click();
    assert.match(await page.locator('#finding-detail').textContent(), /工作表 政府采购 · C8/);
    const fromXlsx = await exported(page);
    assert.equal(fromXlsx.source.kind, 'excel');

    await page.click('#clear-btn');
    await drop(page, 'procurement.csv', Buffer.from(toCsv(PROCUREMENT)), 'text/csv');
    await page.locator('#verdict').waitFor();
    assert.equal(await page.locator('#findings-list .item', { hasText: '75,425.00' }).count(), 1);
    const fromCsv = await exported(page);
    assert.equal(fromCsv.source.kind, 'csv');
    const key = (o) => o.findings.map((f) => `${f.rule} ${f.severity} ${f.stated} ${f.computed}`).sort();
    assert.deepEqual(key(fromCsv), key(fromXlsx), 'the same findings from either file');
  });
});

test('a worker that traps: the page says so, keeps the text, and the next file is read', async () => {
  await withApp(
    async (page) => {
      await page.fill('#input', 'keep this text');
      await page.evaluate(() => {
        window.__hezhangWorkerTest = 'trap';
      });
      await page.setInputFiles('#file', { name: 'a.xlsx', mimeType: 'application/octet-stream', buffer: xlsx(PROCUREMENT) });
      const problem = page.locator('#input-problem');
      await problem.waitFor({ timeout: 30_000 });
      assert.match(await problem.textContent(), /这份文件无法读取（a\.xlsx）.*意外停止/);
      assert.equal(await page.locator('#input').inputValue(), 'keep this text');
      assert.equal(await page.isDisabled('#choose-btn'), false, 'the page is usable');

      // the next file gets a new worker and is read
      await page.setInputFiles('#file', { name: 'b.xlsx', mimeType: 'application/octet-stream', buffer: xlsx(PROCUREMENT) });
      await page.locator('#verdict').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#input-problem').count(), 0);
      assert.equal(await page.locator('#input').inputValue(), 'keep this text');
    },
    // the trapped worker's own report of its trap
    { allow: /unreachable|RuntimeError|hezhang-worker/ },
  );
});

test('a worker that never answers is stopped at the time limit; the page stays usable', async () => {
  await withApp(
    async (page) => {
      await page.evaluate(() => {
        window.__hezhangWorkerTest = 'hang';
      });
      const t0 = Date.now();
      await page.setInputFiles('#file', { name: 'slow.xlsx', mimeType: 'application/octet-stream', buffer: xlsx(PROCUREMENT) });
      // reading can be cancelled (the button appears once the file's bytes are read)
      await page.locator('#cancel-btn').waitFor({ timeout: 10_000 });
      const problem = page.locator('#input-problem');
      await problem.waitFor({ timeout: 20_000 });
      assert.match(await problem.textContent(), /这份文件无法读取（slow\.xlsx）：2 秒内没有读完/);
      assert.ok(Date.now() - t0 >= 1500, 'not before the limit');
      await page.click('#lang-en');
      assert.match(await problem.textContent(), /did not finish within 2 seconds/);

      await page.setInputFiles('#file', { name: 'next.xlsx', mimeType: 'application/octet-stream', buffer: xlsx(PROCUREMENT) });
      await page.locator('#verdict').waitFor({ timeout: 30_000 });
    },
    { query: '?worker_timeout_ms=2000' },
  );
});

test('cancelling a read stops it and keeps the page as it was', async () => {
  await withApp(async (page) => {
    await page.fill('#input', 'still here');
    await page.evaluate(() => {
      window.__hezhangWorkerTest = 'hang';
    });
    await page.setInputFiles('#file', { name: 'slow.xlsx', mimeType: 'application/octet-stream', buffer: xlsx(PROCUREMENT) });
    await page.click('#cancel-btn');
    await page.locator('#cancel-btn').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#input-problem').count(), 0);
    assert.equal(await page.locator('#input').inputValue(), 'still here');
    assert.equal(await page.isDisabled('#check-btn'), false);
  });
});

test('a file over 50 MB is refused before it is read, and no worker is created', async () => {
  await withApp(async (page, log) => {
    // A File whose size says 60 MB; reading it would take seconds and show in the heap.
    await page.evaluate(() => {
      const part = new Uint8Array(1 << 20);
      part.set(new TextEncoder().encode('%PDF-1.7\n'));
      const file = new File(Array(60).fill(part), 'huge.pdf', { type: 'application/pdf' });
      const dt = new DataTransfer();
      dt.items.add(file);
      const input = document.getElementById('file');
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const problem = page.locator('#input-problem');
    await problem.waitFor();
    assert.match(await problem.textContent(), /文件超过 50 MB/);
    await page.click('#lang-en');
    assert.match(await problem.textContent(), /larger than 50 MB/);
    assert.equal(page.workers().length, 0, 'no worker was created');
    assert.deepEqual(workerRequests(log), [], 'no worker file was fetched');
  });
});

test('a damaged PDF is refused with a reason in the reader’s language; the text stays', async () => {
  await withApp(async (page) => {
    await page.fill('#input', 'keep this');
    await page.setInputFiles('#file', {
      name: 'report.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n'),
    });
    const problem = page.locator('#input-problem');
    await problem.waitFor({ timeout: 30_000 });
    assert.match(await problem.textContent(), /report\.pdf.*损坏/);
    assert.equal(await page.locator('#input').inputValue(), 'keep this');
    await page.click('#lang-en');
    assert.match(await problem.textContent(), /could not be read \(report\.pdf\): it may be damaged/);
  });
});

/** A one-page PDF showing only an image, as a scan does (objects with a correct xref table). */
function scanPdf() {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\x80\xc8\xff\nendstream',
    '<< /Length 31 >>\nstream\nq 200 0 0 200 0 0 cm /Im1 Do Q\nendstream',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test('a scanned PDF is refused, naming the pages without a text layer', async () => {
  await withApp(async (page) => {
    await page.setInputFiles('#file', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: scanPdf() });
    const problem = page.locator('#input-problem');
    await problem.waitFor({ timeout: 30_000 });
    assert.match(await problem.textContent(), /这份PDF没有可读取的文字层（第 1 页/);
    await page.click('#lang-en');
    assert.match(await problem.textContent(), /this PDF has no readable text layer \(page 1;/i);
  });
});
