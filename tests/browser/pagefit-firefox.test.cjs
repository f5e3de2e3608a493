// Issue 26 in Firefox ESR (puppeteer-core over WebDriver BiDi): the indicator
// values in view at 1366 and 1024 px (Firefox has no CSS field-sizing: the
// page sizes the wrapping cells), the 原表 with its merges and each row in
// words, a re-reading's ripple listed and undone, Ctrl+Enter in the paste
// box, the printed report under the CSP, and the small things. Every test
// asserts the page made no network request. (Named to run after
// page.test.cjs, which clears build/screenshots, so its screenshots stay.)
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const b = require('./browser.cjs');
const ff = require('./firefox.cjs');

const { seed, office } = b;
const { S2024, S2022, TARGET } = b.SEEDS;
const merged = path.join(b.fixtures, 'office-merged', 'target-merged-texts.xlsx');

let browser, userDataDir, page, net, errors;

test.before(async () => {
  ({ browser, userDataDir } = await ff.launch());
  page = await browser.newPage();
  net = ff.watchNetwork(page, [b.pageUrl]);
  errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(b.pageUrl);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
});
test.after(async () => {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});
test.afterEach(() => {
  assert.deepEqual(net, [], 'the page made network requests');
});

const idle = (n) => page.waitForFunction((k) => window.FormCheckApp.state.docs.length === k &&
  !document.body.hasAttribute('aria-busy'), { timeout: 60000 }, n);
async function clear() {
  await page.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
  await idle(0);
}
async function upload(...files) {
  const n = await page.evaluate(() => window.FormCheckApp.state.docs.length);
  await (await page.$('#file')).uploadFile(...files);
  await idle(n + files.length);
}
async function shot(name) {
  fs.mkdirSync(b.shots, { recursive: true });
  await page.screenshot({ path: path.join(b.shots, name + '.png') });
}
const ctrl = async (key) => { await page.keyboard.down('Control'); await page.keyboard.press(key); await page.keyboard.up('Control'); };

test('Firefox: the indicator table fits at 1366 and 1024 px, every value whole', async () => {
  await clear();
  await upload(seed(TARGET + '.txt'));
  for (const width of [1366, 1024]) {
    await page.setViewport({ width, height: 768 });
    // The wrapping cells are sized after layout (a frame) and after a resize (150 ms).
    await new Promise((r) => setTimeout(r, 400));
    const m = await page.evaluate(() => {
      const t = document.querySelector('table[data-section="indicators"]');
      const box = t.parentElement.getBoundingClientRect();
      const heads = [...t.tHead.rows[0].cells].filter((c) => c.getBoundingClientRect().right > box.right + 1).map((c) => c.textContent);
      const clipped = [...t.querySelectorAll('tbody textarea, tbody input')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > box.right + 1 || el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 1;
      }).map((el) => el.id + ' ' + el.value);
      return { overflow: t.parentElement.scrollWidth - t.parentElement.clientWidth, heads, clipped };
    });
    assert.equal(m.overflow, 0, width + ' px scrolls sideways');
    assert.deepEqual(m.heads, [], width + ' px: columns cut');
    assert.deepEqual(m.clipped, [], width + ' px: cells not whole');
    await page.evaluate(() => document.getElementById('section-indicators').scrollIntoView());
    await shot('firefox-indicators-' + width);
  }
  await page.setViewport({ width: 1366, height: 768 });
});

test('Firefox: 原表 draws the merges, keeps rows compact, says what each row became', async () => {
  await clear();
  await upload(merged);
  await page.click('#view-source');
  await page.waitForSelector('#section-source table');
  const spans = await page.evaluate(() => ['src-4-1', 'src-4-3', 'src-6-1'].map((id) => {
    const td = document.getElementById(id);
    return [td.rowSpan, td.colSpan];
  }));
  assert.deepEqual(spans, [[2, 1], [1, 5], [18, 1]]);
  const tallest = await page.$$eval('#section-source tbody tr', (trs) => Math.max(...trs.map((tr) => tr.getBoundingClientRect().height)));
  assert.ok(tallest < 160, 'rows stay compact: ' + tallest);
  assert.equal(await page.$eval('#section-source tr[data-line="12"] .src-what', (e) => e.textContent), '资金·收入·国有资本金');
  assert.equal(await page.$eval('#section-source tr[data-line="27"] .src-what', (e) => e.textContent), '指标·决策·计划制定·工作计划制定健全性');
  await page.click('#src-4-3 .src-more');
  assert.ok(await page.$eval('#src-4-3 .src-text', (d) => d.scrollHeight <= d.clientHeight + 1));
  await shot('firefox-source-merged-1366');
  await upload(office(TARGET + '.docx'));
  await page.waitForSelector('#section-source table');
  assert.ok(await page.$$eval('#section-source td[rowspan]', (tds) => tds.length) > 5);
  await page.click('#view-form');
});

test('Firefox: a 一级 statement lists every row it changed; Ctrl+Z takes it back', async () => {
  await clear();
  await upload(seed(TARGET + '.txt'));
  await page.click('#view-source');
  const lines = () => page.evaluate(() => {
    const out = {};
    window.FormCheckApp.state.docs[0].model.indicators.forEach((r) => { out[r.src.line] = [r.level1, r.level2, r.name].join('·'); });
    return out;
  });
  const before = await lines();
  const line = Number(Object.keys(before).find((l) => before[l].startsWith('过程')));
  await page.select(`#section-source select[aria-label="第 ${line} 行属于"]`, '决策');
  await page.waitForFunction(() => /重新读取/.test(document.getElementById('status').textContent) && !document.body.hasAttribute('aria-busy'));
  const after = await lines();
  const moved = Object.keys(after).filter((l) => after[l] !== before[l]).map(Number).sort((x, y) => x - y);
  assert.ok(moved.length > 1);
  assert.deepEqual(await page.$$eval('#section-source tr.src-changed', (trs) => trs.map((tr) => Number(tr.dataset.line))), moved);
  await page.focus('#view-source');
  await ctrl('z');
  await page.waitForFunction(() => !document.getElementById('source-changes') && !document.body.hasAttribute('aria-busy'));
  assert.deepEqual(await lines(), before);
  await page.click('#view-form');
});

test('Firefox: Ctrl+Enter in the paste box checks at once', async () => {
  await clear();
  await page.evaluate((t) => { document.getElementById('paste').value = t; }, fs.readFileSync(seed(S2024 + '.txt'), 'utf8'));
  await page.focus('#paste');
  await ctrl('Enter');
  await idle(1);
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs[0].model.kind), 'selfeval');
});

test('Firefox: the printed report under the CSP: no console error, widths by class, advice whole', async () => {
  await clear();
  errors.length = 0;
  await upload(path.join(b.fixtures, 'changzhou-target-error.txt'));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const m = await page.evaluate(() => {
    const cols = [...document.querySelectorAll('#report .findings-table col')].map((c) => c.className);
    const styled = document.querySelectorAll('#report [style]').length;
    const fixes = [...document.querySelectorAll('#report .findings-table tbody tr')].map((tr) => tr.cells[4].textContent);
    const d = window.FormCheckApp.state.docs[0];
    const all = (d.importFindings || []).concat(d.result.findings).map((f) => f.fix || '');
    return { cols, styled, whole: fixes.every((f) => all.includes(f)) };
  });
  assert.deepEqual(m.cols, ['col-sev', 'col-place', 'col-msg', 'col-values', 'col-fix', 'col-rule']);
  // 应用修改 on one line, beside the findings at 1024 px.
  await page.setViewport({ width: 1024, height: 768 });
  const buttons = await page.$$eval('.finding button.apply', (bs) => bs.map((x) => [x.getBoundingClientRect().height, x.scrollWidth - x.clientWidth]));
  assert.ok(buttons.length > 0 && buttons.every(([h, over]) => h < 30 && over <= 0), JSON.stringify(buttons));
  await page.setViewport({ width: 1366, height: 768 });
  assert.equal(m.styled, 0);
  assert.ok(m.whole);
  assert.deepEqual(errors, []);
});

test('Firefox: Esc cancels a cell edit; 新建 says so; the collapsed drawer keeps the counts; no empty 应为', async () => {
  await clear();
  await upload(seed(S2022 + '.txt'));
  assert.equal(await page.$$eval('.finding .values code', (cs) => cs.filter((c) => !c.textContent).length), 0);
  assert.ok(await page.$$eval('.finding .values', (vs) => vs.some((v) => /^填报：/.test(v.textContent))));
  await clear();
  await upload(seed(S2024 + '.txt'));
  // 计算核对: each result on one line.
  const lines = await page.$$eval('.calc tbody td:last-child', (tds) => tds.map((td) => {
    const r = document.createRange();
    r.selectNodeContents(td);
    return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
  }));
  assert.ok(lines.length > 0 && lines.every((n) => n === 1), JSON.stringify(lines));
  await page.focus('#cell-budget_info-0-initial');
  const was = await page.$eval('#cell-budget_info-0-initial', (e) => e.value);
  await page.keyboard.type('999');
  await page.keyboard.press('Escape');
  assert.equal(await page.$eval('#cell-budget_info-0-initial', (e) => e.value), was);
  await page.setViewport({ width: 800, height: 700 });
  await page.click('#drawer-toggle');
  const visible = await page.evaluate(() => {
    const r = document.getElementById('summary').getBoundingClientRect();
    return r.height > 0 && r.bottom <= innerHeight && /错误/.test(document.getElementById('summary').textContent);
  });
  assert.ok(visible);
  await page.click('#drawer-toggle');
  await page.setViewport({ width: 1366, height: 768 });
  await page.click('#new-selfeval');
  await page.waitForSelector('#new-dialog[open]');
  await page.click('#new-create');
  await page.waitForSelector('#cell-budget_info-0-initial');
  assert.match(await page.$eval('#status', (e) => e.textContent), /已新建整体支出预算绩效自评报告/);
  await clear();
});
