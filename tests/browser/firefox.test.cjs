// The single-file page in real Firefox (Debian's firefox-esr, driven by
// puppeteer-core over WebDriver BiDi), opened over file://: the same path a
// user with Firefox takes. Every test asserts the page made no network request.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const b = require('./browser.cjs');
const ff = require('./firefox.cjs');
const W = require('./workbook.cjs');

const { seed, office } = b;
const { S2024, TARGET } = b.SEEDS;

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
const summary = () => page.$eval('#summary', (e) => e.textContent);
async function clear() {
  await page.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
  await idle(0);
}

test('Firefox: loads from file:// under the strict CSP, checker in a worker', async () => {
  assert.match(await page.$eval('#version', (e) => e.textContent), /^v\d/);
  assert.equal(await page.evaluate(() => typeof window.FormCheckModule), 'undefined');
  assert.equal(await page.evaluate(b.injectedScriptBlocked), true);
  assert.equal(await page.evaluate(() => window.__evil), undefined);
  assert.deepEqual(errors.filter((e) => !/Content-Security-Policy|Content Security Policy/.test(e)), []);
});

test('Firefox: pasted text is checked, findings listed, click goes to the cell', async () => {
  await clear();
  const text = fs.readFileSync(seed(S2024 + '.txt'), 'utf8');
  await page.evaluate((t) => { document.getElementById('paste').value = t; document.getElementById('check-paste').click(); }, text);
  await idle(1);
  assert.equal(await summary(), '1 个错误 / 2 个警告 / 3 条提示');
  await page.click('.sev-error .finding-go');
  const id = await page.evaluate(() => document.activeElement.id);
  assert.match(id, /^cell-evaluation-\d+-reason$/);
  // Checked by the page-core module: the full module (lazy part) was not decoded.
  assert.equal(await page.evaluate(() => window.FormCheckFull.decoded), false);
});

test('Firefox: an .xls is read by the full module, decoded from the page on first use, as its .xlsx', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(office(TARGET + '.xlsx'), office(TARGET + '.xls'));
  await idle(2);
  assert.equal(await page.evaluate(() => window.FormCheckFull.decoded), true);
  const got = await page.evaluate(() => window.FormCheckApp.state.docs.map((d) => ({
    indicators: d.model.indicators.length, rules: d.result.findings.map((f) => f.rule).join(' ') })));
  assert.ok(got[0].indicators > 0);
  assert.deepEqual(got[1], got[0]);
});

test('Firefox: .xlsx and .docx files import to the same form as the text', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(office(TARGET + '.xlsx'), office(TARGET + '.docx'), seed(TARGET + '.txt'));
  await idle(3);
  const counts = await page.evaluate(() => window.FormCheckApp.state.docs.map((d) => d.model.indicators.length));
  assert.equal(new Set(counts).size, 1, 'same indicator count: ' + counts);
  assert.ok(counts[0] > 0);
});

test('Firefox: apply fix, export CSV and JSON, the JSON re-imports', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(path.join(b.fixtures, 'changzhou-target-error.txt'));
  await idle(1);
  assert.match(await summary(), /^3 个错误/);
  await page.evaluate(() => [...document.querySelectorAll('.finding')]
    .find((f) => f.textContent.includes('money.income_total')).querySelector('button.apply').click());
  await page.waitForFunction(() => /^1 个错误/.test(document.getElementById('summary').textContent));
  assert.equal(await page.$eval('#cell-funds-income-0-full', (e) => e.value), '100.00');
  // Exports are blob downloads: catch the anchor the page clicks and read its blob.
  const exported = await page.evaluate(async () => {
    const got = [];
    const orig = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () { got.push({ name: this.download, url: this.href }); };
    try {
      document.getElementById('export-json').click();
      document.getElementById('export-csv').click();
    } finally { HTMLAnchorElement.prototype.click = orig; }
    return Promise.all(got.map(async (g) => {
      const bytes = new Uint8Array(await (await fetch(g.url)).arrayBuffer());
      return { name: g.name, bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, text: new TextDecoder().decode(bytes) };
    }));
  });
  assert.equal(exported.length, 2);
  const model = JSON.parse(exported[0].text);
  assert.equal(model.funds.income[0].full, '100.00');
  assert.ok(exported[1].bom, 'the CSV starts with a UTF-8 BOM so Excel reads it as UTF-8');
  assert.match(exported[1].text, /满意度/);
  // The exported JSON loads back as the corrected form.
  const file = path.join(userDataDir, exported[0].name);
  fs.writeFileSync(file, exported[0].text);
  await clear();
  await (await page.$('#file')).uploadFile(file);
  await idle(1);
  assert.match(await summary(), /^1 个错误/);
});

// Issue #26 items 5 and 7.
test('Firefox: an .xlsx exports as the clerk\'s own workbook, annotated; a form\'s findings are the same alone and in a batch', async () => {
  await clear();
  await (await page.$('#file')).uploadFile(W.workbookFixture);
  await idle(1);
  const at = await page.evaluate(() => {
    const m = window.FormCheckApp.state.docs[0].model;
    return { grant: m.funds.income.findIndex((r) => r.name === '财政拨款'), rate: m.indicators.findIndex((r) => r.full === '≥120%') };
  });
  await W.edit(page, `cell-funds-income-${at.grant}-full`, '90');
  await W.edit(page, `cell-indicators-${at.rate}-full`, '≥100%');
  await page.waitForFunction(() => {
    const d = window.FormCheckApp.state.docs[0];
    return d.result && d.result.rechecked && d.model.indicators.some((r) => r.full === '≥100%') && !document.body.hasAttribute('aria-busy');
  }, { timeout: 20000 });
  const doc = await page.evaluate(() => {
    const d = window.FormCheckApp.state.docs[0];
    return { model: d.model, sheets: d.workbook.sheets, findings: (d.importFindings || []).concat(d.result.findings.filter((f) => !(d.importFindings && f.rule.startsWith('import.')))) };
  });
  const exported = await W.exportXlsx(page);
  assert.match(exported.status, /已导出原工作簿/);
  W.verifyAnnotated(exported, { findings: doc.findings, model: doc.model, sheets: doc.sheets, edits: { E8: '90', G53: '≥100%' }, name: 'workbook-export-firefox' });

  const file = path.join(b.fixtures, 'changzhou-target-untitled-expense.txt');
  const own = () => page.evaluate(() => window.FormCheckApp.state.docs.map((d) => ({ path: d.path,
    findings: (d.importFindings || []).concat(d.result.findings.filter((f) => !f.rule.startsWith('import.')))
      .filter((f) => !f.rule.startsWith('cross.')).map((f) => f.rule + ' ' + f.message).sort() })));
  await clear();
  await (await page.$('#file')).uploadFile(file);
  await idle(1);
  assert.match(await summary(), /^1 个错误 \/ 0 个警告 \/ 1 条提示/);
  const alone = (await own())[0];
  await clear();
  await (await page.$('#file')).uploadFile(path.join(b.fixtures, 'changzhou-target-fixed.txt'), file, seed(S2024 + '.txt'));
  await idle(3);
  const inBatch = (await own()).find((d) => d.path === path.basename(file));
  assert.deepEqual(inBatch.findings, alone.findings);
});

test('Firefox: a form from text exports template-shaped: one A4 page wide, wrapped rows tall enough, no "## " in the title', async () => {
  await clear();
  const file = path.join(userDataDir, 'hash-title.txt');
  fs.writeFileSync(file, '## ' + fs.readFileSync(seed('changzhou-target-example.txt'), 'utf8'));
  await (await page.$('#file')).uploadFile(file);
  await idle(1);
  const exported = await W.exportXlsx(page);
  W.verifyTemplate(exported, { title: '常州市市级部门整体预算绩效目标表', name: 'export-template-firefox' });
});

// (Block paste is tested in Chromium: Firefox hands a script-made paste event an empty clipboard.)
test('Firefox: spreadsheet habits, undo and redo of a row added, 清空 asks and can be undone', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(seed(S2024 + '.txt'));
  await idle(1);
  await page.focus('#cell-budget_info-0-initial');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-budget_info-1-initial');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-budget_info-2-initial');
  const rows = await page.$$eval('#section-budget_info tbody tr', (r) => r.length);
  await page.evaluate(() => [...document.querySelectorAll('#section-budget_info button')].find((x) => /添加一行/.test(x.textContent)).click());
  await page.waitForSelector(`#cell-budget_info-${rows}-initial`);
  await page.focus('#cell-header--1-unit');
  await page.keyboard.down('Control');
  await page.keyboard.press('z');
  await page.keyboard.up('Control');
  await page.waitForFunction((n) => document.querySelectorAll('#section-budget_info tbody tr').length === n, {}, rows);
  await page.keyboard.down('Control');
  await page.keyboard.press('y');
  await page.keyboard.up('Control');
  await page.waitForFunction((n) => document.querySelectorAll('#section-budget_info tbody tr').length === n, {}, rows + 1);
  // 清空 asks; confirmed, it can be undone.
  await page.click('#clear');
  assert.equal(await page.evaluate(() => document.getElementById('clear-dialog').open), true);
  await page.click('#clear-confirm');
  await idle(0);
  await page.keyboard.down('Control');
  await page.keyboard.press('z');
  await page.keyboard.up('Control');
  await idle(1);
});

test('Firefox: 原表 view, a column re-assigned re-reads the form; the printed report; the drawer below 1024 px', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(path.join(b.fixtures, 'changzhou-target-lone-amount.txt'));
  await idle(1);
  await page.click('#view-source');
  await page.waitForSelector('#section-source select[aria-label="第 E 列是"]');
  await page.select('#section-source select[aria-label="第 E 列是"]', 'full');
  await page.waitForFunction(() => /已按第 5 列的设置重新读取/.test(document.getElementById('status').textContent));
  const line = await page.evaluate(() => { const ex = window.FormCheckApp.state.docs[0].model.funds.expense; return ex[ex.length - 1]; });
  assert.equal(line.full, '10');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.match(await page.$eval('#report', (e) => e.textContent), /规则包：常州市市级部门整体预算绩效目标表/);
  await page.setViewport({ width: 800, height: 700 });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.panel')).position), 'fixed');
  await page.setViewport({ width: 1366, height: 768 });
  await page.click('#view-form');
});

test('Firefox: 新建 asks for the pack and year; a project form opens its template', async () => {
  await clear();
  await page.click('#new-project-target');
  await page.waitForSelector('#new-dialog[open]');
  await page.click('#new-create');
  await page.waitForSelector('#cell-project_funds-0-mid');
  assert.match(await page.$eval('#form-title', (e) => e.textContent), /项目支出绩效目标表/);
  assert.equal(await summary(), '空白表单：开始填写后显示检查结果。');
});

test('Firefox: drafts autosave to IndexedDB and come back after a reload', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(seed(TARGET + '.txt'));
  await idle(1);
  await page.evaluate(() => {
    const el = document.getElementById('cell-header--1-unit');
    el.value = '火狐自动保存测试';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // Wait until the stored draft has the edit (an earlier save may have set the 已保存 line already).
  await page.waitForFunction(() => new Promise((resolve) => {
    const req = indexedDB.open('formcheck', 1);
    req.onsuccess = () => {
      const all = req.result.transaction('drafts').objectStore('drafts').getAll();
      all.onsuccess = () => resolve(all.result.some((d) => d.docs && d.docs.length === 1 && d.docs[0].model &&
        d.docs[0].model.unit === '火狐自动保存测试'));
      all.onerror = () => resolve(false);
    };
    req.onerror = () => resolve(false);
  }), { timeout: 20000, polling: 200 });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1, { timeout: 20000 });
  assert.equal(await page.$eval('#cell-header--1-unit', (e) => e.value), '火狐自动保存测试');
  await clear();
});

test('Firefox: 对比 two loaded versions: changed cells old → new, a row added, a rename, findings resolved; itself: empty', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(path.join(b.fixtures, 'changzhou-target-error.txt'), path.join(b.fixtures, 'diff', 'changzhou-target-revised.txt'));
  await idle(2);
  const run = async (older, newer) => {
    await page.evaluate((o, n) => {
      document.getElementById('diff-open').click();
      document.getElementById('diff-old').value = String(o);
      document.getElementById('diff-new').value = String(n);
      document.getElementById('diff-run').click();
    }, older, newer);
    await page.waitForFunction((o, n) => {
      const s = document.getElementById('diff-summary');
      return s && !document.getElementById('diff').hidden && document.getElementById('diff').dataset.pair === o + '-' + n;
    }, { timeout: 60000 }, older, newer);
    return page.$eval('#diff-summary', (e) => e.textContent);
  };
  assert.equal(await run(0, 1), '单元格修改 2 处，新增行 1 行，删除行 0 行，指标改名 1 个；检查结果：已解决 3 条，新出现 0 条，未变 0 条。');
  const rows = await page.$$eval('#diff table.diff-changes tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent).join('|')));
  assert.equal(rows.length, 4);
  assert.equal(rows[0], '修改|资金总额·全年预算数（第 7 行）|110|→|100');
  assert.equal(rows[1], '改名|履职·负责信息化·系统正常运行比率（第 51 行）|系统正常运行率|→|系统正常运行比率');
  assert.match(rows[2], /^新增\|效益·社会效益·服务效率（第 53 行）\|\|→\|/);
  assert.equal(rows[3], '修改|满意度·服务对象满意度·用户满意度·全年指标值（第 54 行）|≥120%|→|≥95%');
  assert.equal(await page.$$eval('#diff details[data-group="resolved"] li', (l) => l.length), 3);
  await input.uploadFile(path.join(b.fixtures, 'changzhou-target-error.txt'));
  await idle(3);
  assert.equal(await run(0, 2), '两个版本相同：没有修改的单元格，检查结果也没有变化（3 条问题未变）。');
});

test('Firefox: the 表单类型 chooser decides an undecided family and the inferred 一级 is shown', async () => {
  await clear();
  const text = ['部门整体预算绩效目标表', '项目名称\t文化公园运转经费\t\t实施部门\t某局', '项目类型\t常年安排项目\t\t项目级次\t市本级',
    '项目资金(万元)\t年度资金总额\t80', '一级指标\t二级指标\t三级指标\t指标值', '\t数量指标\t开放天数\t≥300天',
    '满意度\t服务对象满意度\t游客满意度\t≥90%', ''].join('\n');
  await page.evaluate((t) => { document.getElementById('paste').value = t; document.getElementById('check-paste').click(); }, text);
  await idle(1);
  assert.equal(await page.$eval('#family-chooser', (e) => e.classList.contains('undecided')), true);
  await page.select('#family-kind', 'project_target');
  await page.click('#family-apply');
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy') &&
    !document.getElementById('family-chooser').classList.contains('undecided'), { timeout: 60000 });
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs[0].model.kind), 'project_target');
  assert.match(await page.$eval('#inferred-level1', (e) => e.textContent), /开放天数.*产出/);
});
