// Publishing, end to end on the RELEASE build (dist/) in the system Chromium: a report hosted
// beside the app opened by address with a finding focused, the generated embed snippet in an
// article page that resizes to the posted height, the offline service worker, and the
// printable report as a PDF (checked with pdftotext; pages rendered with pdftoppm for review).
// Run: trunk build --release && node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OUT, SAMPLE, gotoApp, launch, openPage, serveDist } from './harness.mjs';
import { PROCUREMENT, xlsx } from './files.mjs';

const run = promisify(execFile);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is. */
async function axeProblems(page) {
  await page.evaluate(await readFile(AXE, 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// A report hosted beside the app, under a name that needs escaping in a URL.
const REPORT_PATH = 'reports/晋城 政务服务中心 2022.txt';
const STATED = '75,425.00';
const COMPUTED = '130,652.46';

let server;
let browser;
let extra;
let sample;

before(async () => {
  await mkdir(OUT, { recursive: true });
  sample = await readFile(SAMPLE);
  extra = new Map([[REPORT_PATH, { body: sample, type: 'text/plain; charset=utf-8' }]]);
  server = await serveDist(extra);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const reportLink = (finding) =>
  `${server.base}index.html?src=${encodeURIComponent(REPORT_PATH)}${finding ? `#finding=${finding}` : ''}`;

/** Every request stays on the app's origin; no console errors. */
function assertClean(log, base = server.base) {
  assert.deepEqual(log.errors, [], 'no console or page errors');
  const origin = new URL(base).origin;
  const foreign = log.requests.filter(
    (u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
  assert.deepEqual(foreign, [], 'no request leaves the app’s own origin');
}

async function waitForCell(page) {
  await page.waitForFunction(() => document.activeElement?.classList.contains('mark'), null, {
    timeout: 10_000,
  });
  return page.evaluate(() => ({
    cls: document.activeElement.className,
    text: document.activeElement.textContent,
  }));
}

test('a link with ?src= and #finding= opens the hosted report with that finding focused', async () => {
  const { context, page, log } = await openPage(browser);
  try {
    await page.goto(reportLink('PROC-TOTAL'));
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    const f = await waitForCell(page);
    assert.match(f.cls, /\bstated\b/);
    assert.ok(f.text.includes(STATED), f.text);
    assert.match(await page.locator('#findings-list .item.current').textContent(), new RegExp(STATED));
    assert.match(await page.locator('#input-status').textContent(), /晋城 政务服务中心 2022\.txt/);

    // By finding id as well: the share link names the chosen finding's id.
    await page.click('#share summary');
    const link = await page.locator('#share-link').inputValue();
    const id = await page.evaluate(() => {
      const item = document.querySelector('#findings-list .item.current');
      return item ? item.id : '';
    });
    assert.ok(id, 'a finding is current');
    assert.match(link, /index\.html\?src=reports\/%E6%99%8B%E5%9F%8E%20.*\.txt#finding=F\d+$/);
    assert.deepEqual(await axeProblems(page), [], 'the open share panel is accessible');
    await page.goto('about:blank');
    await page.goto(link);
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    const again = await waitForCell(page);
    assert.ok(again.text.includes(STATED), 'the id link focuses the same cell');
    // Another finding by changing the fragment alone: F2 is the list's finding-1.
    const before = await page.locator('#findings-list .item.current').getAttribute('id');
    const target = before === 'finding-1' ? ['F1', 'finding-0'] : ['F2', 'finding-1'];
    await page.evaluate((f) => { location.hash = `#finding=${f}`; }, target[0]);
    await page.waitForFunction(
      (id) => document.querySelector('#findings-list .item.current')?.id === id,
      target[1],
      { timeout: 10_000 },
    );
    assertClean(log);
  } finally {
    await context.close();
  }
});

test('phone width (375 px), English: a finding link, the share panel and the embed fit', async () => {
  const { context, page, log } = await openPage(browser, {
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    const src = encodeURIComponent(REPORT_PATH);
    await page.goto(`${server.base}index.html?src=${src}&lang=en#finding=PROC-TOTAL`);
    await page.locator('#verdict', { hasText: 'Found' }).waitFor({ timeout: 30_000 });
    await waitForCell(page);
    await page.click('#share summary');
    await page.locator('#embed-code').waitFor();
    assert.match(await page.locator('#embed-code').inputValue(), /lang=en"/);
    const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok((await wide()) <= 375, `the page is ${await wide()}px wide`);
    await page.goto(`${server.base}embed.html?src=${src}&finding=PROC-TOTAL&lang=en`);
    await page.locator('#embed-finding').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('#embed-open').textContent(), /See the full check/);
    assert.ok((await wide()) <= 375, `the embed is ${await wide()}px wide`);
    await page.screenshot({ path: join(OUT, 'embed-phone-en.png'), fullPage: true });
    assertClean(log);
  } finally {
    await context.close();
  }
});

// The procurement table alone, as pasted text.
const SMALL =
  '部门决算公开相关信息统计表\n\n公开10表\n\n单位名称：晋城市政务服务中心\n\n2022年度\n\n金额单位：元\n\n' +
  '一、政府采购情况\t\t\n项目\t行次\t采购金额\n合计\t1\t75425.00\n货物\t2\t\n工程\t3\t\n服务\t4\t130652.46\n';

test('pasted text: no address to share; an opt-in link carries small text, large text is refused plainly', async () => {
  const { context, page, log } = await openPage(browser);
  try {
    await gotoApp(page, server.base);
    await page.fill('#input', SMALL);
    await page.click('#check-btn');
    await page.locator('#verdict').waitFor();
    await page.click('#share summary');
    assert.match(await page.locator('#share-no-url').textContent(), /没有网址/);
    assert.equal(await page.locator('#share-link').count(), 0);
    assert.equal(await page.locator('#text-link').count(), 0, 'nothing goes in a link unless asked');
    await page.check('#text-link-opt');
    const link = await page.locator('#text-link').inputValue();
    assert.match(link, /index\.html#text=[A-Za-z0-9_-]+$/);
    assert.ok(!link.includes('75425'), 'the text is compressed');
    await page.goto('about:blank');
    await page.goto(link);
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#input').inputValue(), SMALL, 'the same text comes back');
    assert.equal(await page.locator('td.mark.stated', { hasText: STATED }).count(), 1);

    // The whole sample is too large for a link: said plainly, no link offered.
    await page.fill('#input', sample.toString('utf8'));
    await page.click('#check-btn');
    await page.locator('#verdict', { hasText: '共核对' }).waitFor();
    await page.click('#share summary');
    await page.check('#text-link-opt');
    const problem = page.locator('#text-link-problem');
    await problem.waitFor();
    assert.match(await problem.textContent(), /太大/);
    assert.equal(await page.locator('#text-link').count(), 0);
    // A damaged link says so (a new fragment on the same page is followed too).
    await page.goto(`${server.base}index.html#text=AAAA`);
    await page.locator('#input-problem').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('#input-problem').textContent(), /无法解开/);
    assertClean(log);
  } finally {
    await context.close();
  }
});

test('a workbook hosted beside the app opens by address through the file reader, like a dropped one', async () => {
  extra.set('reports/procurement.xlsx', { body: xlsx(PROCUREMENT), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const { context, page, log } = await openPage(browser);
  try {
    await page.goto(`${server.base}index.html?src=reports/procurement.xlsx#finding=PROC-TOTAL`);
    const f = await waitForCell(page);
    assert.ok(f.text.includes(STATED), f.text);
    await page.locator('#print-sha256').waitFor({ state: 'attached' });
    const sha = createHash('sha256').update(extra.get('reports/procurement.xlsx').body).digest('hex');
    assert.equal(await page.locator('#print-sha256').textContent(), sha, 'the workbook’s own SHA-256');
    assertClean(log);
  } finally {
    await context.close();
  }
});

test('an address on another site is refused with a clear message and not fetched', async () => {
  const { context, page, log } = await openPage(browser);
  try {
    await page.goto(`${server.base}index.html?src=${encodeURIComponent('https://example.com/r.txt')}`);
    const problem = page.locator('#input-problem');
    await problem.waitFor({ timeout: 30_000 });
    assert.match(await problem.textContent(), /不在本站/);
    assert.ok(!log.requests.some((u) => new URL(u).hostname === 'example.com'), 'nothing was requested from it');
    // a missing file on this site: the status is named
    await page.goto(`${server.base}index.html?src=reports/missing.txt`);
    await problem.waitFor({ timeout: 30_000 });
    assert.match(await problem.textContent(), /HTTP 404/);
    // a file announced larger than 50 MB is not downloaded
    extra.set('reports/huge.txt', { body: Buffer.alloc(50 * 1024 * 1024 + 1, 0x20), type: 'text/plain' });
    await page.goto(`${server.base}index.html?src=reports/huge.txt`);
    await problem.waitFor({ timeout: 30_000 });
    assert.match(await problem.textContent(), /50 MB/);
    extra.delete('reports/huge.txt');
    // the embed page with no report says what it needs
    await page.goto(`${server.base}embed.html`);
    await problem.waitFor({ timeout: 30_000 });
    assert.match(await problem.textContent(), /embed\.html\?src=/);
    assert.equal(await page.locator('#input').count(), 0, 'no input box in an embed');
    assert.ok(log.errors.every((e) => /404/.test(e)), log.errors.join('\n'));
  } finally {
    await context.close();
  }
});

test('the generated embed code, in an article on the same site, resizes to the posted height', async () => {
  const { context, page, log } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
  try {
    // The snippet generator in the main app.
    await page.goto(reportLink('PROC-TOTAL'));
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    await waitForCell(page);
    await page.click('#share summary');
    const iframe = await page.locator('#embed-code').inputValue();
    const script = await page.locator('#embed-script').inputValue();
    assert.match(iframe, /^<iframe id="hezhang-embed" src="[^"]*embed\.html\?src=reports\/[^"]*&amp;finding=F\d+&amp;lang=zh"/);
    assert.match(iframe, /height="560"/);
    assert.match(script, /e\.source !== f\.contentWindow/);

    const article = (withScript) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
      <link rel="icon" href="data:,"><title>Article</title></head><body style="margin:0;font:16px sans-serif">
      <h1>新闻：某单位决算数字对不上</h1><p>正文第一段。</p>
      ${iframe}${withScript ? script : ''}<p id="after">正文继续。</p></body></html>`;
    extra.set('news/article.html', { body: article(true), type: 'text/html; charset=utf-8' });
    extra.set('news/fixed.html', { body: article(false), type: 'text/html; charset=utf-8' });

    await page.goto(`${server.base}news/article.html`);
    const frame = page.frameLocator('#hezhang-embed');
    await frame.locator('#embed-finding').waitFor({ timeout: 30_000 });
    const text = await frame.locator('#embed-finding').textContent();
    assert.ok(text.includes(STATED) && text.includes(COMPUTED), text);
    assert.match(await frame.locator('#verdict').textContent(), /发现 \d+ 处错误/);
    assert.equal(await frame.locator('td.mark.stated.current', { hasText: STATED }).count(), 1);
    assert.equal(await frame.locator('#input').count(), 0, 'no input box in the embed');
    const open = await frame.locator('#embed-open').getAttribute('href');
    assert.match(open, /index\.html\?src=.*#finding=F\d+$/);

    // The iframe takes the height of its content (posted by the embed), not the fixed 560.
    const frameEl = page.locator('#hezhang-embed');
    await page.waitForFunction(() => {
      const f = document.getElementById('hezhang-embed');
      const body = f.contentDocument?.body;
      return body && Math.abs(f.getBoundingClientRect().height - body.getBoundingClientRect().height) <= 1;
    }, null, { timeout: 10_000 });
    const height = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
    const inner = await frameEl.evaluate((f) => f.contentDocument.body.scrollHeight);
    assert.notEqual(Math.round(height), 560, 'resized from the fixed height');
    assert.ok(Math.abs(height - inner) <= 1, `iframe ${height}px, content ${inner}px`);
    const scrollable = await frameEl.evaluate(
      (f) => f.contentDocument.documentElement.scrollHeight > f.contentWindow.innerHeight + 1,
    );
    assert.equal(scrollable, false, 'no scroll bar inside the iframe');
    // A message from anything but that iframe is ignored.
    await page.evaluate(() => window.postMessage({ 'hezhang-height': 99 }, '*'));
    await page.waitForTimeout(200);
    assert.ok(Math.abs((await frameEl.evaluate((f) => f.getBoundingClientRect().height)) - height) <= 1);
    // The page around it kept its focus and scroll position.
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY');
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await page.screenshot({ path: join(OUT, 'embed-article.png'), fullPage: true });
    const inFrame = page.frames().find((f) => f.url().includes('embed.html'));
    assert.deepEqual(await axeProblems(inFrame), [], 'the embed is accessible');

    // Without the script the iframe keeps its fixed height and still shows the finding.
    await page.goto(`${server.base}news/fixed.html`);
    await page.frameLocator('#hezhang-embed').locator('#embed-finding').waitFor({ timeout: 30_000 });
    assert.equal(Math.round(await frameEl.evaluate((f) => f.getBoundingClientRect().height)), 560);
    assertClean(log);
  } finally {
    await context.close();
  }
});

test('the embed in an article on another site (a newsroom’s) resizes too; the report stays on its own site', async () => {
  const news = new Map();
  const newsroom = await serveDist(news);
  const { context, page, log } = await openPage(browser, { viewport: { width: 800, height: 700 } });
  try {
    await page.goto(reportLink('PROC-TOTAL'));
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    await page.click('#share summary');
    const iframe = await page.locator('#embed-code').inputValue();
    const script = await page.locator('#embed-script').inputValue();
    news.set('story.html', {
      body: `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
        <title>Story</title></head><body style="margin:0"><p>Lead.</p>${iframe}${script}<p>More.</p></body></html>`,
      type: 'text/html; charset=utf-8',
    });
    assert.notEqual(new URL(newsroom.base).origin, new URL(server.base).origin);
    await page.goto(`${newsroom.base}story.html`);
    const frame = () => page.frames().find((f) => f.url().includes('/embed.html?'));
    await page.waitForFunction(() => document.getElementById('hezhang-embed'));
    await page.frameLocator('#hezhang-embed').locator('#embed-finding').waitFor({ timeout: 30_000 });
    const inner = () => frame().evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    const outer = () => page.locator('#hezhang-embed').evaluate((f) => f.getBoundingClientRect().height);
    for (let i = 0; i < 50 && Math.abs((await outer()) - (await inner())) > 1; i++) await page.waitForTimeout(100);
    assert.ok(Math.abs((await outer()) - (await inner())) <= 1, `iframe ${await outer()}px, content ${await inner()}px`);
    assert.notEqual(Math.round(await outer()), 560);
    assert.deepEqual(log.errors, [], 'no console or page errors');
    const origins = new Set(log.requests.filter((u) => u.startsWith('http')).map((u) => new URL(u).origin));
    assert.deepEqual([...origins].sort(), [new URL(server.base).origin, new URL(newsroom.base).origin].sort());
    // The report file was fetched from the app's site only.
    const reports = log.requests.filter((u) => u.includes('/reports/'));
    assert.ok(reports.length > 0 && reports.every((u) => u.startsWith(new URL(server.base).origin)));
  } finally {
    await context.close();
    await newsroom.close();
  }
});

test('hosted in a folder (--public-url): links, the embed and the offline cache stay inside it', async () => {
  const folder = await serveDist(new Map(), { prefix: 'tools/hezhang/' });
  const { context, page, log } = await openPage(browser);
  try {
    assert.match(folder.base, /\/tools\/hezhang\/$/);
    await page.goto(`${folder.base}index.html?src=samples/shanxi-jincheng-zwfw-2022.txt#finding=PROC-TOTAL`);
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    assert.ok((await waitForCell(page)).text.includes(STATED));
    await page.click('#share summary');
    assert.ok((await page.locator('#share-link').inputValue()).startsWith(`${folder.base}index.html?src=samples/`));
    assert.match(await page.locator('#embed-code').inputValue(), new RegExp(`src="${folder.base}embed\\.html\\?src=samples/`));
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, folder.base);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('hezhang-')));
      return (await cache.keys()).map((r) => r.url);
    });
    assert.ok(cached.length >= 6 && cached.every((u) => u.startsWith(folder.base)), cached.join(' '));
    await page.goto(`${folder.base}embed.html?src=samples/shanxi-jincheng-zwfw-2022.txt&finding=PROC-TOTAL`);
    await page.locator('#embed-finding').waitFor({ timeout: 30_000 });
    assert.ok((await page.locator('#embed-open').getAttribute('href')).startsWith(`${folder.base}index.html?src=`));
    assertClean(log, folder.base);
    assert.ok(log.requests.filter((u) => u.startsWith('http')).every((u) => u.startsWith(folder.base)), 'nothing outside the folder');
  } finally {
    await context.close();
    await folder.close();
  }
});

test('offline: after the first visit the app reloads and checks the sample with the network cut off', async () => {
  const own = await serveDist();
  const { context, page, log } = await openPage(browser);
  try {
    await gotoApp(page, own.base);
    // The service worker is installed, active and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
    });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('hezhang-')));
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    for (const re of [/\/index\.html$/, /\/embed\.html$/, /_bg\.wasm$/, /\.css$/, /\/boot\.js$/, /\/samples\//]) {
      assert.ok(cached.some((p) => re.test(p)), `${re} is cached: ${cached.join(' ')}`);
    }
    // Cut the network: the server is gone and the browser is offline.
    await own.close();
    await context.setOffline(true);
    await page.reload();
    await page.locator('#check-btn').waitFor({ timeout: 30_000 });
    await page.locator('#boot').waitFor({ state: 'detached', timeout: 30_000 });
    await page.click('#sample-btn');
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('td.mark.stated', { hasText: STATED }).count(), 1);
    // The embed page too.
    await page.goto(`${own.base}embed.html?src=samples/shanxi-jincheng-zwfw-2022.txt&finding=PROC-TOTAL`);
    await page.locator('#embed-finding').waitFor({ timeout: 30_000 });
    assert.deepEqual(log.errors, [], 'no console or page errors');
  } finally {
    await context.close();
  }
});

test('offline: the lazily loaded file reader (worker) is cached when first used and reads a workbook offline', async () => {
  const own = await serveDist();
  const { context, page, log } = await openPage(browser);
  const workbook = { name: 'a.xlsx', mimeType: 'application/octet-stream', buffer: xlsx(PROCUREMENT) };
  try {
    await gotoApp(page, own.base);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
    });
    const cachedNames = () =>
      page.evaluate(async () => {
        const keys = await caches.keys();
        const cache = await caches.open(keys.find((k) => k.startsWith('hezhang-')));
        return (await cache.keys()).map((r) => new URL(r.url).pathname);
      });
    const worker = (names) => names.filter((p) => /hezhang-worker/.test(p));
    assert.deepEqual(worker(await cachedNames()), [], 'the reader is not fetched before a file needs it');
    await page.setInputFiles('#file', workbook);
    await page.locator('td.mark.stated', { hasText: STATED }).waitFor({ timeout: 30_000 });
    const names = await cachedNames();
    assert.ok(worker(names).some((p) => p.endsWith('_bg.wasm')), `the reader's wasm is cached: ${names.join(' ')}`);

    await own.close();
    await context.setOffline(true);
    await page.reload();
    await page.locator('#boot').waitFor({ state: 'detached', timeout: 30_000 });
    await page.setInputFiles('#file', workbook);
    await page.locator('td.mark.stated', { hasText: STATED }).waitFor({ timeout: 30_000 });
    assert.deepEqual(log.errors, [], 'no console or page errors');
  } finally {
    await context.close();
  }
});

test('the printable report: verdict, findings, annotated tables, file name and SHA-256, version and date', async () => {
  const { context, page, log } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(reportLink());
    await page.locator('#verdict').waitFor({ timeout: 30_000 });
    await page.locator('#print-sha256').waitFor({ state: 'attached' });
    const sha = createHash('sha256').update(sample).digest('hex');
    assert.equal(await page.locator('#print-sha256').textContent(), sha, 'the SHA-256 of the file’s bytes');
    const verdict = (await page.locator('#verdict .verdict-text').textContent()).trim();
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const nFindings = await page.locator('.print-finding').count();
    assert.ok(nFindings > 0);

    const pdf = join(OUT, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
    const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    const squeeze = (s) => s.replace(/\s+/g, '');
    for (const s of [
      '核账核对报告',
      '晋城 政务服务中心 2022.txt',
      sha,
      today,
      '核账 0.',
      STATED,
      COMPUTED,
      '政府采购',
      '表中数',
      '计算数',
    ]) {
      assert.ok(squeeze(text).includes(squeeze(s)), `the PDF shows ${s}`);
    }
    assert.ok(squeeze(text).includes(squeeze(verdict)), `the PDF shows the verdict ${verdict}`);
    assert.ok(!text.includes('分享与嵌入'), 'no share panel in print');
    assert.ok(!text.includes('选择文件') && !text.includes('导出 JSON'), 'no input, no buttons in print');
    // Pages as images, for a person to look at.
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, join(OUT, 'report-page')]);
    assertClean(log);
  } finally {
    await context.close();
  }
});
