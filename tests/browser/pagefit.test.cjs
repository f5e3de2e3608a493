// Issue 26 in Chromium: the page fits its window and says what it did —
// indicator values in view at 1366 and 1024 px, the 原表 drawn with its
// merged cells and each row's reading in words, a re-reading's ripple shown
// and undoable, a paste checked at once, the printed report under the page's
// CSP, and the small things (apply button, 计算核对, Esc, 应为, 新建, drawer,
// the unknown-form message). Every test asserts the page made no network request.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const b = require('./browser.cjs');

const { seed, office } = b;
const { S2024, S2022, TARGET } = b.SEEDS;
const merged = path.join(b.fixtures, 'office-merged', 'target-merged-texts.xlsx');

const { fresh, loadFiles } = b.chromiumSuite(test);

// Runs in the page: how the indicator table sits in its pane.
function indicatorFit() {
  const t = document.querySelector('table[data-section="indicators"]');
  const box = t.parentElement.getBoundingClientRect();
  const heads = [...t.tHead.rows[0].cells].map((c) => ({ name: c.textContent, left: c.getBoundingClientRect().left, right: c.getBoundingClientRect().right }));
  const cells = [...t.querySelectorAll('tbody textarea, tbody input')];
  const clipped = cells.filter((el) => {
    const r = el.getBoundingClientRect();
    return r.right > box.right + 1 || r.left < box.left - 1 || el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 1;
  }).map((el) => el.id + ' ' + el.value);
  return { overflow: t.parentElement.scrollWidth - t.parentElement.clientWidth, boxLeft: box.left, boxRight: box.right, heads, clipped,
    cells: cells.length };
}

test('indicator table: every column and value in view at 1366 and 1024 px, texts wrapped, no sideways scrolling', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(TARGET + '.txt')]);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await page.waitForTimeout(100);
    const m = await page.evaluate(indicatorFit);
    assert.ok(m.cells > 200, 'the table is drawn');
    assert.equal(m.overflow, 0, width + ' px: the indicator table scrolls sideways');
    for (const h of m.heads) assert.ok(h.right <= m.boxRight + 1 && h.left >= m.boxLeft - 1, width + ' px: column ' + h.name + ' is cut');
    assert.deepEqual(m.clipped, [], width + ' px: cells whose text is not all in view');
    await page.evaluate(() => document.getElementById('section-indicators').scrollIntoView());
    await b.shot(page, 'indicators-' + width);
  }
  // Narrower than the table can go: it scrolls, and the row number, 一级 and 二级 stay in view.
  await page.setViewportSize({ width: 560, height: 700 });
  const sticky = await page.evaluate(() => {
    const t = document.querySelector('table[data-section="indicators"]'), box = t.parentElement;
    box.scrollLeft = box.scrollWidth;
    const cell = (k) => document.getElementById('cell-indicators-3-' + k).closest('td').getBoundingClientRect();
    return { scrolled: box.scrollLeft, left: box.getBoundingClientRect().left, level1: cell('level1').left, level2: cell('level2').left,
      name: cell('name').left };
  });
  assert.ok(sticky.scrolled > 0, 'the table scrolls at 560 px');
  assert.ok(sticky.level1 >= sticky.left && sticky.level1 < sticky.left + 60, JSON.stringify(sticky));
  assert.ok(sticky.level2 >= sticky.left && sticky.level2 < sticky.left + 130, JSON.stringify(sticky));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.close();
});

test('原表: merged cells drawn with their spans, rows compact until opened, each row said in words', async () => {
  const { page, errors } = await fresh();
  await loadFiles(page, [merged]);
  await page.click('#view-source');
  await page.waitForSelector('#section-source table');
  // The merges of the sheet: 单位主要职能 over two rows, the texts across C:G, the funds label down 18 rows.
  const span = (id) => page.evaluate((i) => { const td = document.getElementById(i); return td && [td.rowSpan, td.colSpan, td.dataset.col]; }, id);
  assert.deepEqual(await span('src-4-1'), [2, 1, 'A']);
  assert.deepEqual(await span('src-4-3'), [1, 5, 'C']);
  assert.deepEqual(await span('src-6-1'), [18, 1, 'A']);
  assert.deepEqual(await span('src-27-1'), [9, 1, 'A']);
  // No row is laid out past the others: the long 单位主要职能 shows three lines, and the money rows start near the top.
  const rows = await page.$$eval('#section-source tbody tr', (trs) => trs.map((tr) => [tr.dataset.line, tr.getBoundingClientRect().height]));
  assert.ok(Math.max(...rows.map((r) => r[1])) < 160, 'rows stay compact: ' + JSON.stringify(rows.filter((r) => r[1] >= 160)));
  const top = await page.evaluate(() => document.querySelector('#section-source tr[data-line="12"]').getBoundingClientRect().top -
    document.querySelector('#section-source table').getBoundingClientRect().top);
  assert.ok(top < 800, 'the money rows start ' + top + ' px down');
  // Opened on demand: the whole text.
  await page.click('#src-4-3 .src-more');
  const opened = await page.evaluate(() => { const d = document.querySelector('#src-4-3 .src-text'); return [d.scrollHeight, d.clientHeight, d.textContent.length]; });
  assert.ok(opened[0] <= opened[1] + 1 && opened[2] > 200, JSON.stringify(opened));
  assert.equal(await page.getAttribute('#src-4-3 .src-more', 'aria-expanded'), 'true');
  // What each row became, in words.
  const said = (line) => page.textContent(`#section-source tr[data-line="${line}"] .src-what`);
  assert.equal(await said(12), '资金·收入·国有资本金');
  assert.equal(await said(18), '资金·支出·项目支出');
  assert.equal(await said(27), '指标·决策·计划制定·工作计划制定健全性');
  assert.equal(await said(28), '指标·决策·计划制定·中长期规划制定健全性');
  assert.equal(await said(4), '文字·单位主要职能');
  assert.equal(await said(26), '列标题');
  await page.evaluate(() => document.querySelector('#section-source tr[data-line="1"]').scrollIntoView());
  await b.shot(page, 'source-merged-1366');
  await page.setViewportSize({ width: 1024, height: 768 });
  await b.shot(page, 'source-merged-1024');
  await page.setViewportSize({ width: 1366, height: 768 });
  // A Word table's spans: the .docx of the seed draws its vertical merges too.
  await loadFiles(page, [office(TARGET + '.docx')]);
  await page.waitForSelector('#section-source table');
  assert.ok(await page.$$eval('#section-source td[rowspan]', (tds) => tds.length) > 5, 'the .docx vMerge groups are drawn merged');
  assert.deepEqual(errors, []);
  await page.close();
});

// The indicator rows of the active form, line -> 一级·二级·name.
const indicatorLines = (page) => page.evaluate(() => {
  const d = window.FormCheckApp.state.docs[window.FormCheckApp.state.active];
  const out = {};
  d.model.indicators.forEach((r) => { out[r.src.line] = [r.level1, r.level2, r.key_work, r.project, r.name].filter(Boolean).join('·'); });
  return out;
});

test('原表: a 一级 set on one row lists every row the re-reading changed, and Ctrl+Z takes it all back', async () => {
  const { page, errors } = await fresh();
  await loadFiles(page, [seed(TARGET + '.txt')]);
  await page.click('#view-source');
  const before = await indicatorLines(page);
  // The first 过程 row said to be 决策: the rows after it may follow into another group.
  const line = Number(Object.keys(before).find((l) => before[l].startsWith('过程')));
  await page.selectOption(`#section-source select[aria-label="第 ${line} 行属于"]`, '决策');
  await page.waitForFunction(() => /重新读取/.test(document.getElementById('status').textContent) && !document.body.hasAttribute('aria-busy'));
  const after = await indicatorLines(page);
  const moved = Object.keys(after).filter((l) => after[l] !== before[l]).map(Number).sort((x, y) => x - y);
  assert.ok(moved.includes(line), 'the row itself changed');
  assert.ok(moved.length > 1, 'the change ripples to other rows: ' + JSON.stringify(moved));
  // Every one of them is listed and marked, each with what it was and what it is now.
  const listed = await page.$$eval('#source-changes li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(listed.map((t) => Number(/第 (\d+) 行/.exec(t)[1])), moved);
  for (const l of moved) {
    const text = listed.find((t) => t.startsWith('第 ' + l + ' 行'));
    assert.ok(text.includes(before[l]) && text.includes(after[l]), text);
  }
  assert.deepEqual(await page.$$eval('#section-source tr.src-changed', (trs) => trs.map((tr) => Number(tr.dataset.line))), moved);
  assert.match(await page.textContent('#status'), new RegExp(moved.length + ' 行的识别随之改变'));
  await b.shot(page, 'source-ripple');
  // One undo step takes the statement and its ripple back; redo puts them again.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => /已撤销/.test(document.getElementById('status').textContent) && !document.body.hasAttribute('aria-busy'));
  await page.waitForFunction(() => !document.getElementById('source-changes'));
  assert.deepEqual(await indicatorLines(page), before);
  assert.equal(await page.inputValue(`#section-source select[aria-label="第 ${line} 行属于"]`), '');
  await page.keyboard.press('Control+y');
  await page.waitForSelector('#source-changes');
  assert.deepEqual(await indicatorLines(page), after);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a table pasted into the box is checked at once; Ctrl+Enter checks what is there', async () => {
  const { page } = await fresh();
  await page.focus('#paste');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.getElementById('paste').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, fs.readFileSync(seed(S2022 + '.txt'), 'utf8'));
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1 && !document.body.hasAttribute('aria-busy'));
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs[0].model.kind), 'selfeval');
  await page.click('#paste-table');
  await page.fill('#paste', fs.readFileSync(seed(TARGET + '.txt'), 'utf8'));
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 2 && !document.body.hasAttribute('aria-busy'));
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs[1].model.kind), 'target');
  await page.close();
});

test('the printed report under the page CSP: widths by class, the advice whole, the table within the page, no console error', async () => {
  const { page, errors } = await fresh();
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.sample));
  });
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-error.txt'), seed(S2022 + '.txt')]);
  await page.evaluate(() => window.FormCheckApp.open(0));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const m = await page.evaluate(() => {
    const t = document.querySelector('#report .findings-table');
    const widths = [...t.tHead.rows[0].cells].map((c) => Math.round(c.getBoundingClientRect().width));
    const report = document.getElementById('report').getBoundingClientRect();
    const cut = [...t.querySelectorAll('td')].filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent);
    const fixes = [...t.tBodies[0].rows].map((tr) => tr.cells[4].textContent);
    return { widths, right: t.getBoundingClientRect().right, reportRight: report.right, cut, fixes };
  });
  const [sev, place, msg, values, fix, rule] = m.widths;
  assert.ok(sev < place && place < msg && values < fix && rule < msg, 'columns by class, not equal: ' + m.widths);
  assert.ok(m.right <= m.reportRight - 0.5, 'the table and its outer border stay within the page: ' + m.right + ' / ' + m.reportRight);
  assert.deepEqual(m.cut, []);
  const shown = await page.evaluate(() => { const d = window.FormCheckApp.state.docs[0]; return (d.importFindings || []).concat(d.result.findings).map((f) => f.fix || ''); });
  for (const f of m.fixes) assert.ok(shown.includes(f) && !/…$/.test(f), 'the advice printed whole: ' + f);
  assert.ok(m.fixes.some((f) => f.length > 120), 'a long advice is in the report');
  fs.mkdirSync(b.shots, { recursive: true });
  await page.pdf({ path: path.join(b.shots, 'report-csp.pdf'), format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('small things: apply button, 计算核对, Esc, 应为, 新建, the collapsed drawer, the unknown-form message', async () => {
  const { page, errors } = await fresh();
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-error.txt'), seed(S2024 + '.txt'), seed(S2022 + '.txt')]);
  await page.evaluate(() => window.FormCheckApp.open(0));
  await page.setViewportSize({ width: 1024, height: 768 });
  // 应用修改 on one line, whole.
  const buttons = await page.$$eval('.finding button.apply', (bs) => bs.map((x) => [x.getBoundingClientRect().height, x.scrollWidth - x.clientWidth, x.getBoundingClientRect().width]));
  assert.ok(buttons.length > 0);
  for (const [height, over, width] of buttons) assert.ok(height < 30 && over <= 0 && width > 50, JSON.stringify(buttons));
  // 计算核对: each result on one line.
  await page.evaluate(() => window.FormCheckApp.open(1));
  const results = await page.$$eval('.calc tbody td:last-child', (tds) => tds.map((td) => {
    const r = document.createRange();
    r.selectNodeContents(td);
    return [td.textContent, new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size];
  }));
  assert.ok(results.length > 0);
  for (const [text, lines] of results) assert.equal(lines, 1, text + ' wraps over ' + lines + ' lines');
  // No empty 应为 box: only the values a finding has (the 2022 report's value-syntax warning has a filled value, no expected one).
  await page.evaluate(() => window.FormCheckApp.open(2));
  const syntax = page.locator('.finding:has-text("indicator.value_syntax") .values').first();
  assert.match(await syntax.textContent(), /^填报：/);
  assert.equal(await page.$$eval('.finding .values code', (cs) => cs.filter((c) => !c.textContent).length), 0);
  await page.evaluate(() => window.FormCheckApp.open(1));
  // Esc takes a cell back to what it held.
  await page.focus('#cell-budget_info-0-initial');
  const was = await page.inputValue('#cell-budget_info-0-initial');
  await page.keyboard.type('999');
  await page.keyboard.press('Escape');
  assert.equal(await page.inputValue('#cell-budget_info-0-initial'), was);
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs[1].model.budget_info[0].initial), was);
  // The collapsed drawer still says the counts.
  await page.setViewportSize({ width: 800, height: 700 });
  await page.click('#drawer-toggle');
  const drawer = await page.evaluate(() => {
    const s = document.getElementById('summary'), r = s.getBoundingClientRect();
    return { text: s.textContent, visible: r.height > 0 && r.bottom <= innerHeight && r.top >= 0 && getComputedStyle(s).visibility !== 'hidden',
      panel: document.querySelector('.panel').getBoundingClientRect().height };
  });
  assert.ok(drawer.visible && /错误/.test(drawer.text) && drawer.panel < 90, JSON.stringify(drawer));
  await b.shot(page, 'layout-800-drawer-collapsed');
  await page.click('#drawer-toggle');
  await page.setViewportSize({ width: 1366, height: 768 });
  // 新建: the status says so.
  await page.click('#new-target');
  await page.click('#new-create');
  await page.waitForSelector('#cell-funds-income-0-full');
  const said = await page.textContent('#status');
  assert.doesNotMatch(said, /就绪/);
  assert.match(said, /已新建部门整体预算绩效目标表/);
  // An unknown form is told the four kinds, not "these two".
  await page.click('#paste-table');
  await page.fill('#paste', '甲\t乙\n丙\t丁');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 5 && !document.body.hasAttribute('aria-busy'));
  const unknown = await page.textContent('#findings');
  assert.match(unknown, /这四类表单之一/);
  assert.doesNotMatch(unknown, /两类/);
  assert.deepEqual(errors, []);
  await page.close();
});
