// End-to-end tests of the RELEASE build (dist/, after wasm-opt) in the system Chromium.
// Run: trunk build --release && node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { OUT, SAMPLE, gotoApp, launch, openPage, serveDist } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

// 政府采购: 合计 75,425.00 against 货物 + 工程 + 服务 = 130,652.46 (rule PROC-TOTAL).
const STATED = '75,425.00';
const COMPUTED = '130,652.46';

// The procurement table alone, as GB18030 bytes (not valid UTF-8).
const SMALL_GB18030 = Buffer.from(
  'sr/Dxb72y+O5q7+qz+C52NDFz6LNs7zGse0KCrmrv6oxMLHtCgq1pc67w/uzxqO6vfqzx8rQ1f7O8bf+zvHW0NDECgoyMDIyxOq2yAoKvfC27rWlzrujutSqCgrSu6Gi1f64rrLJubrH6b/2CQkKz+7EvwnQ0LTOCbLJubq98LbuCrrPvMYJMQk3NTQyNS4wMAq79c7vCTIJCrmks8wJMwkKt/7O8Qk0CTEzMDY1Mi40Ngo=',
  'base64',
);

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

/** Open the app, run `body`, then check the page stayed clean and local. */
async function withApp(body, options) {
  const { context, page, log } = await openPage(browser, options);
  try {
    await gotoApp(page, server.base);
    await body(page, log);
    assert.deepEqual(log.errors, [], 'no console or page errors');
    const origin = new URL(server.base).origin;
    const foreign = log.requests.filter(
      (u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    assert.deepEqual(foreign, [], 'no request leaves the app’s own origin');
  } finally {
    await context.close();
  }
}

/** The stated 合计 cell of the procurement table. */
const statedCell = (page) => page.locator('td.mark.stated', { hasText: STATED });
/** The PROC-TOTAL finding in the list. */
const finding = (page) => page.locator('#findings-list .item', { hasText: STATED });

async function loadSample(page) {
  await page.click('#sample-btn');
  await page.locator('#verdict').waitFor();
}

// Focus moves in an effect after Yew renders, which its scheduler may defer to a later task:
// wait for it rather than reading it once.
const FOCUS = {
  cell: () => document.activeElement?.classList.contains('mark'),
  item: () => document.activeElement?.classList.contains('item'),
  verdict: () => document.activeElement?.id === 'verdict',
  cellOrDetail: () =>
    document.activeElement?.classList.contains('mark') || document.activeElement?.id === 'finding-detail',
};

async function waitForFocus(page, where, what) {
  try {
    await page.waitForFunction(FOCUS[where], null, { timeout: 5000 });
  } catch {
    assert.fail(`${what}: focus is on ${JSON.stringify(await focusedInfo(page))}`);
  }
  return focusedInfo(page);
}

async function focusedInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { id: el?.id ?? '', cls: el?.className ?? '', text: el?.textContent ?? '' };
  });
}

test('sample report: the 政府采购 合计 cell is marked and its finding cites both sums', async () => {
  await withApp(async (page) => {
    await loadSample(page);
    const verdict = await page.locator('#verdict').textContent();
    assert.match(verdict, /发现 \d+ 处错误/);
    assert.match(verdict, /共核对 \d+ 项/);
    assert.doesNotMatch(verdict, /没有问题/);

    const cell = statedCell(page);
    await cell.waitFor();
    assert.equal(await cell.count(), 1);
    assert.match(await cell.getAttribute('class'), /\berror\b/);
    assert.equal(await cell.getAttribute('tabindex'), '-1');
    // the cell sits in the procurement table, on the 合计 row
    const row = cell.locator('xpath=..');
    assert.match(await row.locator('th, td').first().textContent(), /合计/);
    assert.match(await row.getAttribute('class'), /\bmarked\b/);

    const item = finding(page);
    assert.equal(await item.count(), 1);
    const text = await item.textContent();
    assert.ok(text.includes(STATED) && text.includes(COMPUTED), text);
    assert.match(text, /错误/);
    // 服务 is a component, lightly marked
    assert.equal(await page.locator('td.mark.component', { hasText: COMPUTED }).count(), 1);
  });
});

test('sample report: a 绩效 (performance) finding marks the cells of its self-evaluation table', async () => {
  await withApp(async (page) => {
    await loadSample(page);
    // PERF-TEXT: the narrative's 执行率 of the 云桌面服务费 project against its table, whose
    // 全年预算数 = 全年执行数 = 492,500 (so 执行率 100)
    const cell = page.locator('td.mark.stated', { hasText: '492,500' });
    await cell.first().waitFor();
    assert.ok((await cell.count()) >= 1);
    const table = cell.first().locator('xpath=ancestor::table[1]');
    assert.match(await table.textContent(), /执行率/);
  });
});

test('choosing the finding focuses its cell and shows the numbers; Esc returns to the list', async () => {
  await withApp(async (page) => {
    await loadSample(page);
    await finding(page).click();
    const f = await waitForFocus(page, 'cell', 'choosing a finding focuses its cell');
    assert.match(f.cls, /\bstated\b/);
    assert.ok(f.text.includes(STATED), f.text);
    const detail = page.locator('#finding-detail');
    await detail.waitFor();
    const d = await detail.textContent();
    for (const s of ['75,425.00', '130,652.46', '-55,227.46', '表中数', '计算数', '差额', '容差']) {
      assert.ok(d.includes(s), `detail shows ${s}`);
    }
    await page.locator('#finding-detail .rule-doc summary').click();
    assert.ok((await page.locator('#finding-detail .rule-doc dl').textContent()).length > 10);
    await page.screenshot({ path: join(OUT, 'desktop-finding.png'), fullPage: false });

    await page.keyboard.press('Escape');
    await waitForFocus(page, 'item', 'Esc returns to the list');
  }, { viewport: { width: 1280, height: 900 } });
});

test('switching to English and back keeps the text and re-renders the results', async () => {
  await withApp(async (page) => {
    await loadSample(page);
    const text = await page.locator('#input').inputValue();
    await page.click('#lang-en');
    await page.locator('#verdict', { hasText: 'Found' }).waitFor();
    const verdict = await page.locator('#verdict').textContent();
    assert.match(verdict, /Found \d+ errors? /);
    assert.match(verdict, /checks? ran/);
    assert.equal(await page.locator('#check-btn').textContent(), 'Check');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const item = await finding(page).textContent();
    assert.ok(item.includes(COMPUTED), item);
    assert.match(item, /Error/);
    assert.equal(await page.locator('#input').inputValue(), text);
    await page.screenshot({ path: join(OUT, 'desktop-en.png') });

    await page.click('#lang-zh-CN');
    await page.locator('#verdict', { hasText: '共核对' }).waitFor();
    assert.equal(await page.locator('#input').inputValue(), text);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  });
});

test('a text file chosen with the file picker is read and checked', async () => {
  await withApp(async (page) => {
    await page.setInputFiles('#file', SAMPLE);
    await page.locator('#verdict').waitFor();
    await statedCell(page).waitFor();
    assert.match(await page.locator('#input-status').textContent(), /shanxi-jincheng-zwfw-2022\.txt/);
    const sample = await readFile(SAMPLE, 'utf8');
    assert.equal(await page.locator('#input').inputValue(), sample);
  });
});

test('a file dropped anywhere on the page is read and checked', async () => {
  await withApp(async (page) => {
    const text = await readFile(SAMPLE, 'utf8');
    const dt = await page.evaluateHandle((t) => {
      const d = new DataTransfer();
      d.items.add(new File([t], 'dropped.txt', { type: 'text/plain' }));
      return d;
    }, text);
    await page.dispatchEvent('.shell', 'dragover', { dataTransfer: dt });
    await page.locator('.drop-overlay').waitFor();
    await page.dispatchEvent('.shell', 'drop', { dataTransfer: dt });
    await page.locator('#verdict').waitFor();
    assert.equal(await page.locator('.drop-overlay').count(), 0);
    assert.match(await page.locator('#input-status').textContent(), /dropped\.txt/);
    await statedCell(page).waitFor();
  });
});

test('a GB18030 file is decoded (TextDecoder fallback) and checked', async () => {
  await withApp(async (page) => {
    await page.setInputFiles('#file', {
      name: 'procurement-gb18030.txt',
      mimeType: 'text/plain',
      buffer: SMALL_GB18030,
    });
    await page.locator('#verdict').waitFor();
    assert.match(await page.locator('#input').inputValue(), /政府采购情况/);
    assert.match(await page.locator('#input-status').textContent(), /GB18030/);
    await statedCell(page).waitFor();
  });
});

test('input errors show the core’s message and keep the text', async () => {
  await withApp(async (page) => {
    await page.fill('#input', 'nothing to see here');
    await page.click('#check-btn');
    const problem = page.locator('#input-problem');
    await problem.waitFor();
    assert.match(await problem.textContent(), /未能识别出决算表格/);
    assert.equal(await page.locator('#input').inputValue(), 'nothing to see here');
    assert.equal(await page.locator('#verdict').count(), 0);
  });
});

test('keyboard only: text box → 核对 → finding → its cell', async () => {
  await withApp(async (page) => {
    const sample = await readFile(SAMPLE, 'utf8');
    let f = { id: '' };
    for (let i = 0; i < 15 && f.id !== 'input'; i++) {
      await page.keyboard.press('Tab');
      f = await focusedInfo(page);
    }
    assert.equal(f.id, 'input', 'Tab reaches the text box');
    await page.keyboard.insertText(sample);
    for (let i = 0; i < 5 && f.id !== 'check-btn'; i++) {
      await page.keyboard.press('Tab');
      f = await focusedInfo(page);
    }
    assert.equal(f.id, 'check-btn', 'Tab reaches 核对');
    await page.keyboard.press('Enter');
    await page.locator('#verdict').waitFor();
    f = await waitForFocus(page, 'verdict', 'focus moves to the verdict');
    for (let i = 0; i < 40 && !/\bitem\b/.test(f.cls); i++) {
      await page.keyboard.press('Tab');
      f = await focusedInfo(page);
    }
    assert.match(f.cls, /\bitem\b/, 'Tab reaches a finding');
    // A visible focus ring
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.press('Enter');
    f = await waitForFocus(page, 'cell', 'Enter moves focus to the finding’s cell');
    assert.ok(f.text.includes(STATED));
    const before = await page.locator('#findings-list .item.current').getAttribute('id');
    await page.keyboard.press('ArrowRight');
    if ((await page.locator('#findings-list .item').count()) > 1) {
      await page.waitForFunction(
        (id) => document.querySelector('#findings-list .item.current')?.id !== id,
        before,
      );
    }
    await waitForFocus(page, 'cellOrDetail', '→ moves to the next finding');
    await page.keyboard.press('Escape');
    await waitForFocus(page, 'item', 'Esc returns to the list');
  });
});

test('exports: JSON is the CLI contract object, CSV has one row per finding', async () => {
  await withApp(async (page) => {
    await loadSample(page);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    assert.equal(json.suggestedFilename(), 'shanxi-jincheng-zwfw-2022.hezhang.json');
    const obj = JSON.parse(await readFile(await json.path(), 'utf8'));
    for (const k of ['file', 'source', 'report', 'tables', 'checks', 'findings']) assert.ok(k in obj, k);
    const proc = obj.findings.find((x) => x.rule === 'PROC-TOTAL');
    assert.ok(proc, 'PROC-TOTAL exported');
    assert.equal(proc.stated, '75425.00');
    assert.equal(proc.computed, '130652.46');
    assert.equal(obj.checks.run, obj.checks.passed + obj.checks.failed);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const raw = await readFile(await csv.path(), 'utf8');
    assert.ok(raw.startsWith('\uFEFF'), 'a byte-order mark for spreadsheet programs');
    const lines = raw.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, obj.findings.length + 1);
    assert.match(lines[0], /^id,rule,severity,title,message,stated,computed,difference,tolerance/);
    assert.ok(lines.some((l) => l.includes('PROC-TOTAL') && l.includes('75425.00')));
  });
});

test('report text is never markup: an HTML payload stays inert text', async () => {
  await withApp(async (page) => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const sample = await readFile(SAMPLE, 'utf8');
    await page.fill('#input', sample.replace('晋城市政务服务中心', payload));
    await page.click('#check-btn');
    await page.locator('#verdict').waitFor();
    assert.equal(await page.locator('#results img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
});

test('accessibility: axe-core finds no serious or critical violations', async () => {
  await withApp(async (page) => {
    await loadSample(page);
    await finding(page).click();
    await page.locator('#finding-detail .rule-doc summary').click();
    // Evaluated through the DevTools protocol, so the page's CSP does not need to allow it.
    await page.evaluate(await readFile(AXE, 'utf8'));
    const result = await page.evaluate(() =>
      window.axe.run(document, { resultTypes: ['violations'] }),
    );
    const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    const describe = (v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`;
    assert.deepEqual(bad.map(describe), []);
    for (const v of result.violations) console.log(`  axe (${v.impact}): ${v.id}`);
  });
});

test('phone width (375 px): the blocks stack and nothing scrolls sideways', async () => {
  await withApp(async (page) => {
    await page.screenshot({ path: join(OUT, 'phone-start.png'), fullPage: true });
    await loadSample(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the page is ${width}px wide on a 375px screen`);
    await page.screenshot({ path: join(OUT, 'phone-results.png'), fullPage: true });
    await finding(page).click();
    await waitForFocus(page, 'cell', 'choosing a finding focuses its cell');
    await page.screenshot({ path: join(OUT, 'phone-finding.png') });
  }, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
});

test('desktop and print layouts (screenshots for review)', async () => {
  await withApp(async (page) => {
    await page.screenshot({ path: join(OUT, 'desktop-start.png') });
    await loadSample(page);
    await page.screenshot({ path: join(OUT, 'desktop-results.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#input').isVisible(), false, 'no input box in print');
    assert.equal(await page.locator('#check-btn').isVisible(), false, 'no buttons in print');
    assert.equal(await page.locator('#verdict').isVisible(), true, 'the verdict is printed');
    assert.equal(await page.locator('.print-report').isVisible(), true);
    await page.screenshot({ path: join(OUT, 'print.png'), fullPage: true });
  }, { viewport: { width: 1280, height: 900 } });
});
