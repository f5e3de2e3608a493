// The page in real Chromium (Debian's, via playwright-core), opened over
// file:// as the single self-contained file. Every test also asserts that
// the page made no network request.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const b = require('./browser.cjs');
const W = require('./workbook.cjs');

const { seed, office } = b;
const { S2024, S2022, TARGET } = b.SEEDS;

const { fresh, loadFiles } = b.chromiumSuite(test, { clearShots: true });

const docs = (page) => page.evaluate(() => window.FormCheckApp.state.docs.map((d) => ({
  path: d.path, model: d.model,
  findings: (d.importFindings || []).concat(d.result ? d.result.findings.filter((f) => !(d.importFindings && f.rule.startsWith('import.'))) : []),
})));

test('loads from file:// under a strict CSP with no errors, in a worker', async () => {
  const { page, errors } = await fresh();
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /connect-src data: blob:/);
  // The checker runs in a Web Worker: the module is not loaded on the UI thread.
  assert.equal(await page.evaluate(() => typeof window.FormCheckModule), 'undefined');
  assert.match(await page.textContent('#version'), /^v\d/);
  await b.shot(page, 'empty');
  assert.deepEqual(errors, []);
  // A script injected against the CSP is refused.
  assert.equal(await page.evaluate(b.injectedScriptBlocked), true);
  assert.equal(await page.evaluate(() => window.__evil), undefined);
  await page.close();
});

test('a text file: findings listed by severity, cells marked, click goes to the cell', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(S2024 + '.txt')]);
  assert.equal(await page.textContent('#summary'), '1 个错误 / 2 个警告 / 3 条提示');
  const groups = await page.$$eval('.sev-group h3', (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(groups, ['错误（1）', '警告（2）', '提示（3）']);
  // The cell of the error is marked and invalid.
  const reasonCell = await page.$('input.sev-error, textarea.sev-error');
  assert.ok(reasonCell);
  assert.equal(await reasonCell.getAttribute('aria-invalid'), 'true');
  await b.shot(page, 'findings');
  // Click the error: focus moves to its cell (原因分析 of 非税收入预算完成率).
  await page.click('.sev-error .finding-go');
  const focused = await page.evaluate(() => ({ id: document.activeElement.id, label: document.activeElement.getAttribute('aria-label') }));
  assert.match(focused.id, /^cell-evaluation-\d+-reason$/);
  assert.match(focused.label, /原因分析/);
  await page.close();
});

test('paste a table copied from Word', async () => {
  const { page } = await fresh();
  await page.fill('#paste', fs.readFileSync(seed(S2022 + '.txt'), 'utf8'));
  await page.click('#check-paste');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1 && !document.body.hasAttribute('aria-busy'));
  const [d] = await docs(page);
  assert.equal(d.model.kind, 'selfeval');
  assert.equal(d.model.evaluation.length, 69);
  assert.ok(d.findings.some((f) => f.rule === 'eval.budget_rate_mismatch.rounding'));
  // Checked by the page-core module: the full module (lazy part) was not decoded.
  assert.equal(await page.evaluate(() => window.FormCheckFull.decoded), false);
  await page.close();
});

test('.xlsx and .docx made by LibreOffice give the same model as their text versions', async () => {
  const { page } = await fresh();
  const files = [];
  for (const n of [TARGET, S2024, S2022]) files.push(seed(n + '.txt'), office(n + '.xlsx'), office(n + '.docx'));
  await loadFiles(page, files);
  const all = await docs(page);
  // Numbers compare by value: Excel keeps ".7" as 0.7 and "92.61%" as 0.9261 shown with two decimals.
  const norm = (v) => {
    const m = /^(-?\d*\.?\d+)(%?)$/.exec(String(v).trim());
    return m ? Number(m[1]).toFixed(6) + m[2] : v;
  };
  const flat = (m) => {
    const out = [];
    const walk = (o, p) => {
      if (o && typeof o === 'object') { for (const k of Object.keys(o)) if (k !== 'src') walk(o[k], p + '.' + k); } else out.push(p + '=' + norm(o));
    };
    walk(m, '');
    return out;
  };
  for (let i = 0; i < all.length; i += 3) {
    const text = flat(all[i].model);
    for (const j of [1, 2]) {
      assert.ok(all[i + j].model, all[i + j].path + ' not recognised');
      assert.deepEqual(flat(all[i + j].model), text, all[i + j].path);
      const rules = (d) => d.findings.map((f) => f.rule + '@' + f.location.label).filter((r) => !r.startsWith('import.')).sort();
      assert.deepEqual(rules(all[i + j]), rules(all[i]), all[i + j].path + ' findings');
    }
  }
  await page.close();
});

test('an .xls (Excel 97–2003) reads as its .xlsx does', async () => {
  const { page } = await fresh();
  await loadFiles(page, [office(TARGET + '.xlsx')]);
  assert.equal(await page.evaluate(() => window.FormCheckFull.decoded), false);  // .xlsx: the page core reads it
  await loadFiles(page, [office(TARGET + '.xls')]);
  // The .xls went to the full module, decoded from the page itself (no request: afterEach).
  assert.equal(await page.evaluate(() => window.FormCheckFull.decoded), true);
  const all = await docs(page);
  const strip = (o) => JSON.parse(JSON.stringify(o, (k, v) => (k === 'src' ? undefined : v)));
  assert.deepEqual(strip(all[1].model), strip(all[0].model));
  assert.deepEqual(all[1].findings.map((f) => f.rule), all[0].findings.map((f) => f.rule));
  await page.close();
});

test('batch review: progress, table sortable by errors, open a file, cross-document findings', async () => {
  const { page } = await fresh();
  const files = [seed(TARGET + '.txt'), seed(S2024 + '.txt'), seed(S2022 + '.txt'),
    path.join(b.fixtures, 'changzhou-target-error.txt'), path.join(b.fixtures, 'changzhou-target-fixed.txt')];
  const progress = [];
  await page.exposeFunction('__progress', (v) => progress.push(v));
  await page.evaluate(() => {
    const bar = document.getElementById('progress');
    new MutationObserver(() => window.__progress(bar.value)).observe(bar, { attributes: true, attributeFilter: ['hidden', 'max'] });
    const label = document.getElementById('progress-label');
    new MutationObserver(() => window.__progress(label.textContent)).observe(label, { childList: true });
  });
  await loadFiles(page, files);
  assert.ok(progress.includes('1 / 5') && progress.includes('5 / 5'), JSON.stringify(progress));
  assert.equal(await page.isVisible('#batch'), true);
  await page.click('#batch th button[data-sort="errors"]');
  let errorsCol = await page.$$eval('#batch-body tr td:nth-child(5)', (tds) => tds.map((t) => Number(t.textContent)));
  const sortedDesc = [...errorsCol].sort((x, y) => y - x);
  const sortedAsc = [...errorsCol].sort((x, y) => x - y);
  assert.ok(JSON.stringify(errorsCol) === JSON.stringify(sortedDesc) || JSON.stringify(errorsCol) === JSON.stringify(sortedAsc));
  await page.click('#batch th button[data-sort="errors"]');
  errorsCol = await page.$$eval('#batch-body tr td:nth-child(5)', (tds) => tds.map((t) => Number(t.textContent)));
  assert.ok(errorsCol[0] >= errorsCol[errorsCol.length - 1] || errorsCol[0] <= errorsCol[errorsCol.length - 1]);
  await b.shot(page, 'batch');
  // Open the erroneous 常州 form from the table.
  await page.click('#batch-body button:text("changzhou-target-error.txt")');
  assert.match(await page.textContent('#form-title'), /changzhou-target-error/);
  assert.match(await page.textContent('#summary'), /^3 个错误/);
  await page.close();
});

// Issue #26 item 7: outside the cross-document rules, a form's findings do
// not depend on what else is loaded (the batch re-checks every form from its model).
test('the same file, the same findings: alone and in a batch', async () => {
  const { page } = await fresh();
  const file = path.join(b.fixtures, 'changzhou-target-untitled-expense.txt');
  await loadFiles(page, [file]);
  const alone = (await docs(page))[0];
  const summary = await page.textContent('#summary');
  assert.match(summary, /^1 个错误 \/ 0 个警告 \/ 1 条提示/);
  await page.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-fixed.txt'), file, seed(S2024 + '.txt')]);
  const all = await docs(page);
  const inBatch = all.find((d) => d.path === path.basename(file));
  const own = (d) => d.findings.filter((f) => !f.rule.startsWith('cross.')).map((f) => f.rule + ' ' + f.message).sort();
  assert.deepEqual(own(inBatch), own(alone));
  await page.click(`#batch-body button:text("${path.basename(file)}")`);
  assert.equal(await page.textContent('#summary'), summary);
  const row = await page.$$eval('#batch-body tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(row.find((r) => r[0] === path.basename(file)).slice(4), ['1', '0', '1']);
  await page.close();
});

// Issue #26 item 5: an .xlsx comes back as the clerk's own workbook.
test('an .xlsx exports as the clerk\'s own workbook: findings as comments and fills, edits in their cells, the rest byte-identical', async () => {
  const { page } = await fresh();
  await loadFiles(page, [W.workbookFixture]);
  const at = await page.evaluate(() => {
    const m = window.FormCheckApp.state.docs[0].model;
    return { grant: m.funds.income.findIndex((r) => r.name === '财政拨款'), rate: m.indicators.findIndex((r) => r.full === '≥120%') };
  });
  await W.edit(page, `cell-funds-income-${at.grant}-full`, '90');
  await W.edit(page, `cell-indicators-${at.rate}-full`, '≥100%');
  await page.waitForFunction(() => {
    const d = window.FormCheckApp.state.docs[0];
    return d.result && d.result.rechecked && d.model.indicators.some((r) => r.full === '≥100%') && !document.body.hasAttribute('aria-busy');
  }, null, { timeout: 20000 });
  const [doc] = await docs(page);
  const sheets = await page.evaluate(() => window.FormCheckApp.state.docs[0].workbook.sheets);
  const exported = await W.exportXlsx(page);
  assert.match(exported.name, /^changzhou-target-error-formula-(待修改|已校对)\.xlsx$/);
  assert.match(exported.status, /已导出原工作簿/);
  W.verifyAnnotated(exported, { findings: doc.findings, model: doc.model, sheets, edits: { E8: '90', G53: '≥100%' }, name: 'workbook-export-chromium' });
  await page.close();
});

test('a form from text exports template-shaped: one A4 page wide, wrapped rows tall enough, no "## " in the title', async () => {
  const { page } = await fresh();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-hash-'));
  const file = path.join(dir, 'hash-title.txt');
  fs.writeFileSync(file, '## ' + fs.readFileSync(seed('changzhou-target-example.txt'), 'utf8'));
  await loadFiles(page, [file]);
  const exported = await W.exportXlsx(page);
  assert.match(exported.name, /^hash-title-(待修改|已校对)\.xlsx$/);
  W.verifyTemplate(exported, { title: '常州市市级部门整体预算绩效目标表', name: 'export-template-chromium' });
  await page.close();
});

test('cross-document findings appear when a target table and its report are both loaded', async () => {
  const { page } = await fresh();
  // Make a report of the same unit and year as the target table, with one changed target.
  const target = fs.readFileSync(seed(TARGET + '.txt'), 'utf8');
  await page.fill('#paste', target);
  await page.click('#check-paste');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1 && !document.body.hasAttribute('aria-busy'));
  const report = fs.readFileSync(seed(S2024 + '.txt'), 'utf8').replace('（2024 年度）', '（2022 年度）');
  const tmp = path.join(os.tmpdir(), 'report-2022.txt');
  fs.writeFileSync(tmp, report);
  await loadFiles(page, [tmp]);
  const all = await docs(page);
  const cross = all[1].findings.filter((f) => f.rule === 'cross.target_changed');
  assert.ok(cross.length >= 1);
  assert.ok(cross.some((f) => f.message.includes('全市技术合同成交额') && f.expected === '≥660亿元'));
  await page.close();
});

test('apply fix writes the computed value and the finding goes away', async () => {
  const { page } = await fresh();
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-error.txt')]);
  const before = await page.textContent('#summary');
  assert.match(before, /^3 个错误/);
  await page.click('.finding:has-text("money.income_total") button.apply');
  // 资金总额 110 -> 100.00 also balances income and expense: only the 120% satisfaction target is left.
  await page.waitForFunction(() => /^1 个错误/.test(document.getElementById('summary').textContent));
  assert.equal(await page.$('.finding:has-text("money.expense_total")'), null);
  assert.equal(await page.inputValue('#cell-funds-income-0-full'), '100.00');
  await page.close();
});

test('project forms: the 新建 menu opens both templates, and an example is checked', async () => {
  const { page } = await fresh();
  await page.click('#new-project-selfeval');
  await page.click('#new-create');
  await page.waitForSelector('#cell-project_funds-0-budget');
  assert.match(await page.textContent('#form-title'), /项目支出绩效自评表/);
  assert.ok(await page.$('#cell-header--1-project_name'), 'the project name is a header field');
  await page.click('#new-project-target');
  await page.click('#new-create');
  await page.waitForSelector('#cell-project_funds-0-mid');
  assert.match(await page.textContent('#form-title'), /项目支出绩效目标表/);
  await loadFiles(page, [seed('project-selfeval-example.txt')]);
  assert.equal(await page.textContent('#summary'), '3 个错误 / 0 个警告 / 0 条提示');
  assert.ok(await page.$('.finding:has-text("project.total_score")'));
  assert.equal(await page.inputValue('#cell-project_indicators-6-score'), '9.44');
  await page.close();
});

test('the score estimate lists what each weak indicator costs, and goes to its row', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(S2024 + '.txt')]);
  const rows = await page.$$eval('.score-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['过程·预算调整率', '过程·非税收入预算完成率', '过程·预算执行率']);
  assert.deepEqual(rows[1].slice(3, 5), ['0.16 / 0.77', '0.61']);
  assert.match(rows[1][5], /完成值 ÷ 目标值 = 20\.56%/);
  assert.match(await page.textContent('.score-budget'), /预算执行率 92\.61%：9\.26 \/ 10 分，失 0\.74 分/);
  await page.click('.score-table button.link >> nth=1');
  assert.match(await page.evaluate(() => document.activeElement.id), /^cell-evaluation-\d+-actual$/);
  await page.close();
});

test('candidates need a pick, never one click to 通过; a picked change stays marked until confirmed', async () => {
  const { page } = await fresh();
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-income-short.txt')]);
  const finding = page.locator('.finding:has-text("money.income_total")');
  const text = await finding.textContent();
  assert.match(text, /不宜只改“部门整体资金·收入·资金总额·全年预算数”/);
  // 资金总额 is not the cell to change: its figure is what the identity implies, not 应为.
  assert.match(text, /按勾稽关系推算为：100\.00/);
  assert.doesNotMatch(text, /应为：/);
  // No one-click fix: the form alone cannot tell which income line is short.
  assert.equal(await finding.locator('button.apply').count(), 0);
  assert.equal(await finding.locator('.candidates li').count(), 2);
  assert.match(text, /仅凭本表无法确定是哪一处/);
  // The chain candidate raises 一般公共预算资金 and 财政拨款小计 together.
  await finding.locator('.candidates li:has-text("一般公共预算资金") button.pick').click();
  await page.waitForFunction(() => ![...document.querySelectorAll('.finding')].some((f) => /money\./.test(f.textContent)));
  assert.equal(await page.inputValue('#cell-funds-income-1-full'), '90.00');
  assert.equal(await page.inputValue('#cell-funds-income-2-full'), '90.00');
  assert.equal(await page.inputValue('#cell-funds-income-4-full'), '');  // the blank line was not plugged
  // Marked in the form, listed above the findings, in the CSV export and the printed report, until confirmed.
  assert.ok(await page.$('#cell-funds-income-2-full.applied-fix'));
  assert.match(await page.textContent('.applied-fixes'), /已按建议修改（2，待确认）/);
  await page.evaluate(() => window.FormCheckApp.buildReport());
  assert.match(await page.textContent('#report'), /已按建议修改（待确认）.*财政拨款/s);
  assert.match(await page.evaluate(() => window.FormCheckApp.csvText()), /已按建议修改.*一般公共预算资金.*80.*90\.00/s);
  await page.click('.applied-fixes button.confirm');
  await page.click('.applied-fixes button.confirm');
  assert.equal(await page.$('.applied-fixes'), null);
  assert.equal(await page.$('#cell-funds-income-2-full.applied-fix'), null);
  await page.close();
});

test('editing re-checks live; the editor starts a new form from its template', async () => {
  const { page } = await fresh();
  await page.click('#new-selfeval');
  await page.click('#new-create');
  await page.waitForSelector('#cell-budget_info-0-initial');
  // A fresh template shows nothing until the clerk edits it; then required fields are reported.
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy') && window.FormCheckApp.state.docs[0].result);
  assert.equal(await page.textContent('#summary'), '空白表单：开始填写后显示检查结果。');
  assert.equal(await page.$('.finding'), null);
  // Fill a budget row that does not add up: 100 + 0 ≠ 90.
  await page.fill('#cell-budget_info-0-initial', '100');
  await page.fill('#cell-budget_info-0-adjusted', '90');
  await page.waitForSelector('.finding:has-text("budget.adjusted_sum")', { timeout: 10000 });
  assert.ok(await page.$('.finding:has-text("structure.required_field")'));
  assert.ok((await page.getAttribute('#cell-budget_info-0-adjusted', 'class')).includes('sev-error'));
  await page.fill('#cell-budget_info-0-adjusted', '100');
  await page.waitForFunction(() => !document.querySelector('.finding .rule-link') ||
    ![...document.querySelectorAll('.rule-link')].some((a) => a.dataset.rule === 'budget.adjusted_sum'));
  // New target table, then add a row.
  await page.click('#new-target');
  await page.selectOption('#new-pack', 'changzhou-target');
  await page.click('#new-create');
  await page.waitForSelector('#cell-funds-income-0-full');
  await page.waitForFunction(() => /changzhou-target/.test(document.getElementById('applied-pack').textContent));
  const rows = await page.$$eval('#section-funds-expense tbody tr', (r) => r.length);
  await page.click('#section-funds-expense button:text("添加一行")');
  assert.equal(await page.$$eval('#section-funds-expense tbody tr', (r) => r.length), rows + 1);
  await page.close();
});

test('spreadsheet habits: arrows and Enter move between cells, a pasted block fills cells and adds rows, Ctrl+Z/Ctrl+Y undo and redo', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(S2024 + '.txt')]);
  // Arrow keys and Enter.
  await page.focus('#cell-budget_info-0-initial');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-budget_info-1-initial');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-budget_info-2-initial');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-budget_info-1-initial');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-budget_info-1-carry');
  // The cell's name says its row.
  assert.match(await page.getAttribute('#cell-budget_info-0-initial', 'aria-label'), /第1行 预算总金额 年初预算数/);
  // A block of 2 × 2 cells copied from Excel, pasted at the last budget row: one row is added.
  const rows = await page.$$eval('#section-budget_info tbody tr', (r) => r.length);
  const last = rows - 1;
  await page.focus(`#cell-budget_info-${last}-name`);
  await page.evaluate((id) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '新项目甲\t10\r\n新项目乙\t20\r\n');
    document.getElementById(id).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, `cell-budget_info-${last}-name`);
  await page.waitForSelector(`#cell-budget_info-${last + 1}-initial`);
  assert.equal(await page.inputValue(`#cell-budget_info-${last}-name`), '新项目甲');
  assert.equal(await page.inputValue(`#cell-budget_info-${last + 1}-initial`), '20');
  // Ctrl+Z takes the whole paste back, Ctrl+Y puts it again.
  await page.focus('#cell-header--1-unit');
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('#section-budget_info tbody tr').length === n, rows);
  await page.keyboard.press('Control+y');
  await page.waitForFunction((n) => document.querySelectorAll('#section-budget_info tbody tr').length === n, rows + 1);
  await page.close();
});

test('undo of an applied fix and of 清空; the first finding is three key presses away', async () => {
  const { page } = await fresh();
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-error.txt')]);
  // Keyboard only: Tab to the skip link, Enter, Tab to the first finding.
  // Start from the top of the page, as after opening it.
  await page.evaluate(() => {
    const top = document.createElement('span');
    top.tabIndex = -1;
    document.body.prepend(top);
    top.focus();
    top.remove();
  });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '跳到检查结果');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'finding-go');
  // Apply a fix, undo it, redo it.
  await page.click('.finding:has-text("money.income_total") button.apply');
  await page.waitForFunction(() => document.getElementById('cell-funds-income-0-full').value === '100.00' &&
    !document.body.hasAttribute('aria-busy'));
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.getElementById('cell-funds-income-0-full').value === '110' &&
    !document.body.hasAttribute('aria-busy'));
  assert.ok(await page.$('.finding:has-text("money.income_total")'));
  await page.keyboard.press('Control+y');
  await page.waitForFunction(() => document.getElementById('cell-funds-income-0-full').value === '100.00');
  // 清空 asks, and can be undone.
  await page.click('#clear');
  assert.ok(await page.evaluate(() => document.getElementById('clear-dialog').open));
  await page.click('#clear-cancel');
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs.length), 1);
  await page.click('#clear');
  await page.click('#clear-confirm');
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs.length), 0);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1);
  await page.waitForSelector('#cell-funds-income-0-full');
  await page.close();
});

// Pages in a PDF the browser printed (each page object is "/Type /Page").
const pdfPages = (file) => (fs.readFileSync(file).toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

test('the printed report: A4, readable places, rule titles, one page for a typical form', async () => {
  const { page } = await fresh();
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-error.txt')]);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const rows = await page.$$eval('#report .findings-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.ok(rows.length >= 3);
  const income = rows.find((r) => r[5].includes('money.income_total'));
  assert.ok(income, 'the income finding is printed');
  assert.match(income[1], /^部门整体资金·收入·资金总额·全年预算数（第 7 行）$/);
  assert.match(income[5], /^资金总额与收入合计money\.income_total$/);
  assert.match(await page.textContent('#report'), /规则包：常州市市级部门整体预算绩效目标表（changzhou-target）/);
  await page.emulateMedia({ media: 'print' });
  fs.mkdirSync(b.shots, { recursive: true });
  const one = path.join(b.shots, 'report-changzhou-target-error.pdf');
  await page.pdf({ path: one, format: 'A4', printBackground: true });
  assert.equal(pdfPages(one), 1, 'a typical form prints on one A4 page');
  // A report with long unread paragraphs stays short: texts are cut with an ellipsis.
  await page.emulateMedia({ media: 'screen' });
  await loadFiles(page, [seed(S2022 + '.txt')]);
  await page.evaluate(() => window.FormCheckApp.open(1));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const batch = path.join(b.shots, 'report-batch.pdf');
  await page.pdf({ path: batch, format: 'A4', printBackground: true });
  assert.ok(pdfPages(batch) <= 3, 'two forms and a summary in at most three pages, got ' + pdfPages(batch));
  await page.close();
});

test('原表 view: the table as given, each row marked with what it became, findings highlighted there', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(S2024 + '.txt')]);
  await page.click('#view-source');
  await page.waitForSelector('#section-source table');
  const marks = await page.$$eval('#section-source tbody tr', (trs) => trs.map((tr) => [tr.dataset.line, tr.cells[1].dataset.kind]));
  const kindOf = (line) => (marks.find((m) => m[0] === String(line)) || [])[1];
  assert.equal(kindOf(46), '预算行', 'the 预算总金额 row');
  assert.ok(marks.some((m) => m[1] === '指标行'));
  assert.ok(marks.some((m) => m[1] === '文字'));
  // The error (原因分析 missing) is highlighted in the source cell, and the finding goes there.
  assert.ok(await page.$('#section-source td.sev-error'));
  await page.click('.sev-error .finding-go');
  assert.match(await page.evaluate(() => document.activeElement.id), /^src-\d+-\d+$/);
  await b.shot(page, 'source-view');
  // Rows the reader could not place are marked 未识别 (the 2022 report ends with two such lines).
  await loadFiles(page, [seed(S2022 + '.txt')]);
  await page.evaluate(() => window.FormCheckApp.open(1));
  await page.waitForSelector('#section-source tr[data-line="866"]');
  assert.equal(await page.getAttribute('#section-source tr[data-line="866"] td.src-kind', 'data-kind'), '未识别');
  assert.equal(await page.getAttribute('#section-source tr[data-line="867"] td.src-kind', 'data-kind'), '未识别');
  // Back to the structured form.
  await page.click('#view-form');
  await page.waitForSelector('#cell-budget_info-0-initial');
  await page.close();
});

test('原表 view: saying what a column is re-reads the form, and the page remembers it for the template', async () => {
  const { page } = await fresh();
  const file = path.join(b.fixtures, 'changzhou-target-lone-amount.txt');
  await loadFiles(page, [file]);
  const line = () => page.evaluate(() => {
    const ex = window.FormCheckApp.state.docs[window.FormCheckApp.state.active].model.funds.expense;
    return ex[ex.length - 1];
  });
  // A lone 10 on 信息化运维: read as 半年 by the form's own arithmetic, and said (import.ambiguous).
  assert.equal((await line()).half, '10');
  await page.click('#view-source');
  await page.waitForSelector('#section-source select[aria-label="第 E 列是"]');
  await page.selectOption('#section-source select[aria-label="第 E 列是"]', 'full');
  await page.waitForFunction(() => /已按第 5 列的设置重新读取/.test(document.getElementById('status').textContent));
  assert.equal((await line()).full, '10');
  assert.equal((await line()).half, '');
  await b.shot(page, 'source-mapping');
  // The same template again: the remembered column applies when it is read.
  await loadFiles(page, [file]);
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy'));
  assert.equal((await line()).full, '10');
  await page.close();
});

test('layout: the findings stay beside the form at 1024 px and become a drawer below', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(S2024 + '.txt')]);
  await page.setViewportSize({ width: 1024, height: 768 });
  const side = await page.evaluate(() => {
    const p = document.querySelector('.panel').getBoundingClientRect(), f = document.getElementById('form-view').getBoundingClientRect();
    return { beside: p.left >= f.right - 1, panelTop: p.top };
  });
  assert.ok(side.beside, 'the panel is beside the form');
  await b.shot(page, 'layout-1024');
  await page.setViewportSize({ width: 800, height: 700 });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.panel')).position), 'fixed');
  await page.click('#drawer-toggle');
  assert.equal(await page.getAttribute('#drawer-toggle', 'aria-expanded'), 'false');
  await b.shot(page, 'layout-800-drawer');
  await page.click('#drawer-toggle');
  assert.equal(await page.getAttribute('#drawer-toggle', 'aria-expanded'), 'true');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.close();
});

test('drafts autosave to IndexedDB and come back after a reload', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(TARGET + '.txt')]);
  await page.fill('#cell-header--1-unit', '自动保存测试单位');
  // The 已保存 line may be the save from loading (before the edit): wait for the edit in this tab's draft.
  await until('the draft with the edit', async () => {
    const d = await ownDraft(page);
    return d && d.length === 1 && d[0].unit === '自动保存测试单位';
  });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1);
  assert.equal(await page.inputValue('#cell-header--1-unit'), '自动保存测试单位');
  assert.match(await page.textContent('#status'), /已恢复/);
  await page.close();
});

test('exports: JSON re-imports, Excel re-imports, CSV neutralises formulas, print view', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(S2024 + '.txt')]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-export-'));
  const save = async (button) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const file = path.join(dir, dl.suggestedFilename());
    await dl.saveAs(file);
    return file;
  };
  const json = await save('#export-json');
  const xlsx = await save('#export-xlsx');
  const csv = await save('#export-csv');
  const original = (await docs(page))[0];
  assert.equal(JSON.parse(fs.readFileSync(json, 'utf8')).evaluation.length, 54);
  // The CSV starts with a BOM, has one row per finding, and neutralises = + - @.
  const csvText = fs.readFileSync(csv, 'utf8');
  assert.ok(csvText.startsWith('\ufeff'));
  assert.equal(csvText.trim().split('\r\n').length, 2 + original.findings.length);  // the pack, the header, the findings
  assert.match(csvText, /^\ufeff"?规则包：/);
  assert.ok(csvText.includes('">=100"'), 'a value starting with > is left as is (only = + - @ are prefixed)');
  await page.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
  await loadFiles(page, [json, xlsx]);
  const again = await docs(page);
  const names = (d) => d.model.evaluation.map((e) => e.name);
  assert.deepEqual(names(again[0]), names(original));
  assert.deepEqual(names(again[1]), names(original));
  const rules = (d) => d.findings.filter((f) => !f.rule.startsWith('import.') && !f.rule.startsWith('cross.')).map((f) => f.rule).sort();
  assert.deepEqual(rules(again[1]), rules(original));
  // Print view: an A4 report of the findings.
  await page.evaluate(() => window.FormCheckApp.open(0));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#report table'), true);
  assert.equal(await page.isVisible('.top'), false);
  await b.shot(page, 'print');
  await page.emulateMedia({ media: 'screen' });
  await page.close();
});

test('CSV export neutralises cells that spreadsheets would run as formulas', async () => {
  const { page } = await fresh();
  const text = fs.readFileSync(path.join(b.fixtures, 'changzhou-target-fixed.txt'), 'utf8')
    .replace('用户满意度\t≥90%\t≥90%', '=HYPERLINK("x")\t≥90%\t≥90%\n\t\t\t\t@SUM(1)\t+1\t-1');
  await page.fill('#paste', text);
  await page.click('#check-paste');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1 && !document.body.hasAttribute('aria-busy'));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const file = path.join(os.tmpdir(), 'fc-neutral.csv');
  await dl.saveAs(file);
  const cells = fs.readFileSync(file, 'utf8').split(/,|\r\n/).map((c) => c.replace(/^"|"$/g, ''));
  for (const c of cells) assert.ok(!/^[=+\-@]/.test(c), 'unsafe cell: ' + c);
  assert.ok(cells.some((c) => /^'[=+\-@]/.test(c)), 'the +1 / -1 values were exported, prefixed');
  await page.close();
});

test('no user text is ever inserted as HTML', async () => {
  const { page, errors } = await fresh();
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-xss-'));
  const name = path.join(dir, '<img src=x onerror=window.__pwned=3>.txt');
  const text = fs.readFileSync(path.join(b.fixtures, 'changzhou-target-error.txt'), 'utf8')
    .replace(/常州市科技服务中心/g, evil).replace('负责科技服务。', evil).replace('用户满意度', evil);
  fs.writeFileSync(name, text);
  await loadFiles(page, [name]);
  await page.click('#paste-table');
  await page.fill('#paste', evil + '\t' + evil + '\n' + evil);
  await page.click('#check-paste');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 2 && !document.body.hasAttribute('aria-busy'));
  await page.evaluate(() => window.FormCheckApp.open(0));
  // The rules' documentation is read when the dialog first opens (a lazy block).
  assert.equal(await page.evaluate(() => document.getElementById('rule-docs-money.income_total').textContent), '');
  await page.click('#show-rules');
  await page.waitForFunction(() => document.getElementById('rule-docs-money.income_total').textContent.length > 20);
  await page.click('#close-rules');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
  // only the page's own scripts (start-worker.js, the page script) and the
  // inert worker-source, wasm and data blocks, of the page core, the rules'
  // documentation, the workbook export, the full module and the PDF reader
  assert.equal(await page.$$eval('body script', (s) => s.length), 9);
  assert.equal(await page.$$eval('body script:not([type])', (s) => s.length), 2);
  assert.deepEqual(await page.$$eval('body script[type]', (s) => s.map((e) => e.id)),
    ['formcheck-worker-source', 'formcheck-wasm', 'formcheck-rule-docs', 'formcheck-workbook-source', 'formcheck-full-worker-source',
      'formcheck-wasm-full', 'formcheck-pdf-worker']);
  assert.ok((await page.textContent('#form-view')).length > 0);
  assert.equal(await page.inputValue('#cell-header--1-unit'), evil);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await page.close();
});

test('oversized and unsupported files get a clear message', async () => {
  const { page } = await fresh();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-big-'));
  const big = path.join(dir, 'huge.txt');
  fs.writeFileSync(big, Buffer.alloc(33 * 1024 * 1024, 0x41));
  const old = path.join(dir, 'old.xls');
  fs.writeFileSync(old, 'x');
  const broken = path.join(dir, 'broken.xlsx');
  fs.writeFileSync(broken, 'not a zip');
  await loadFiles(page, [big, old, broken]);
  const all = await docs(page);
  assert.equal(all[0].findings[0].rule, 'import.too_large');
  assert.match(all[0].findings[0].message, /文件过大/);
  assert.equal(all[1].findings[0].rule, 'import.invalid_office');
  assert.match(all[1].findings[0].message, /\.xls/);
  assert.equal(all[2].findings[0].rule, 'import.invalid_office');
  assert.match(all[2].findings[0].message, /\.xlsx/);
  await page.close();
});

// Hostile office files (issue #19): each gets its clear message within a
// second, the tab stays responsive, and nothing is inflated past the cap.
test('hostile office files: a message within a second each, never a hang', async () => {
  const { page, errors } = await fresh();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-hostile-'));
  const zlib = require('node:zlib');
  // A zip bomb: 200 MB of spaces in ~200 KB, its header claiming 1 KB.
  const sheet = Buffer.concat([Buffer.from('<worksheet><sheetData>'), Buffer.alloc(200 * 1024 * 1024, 0x20), Buffer.from('</sheetData></worksheet>')]);
  const packed = zlib.deflateRawSync(sheet, { level: 9 });
  const entry = (name, data, deflated, size) => ({ name: Buffer.from(name), data, deflated, size, crc: zlib.crc32(deflated ? Buffer.alloc(0) : data) });
  const zip = (entries) => {
    const parts = [], dir = [];
    let off = 0;
    for (const e of entries) {
      const h = Buffer.alloc(30), c = Buffer.alloc(46);
      h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(e.deflated ? 8 : 0, 8);
      h.writeUInt32LE(e.crc, 14); h.writeUInt32LE(e.data.length, 18); h.writeUInt32LE(e.size, 22); h.writeUInt16LE(e.name.length, 26);
      c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(e.deflated ? 8 : 0, 10);
      c.writeUInt32LE(e.crc, 16); c.writeUInt32LE(e.data.length, 20); c.writeUInt32LE(e.size, 24); c.writeUInt16LE(e.name.length, 28); c.writeUInt32LE(off, 42);
      parts.push(h, e.name, e.data); dir.push(c, e.name);
      off += 30 + e.name.length + e.data.length;
    }
    const d = Buffer.concat(dir), end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(d.length, 12); end.writeUInt32LE(off, 16);
    return Buffer.concat([...parts, d, end]);
  };
  const wb = Buffer.from('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>');
  const rels = Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>');
  fs.writeFileSync(path.join(dir, 'bomb.xlsx'), zip([entry('xl/workbook.xml', wb, false, wb.length),
    entry('xl/_rels/workbook.xml.rels', rels, false, rels.length), entry('xl/worksheets/sheet1.xml', packed, true, 1024)]));
  const regressions = path.join(b.root, 'tests', 'fuzz_regressions', 'office_zip');
  const cases = [
    [path.join(dir, 'bomb.xlsx'), /过大/],
    [path.join(regressions, 'column-GKGWBYL.xlsx'), /超出/],
    [path.join(regressions, 'formatted-row-200000.xlsx'), /./],
    [path.join(regressions, 'gridspan-2e8.docx'), /512/],
    [path.join(regressions, 'encrypted.xlsx'), /加密/],
    [path.join(regressions, 'truncated.xlsx'), /损坏|不完整/],
  ];
  // "Within a second" on an idle machine; a machine busy with other work
  // (a parallel build) slows every load alike, so the bound is also a few
  // times what an ordinary workbook takes here and now. A hang still fails.
  const r0 = Date.now();
  await loadFiles(page, [office(TARGET + '.xlsx')]);
  const bound = Math.max(1500, 5 * (Date.now() - r0));
  for (const [file, message] of cases) {
    const t0 = Date.now();
    await loadFiles(page, [file]);
    const ms = Date.now() - t0;
    const all = await docs(page);
    const last = all[all.length - 1];
    assert.ok(ms < bound, path.basename(file) + ' took ' + ms + ' ms (bound ' + bound + ' ms)');
    assert.ok(last.findings.some((f) => message.test(f.message)), path.basename(file) + ': ' + JSON.stringify(last.findings.map((f) => f.message)));
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a re-check that fails says so, never 通过', async () => {
  const { page, errors } = await fresh();
  await loadFiles(page, [seed(TARGET + '.txt')]);
  assert.match(await page.textContent('#summary'), /通过/);
  // The worker's answer is lost (as when an edited model passes a limit).
  await page.evaluate(() => { window.FormCheck._request = () => Promise.reject(new Error('模拟的检查失败')); });
  await page.fill('#cell-header--1-unit', '改过的单位');
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy') && /失败/.test(document.getElementById('status').textContent));
  assert.doesNotMatch(await page.textContent('#summary'), /通过/);
  assert.ok(await page.$('.finding:has-text("重新检查失败")'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('清空 during a pending edit leaves no error and nothing busy', async () => {
  const { page, errors } = await fresh();
  await loadFiles(page, [seed(TARGET + '.txt')]);
  await page.fill('#cell-header--1-unit', '将被清空');
  await page.click('#clear');
  await page.click('#clear-confirm');
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate(() => document.body.hasAttribute('aria-busy')), false);
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs.length), 0);
  assert.equal(await page.isVisible('#cancel'), false);
  assert.deepEqual(errors, []);
  await page.close();
});

// Each tab's own draft (its key is in the tab's sessionStorage), as stored in
// IndexedDB, read with page.evaluate (which awaits the promise). Not with
// page.waitForFunction: Playwright takes a returned Promise as a truthy answer
// and returns at once — the two-tab test once "waited" so (its { timeout } also
// went in as the function's argument), reloaded before the edit was stored
// when the machine was busy, and the tab then opened another tab's draft.
const ownDraft = (page) => page.evaluate(() => new Promise((resolve) => {
  const key = sessionStorage.getItem('formcheck-draft');
  const req = indexedDB.open('formcheck', 1);
  req.onsuccess = () => {
    const db = req.result;
    const get = db.transaction('drafts').objectStore('drafts').get(key);
    get.onsuccess = () => { db.close(); resolve(get.result ? get.result.docs.map((d) => d.model && { kind: d.model.kind, unit: d.model.unit }) : null); };
    get.onerror = () => { db.close(); resolve(null); };
  };
  req.onerror = () => resolve(null);
}));

async function until(what, fn, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('two tabs keep their own drafts', async () => {
  const one = await fresh(), two = await fresh();
  await loadFiles(one.page, [seed(TARGET + '.txt')]);
  await loadFiles(two.page, [seed(S2024 + '.txt')]);
  await one.page.fill('#cell-header--1-unit', '第一个标签页');
  // Each tab's own draft (not any tab's) holds its form, the edit included.
  await until('tab one\'s draft with the edit', async () => {
    const d = await ownDraft(one.page);
    return d && d.length === 1 && d[0].unit === '第一个标签页';
  });
  await until('tab two\'s draft', async () => {
    const d = await ownDraft(two.page);
    return d && d.length === 1 && d[0].kind === 'selfeval';
  });
  // No save still on its way in either tab (it would be the newest, and the edit is in it).
  for (const p of [one.page, two.page]) {
    await p.waitForFunction(() => !document.body.hasAttribute('aria-busy'), null, { timeout: 30000 });
    await p.waitForTimeout(400);  // past the autosave's 300 ms debounce
  }
  for (const p of [one.page, two.page]) {
    await p.reload();
    await p.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    await p.waitForFunction(() => window.FormCheckApp.state.docs.length === 1, null, { timeout: 30000 });
  }
  assert.equal(await one.page.inputValue('#cell-header--1-unit'), '第一个标签页');
  assert.equal(await two.page.evaluate(() => window.FormCheckApp.state.docs[0].model.kind), 'selfeval');
  await one.page.close();
  await two.page.close();
});

// A table the reader does not recognise row by row (200,000 rows under the
// form) gives 200,000 import.unrecognized infos: they are one group row with
// the count, opened 200 at a time, and the tab keeps answering.
test('200,000 unrecognised rows: one group with the count, the tab stays responsive', async () => {
  const { page, errors } = await fresh();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-many-'));
  const file = path.join(dir, 'many-rows.txt');
  const lines = [];
  for (let i = 1; i <= 200000; i++) lines.push('备注' + i);
  fs.writeFileSync(file, fs.readFileSync(seed(TARGET + '.txt'), 'utf8').replace(/\n?$/, '\n') + lines.join('\n') + '\n');
  await page.setInputFiles('#file', [file]);
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1 && !document.body.hasAttribute('aria-busy'),
    null, { timeout: 180000 });
  const listed = await page.evaluate(() => document.querySelectorAll('#findings .finding').length);
  assert.ok(listed < 100, listed + ' findings rendered one by one');
  // (The first two rows under the form are read as part of it, as the CLI reads them.)
  const count = await page.evaluate(() => window.FormCheckApp.state.docs[0].importFindings.filter((f) => f.rule === 'import.unrecognized').length);
  assert.ok(count > 199900, String(count));
  const group = page.locator('#findings .finding-group[data-rule="import.unrecognized"]');
  assert.equal(await group.count(), 1);
  assert.equal(Number(await group.getAttribute('data-count')), count);
  assert.match(await group.locator('.finding-group-toggle').textContent(), new RegExp('^展开：未识别的内容 import.unrecognized，共 ' + count + ' 条'));
  // The tab answers: a timer set now runs within 300 ms.
  const lag = () => page.evaluate(() => new Promise((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }));
  assert.ok(await lag() < 300, 'event loop lag');
  // Its button shows 200, then 200 more on each press, each step quick.
  const button = group.locator('.finding-group-toggle');
  let t0 = Date.now();
  await button.click();
  await page.waitForFunction(() => document.querySelectorAll('.finding-group .finding').length === 200);
  assert.ok(Date.now() - t0 < 3000, 'open took ' + (Date.now() - t0) + ' ms');
  assert.match(await button.textContent(), new RegExp('还有 ' + (count - 200) + ' 条'));
  t0 = Date.now();
  await button.click();
  await page.waitForFunction(() => document.querySelectorAll('.finding-group .finding').length === 400);
  assert.ok(Date.now() - t0 < 3000, 'more took ' + (Date.now() - t0) + ' ms');
  assert.ok(await lag() < 300, 'event loop lag after opening');
  assert.match(await group.locator('.finding').first().textContent(), /未参与检查：备注3/);
  assert.deepEqual(errors, []);
  // 清空 deletes this tab's draft: a later test's new tab would otherwise open it.
  await page.click('#clear');
  await page.click('#clear-confirm');
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Excel's "Unicode 文本" is UTF-16 with a byte-order mark: the page reads it as
// the CLI does (the same findings as the UTF-8 file).
test('UTF-16 text with a byte-order mark reads as its UTF-8 twin', async () => {
  const { page, errors } = await fresh();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-utf16-'));
  const text = fs.readFileSync(seed(TARGET + '.txt'), 'utf8');
  const file = path.join(dir, TARGET + '.txt');
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  await loadFiles(page, [seed(TARGET + '.txt'), file]);
  const [utf8, utf16] = await docs(page);
  assert.equal(utf16.model && utf16.model.kind, 'target');
  assert.deepEqual(utf16.findings, utf8.findings);
  assert.equal(utf16.model.unit, utf8.model.unit);
  assert.deepEqual(errors, []);
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('keyboard: tab order reaches the findings, Enter moves focus to the cell', async () => {
  const { page } = await fresh();
  await loadFiles(page, [seed(S2024 + '.txt')]);
  await page.focus('#print');
  // The findings are buttons in document order after the form; jump with Tab from the last form control.
  const first = await page.$('.finding-go');
  await first.focus();
  const visible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(visible, 'none');
  await page.keyboard.press('Enter');
  assert.match(await page.evaluate(() => document.activeElement.id), /^cell-/);
  // The rule link opens the in-page docs at that rule.
  const link = await page.$('.rule-link');
  const rule = await link.getAttribute('data-rule');
  // The link says the rule's Chinese title, the id small beside it.
  assert.match(await link.textContent(), /^[^a-z]+ [a-z_]+\.[a-z_.]+$/);
  await link.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#rules-dialog'), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rule-' + rule.replace(/\.rounding$/, ''));
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#rules-dialog'), false);
  // ARIA: the findings are a list, the summary a live region.
  assert.equal(await page.getAttribute('.finding-list', 'role'), 'list');
  assert.equal(await page.getAttribute('#summary', 'aria-live'), 'polite');
  await page.close();
});

test('a 5,000-row form renders progressively while checks run in the worker', async () => {
  const { page } = await fresh();
  const rows = ['苏州市市级预算部门（单位）整体支出预算绩效自评报告', '（2023年度）', '一、预算部门名称：压力测试中心', '九、部门整体自评表',
    '\t类别\t指标名称\t指标目标值\t指标完成值\t完成值来源\t偏差情况\t原因分析'];
  for (let i = 0; i < 5000; i++) rows.push(`\t履职\t服务事项${i}\t>=100项\t${100 + (i % 7)}项\t统计\t${(i % 7).toFixed(2)}%\t`);
  // Large text is set directly (Playwright's fill of 400 KB is slow), as a paste would.
  await page.$eval('#paste', (el, v) => { el.value = v; }, rows.join('\n'));
  await page.click('#check-paste');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1 && document.getElementById('progress').hidden, null, { timeout: 60000 });
  // The UI answers while the table is still being filled in chunks.
  const early = await page.$$eval('#section-evaluation tbody tr', (r) => r.length);
  assert.ok(early < 5000, 'rendering is chunked');
  await page.waitForFunction(() => document.querySelectorAll('#section-evaluation tbody tr').length === 5000, null, { timeout: 60000 });
  assert.equal(await page.textContent('#section-evaluation h3'), '部门整体自评表（5000 行）');
  await page.close();
});

test('screenshots of the main states are saved for review', () => {
  for (const name of ['empty', 'findings', 'batch', 'print']) {
    assert.ok(fs.existsSync(path.join(b.shots, name + '.png')), name);
  }
});

// 对比 (issue #28): two loaded versions of one form compared by the core's diff
// (the full module, decoded on first use): each changed cell old → new, rows
// added and renamed, the findings resolved; a form against itself is empty.
test('对比: two loaded versions show every changed cell old → new, a row added, a rename and the findings resolved', async () => {
  const { page } = await fresh();
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-error.txt'), path.join(b.fixtures, 'diff', 'changzhou-target-revised.txt')]);
  assert.equal(await page.isVisible('#diff-open'), true);
  await page.click('#diff-open');
  const picked = await page.evaluate(() => [document.getElementById('diff-old'), document.getElementById('diff-new')]
    .map((s) => s.options[s.selectedIndex].textContent));
  assert.match(picked[0], /^changzhou-target-error\.txt/);
  assert.match(picked[1], /^changzhou-target-revised\.txt/);
  await page.click('#diff-run');
  await page.waitForSelector('#diff:not([hidden]) #diff-summary', { timeout: 60000 });
  assert.equal(await page.textContent('#diff-summary'),
    '单元格修改 2 处，新增行 1 行，删除行 0 行，指标改名 1 个；检查结果：已解决 3 条，新出现 0 条，未变 0 条。');
  const rows = await page.$$eval('#diff table.diff-changes tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent).join('|')));
  assert.deepEqual(rows, [
    '修改|资金总额·全年预算数（第 7 行）|110|→|100',
    '改名|履职·负责信息化·系统正常运行比率（第 51 行）|系统正常运行率|→|系统正常运行比率',
    '新增|效益·社会效益·服务效率（第 53 行）||→|一级指标 效益，二级指标 社会效益，三级指标 服务效率，半年指标值 提升，全年指标值 提升',
    '修改|满意度·服务对象满意度·用户满意度·全年指标值（第 54 行）|≥120%|→|≥95%',
  ]);
  assert.deepEqual(await page.$$eval('#diff h3', (hs) => hs.map((h) => h.textContent)), ['部门整体资金·收入', '绩效指标']);
  const resolved = await page.$$eval('#diff details[data-group="resolved"] li', (lis) => lis.map((li) => li.textContent));
  assert.equal(resolved.length, 3);
  assert.ok(resolved.some((t) => /^\[错误\] 部门整体资金·收入·资金总额·全年预算数（旧版第 7 行）：.*money\.income_total$/.test(t)), resolved.join('\n'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diff-title');
  await b.shot(page, 'diff');
  // The same form loaded twice: no difference.
  await loadFiles(page, [path.join(b.fixtures, 'changzhou-target-error.txt')]);
  await page.click('#diff-open');
  await page.selectOption('#diff-old', '0');
  await page.selectOption('#diff-new', '2');
  await page.click('#diff-run');
  await page.waitForFunction(() => /两个版本相同/.test(document.getElementById('diff-summary').textContent), null, { timeout: 60000 });
  assert.equal(await page.textContent('#diff-summary'), '两个版本相同：没有修改的单元格，检查结果也没有变化（3 条问题未变）。');
  assert.equal(await page.$$eval('#diff table.diff-changes', (t) => t.length), 0);
});

// Issue 29: the 表单类型 / 规则包 chooser on every loaded form, and the inferred 一级 shown.
const UNDECIDED_FORM = [
  '部门整体预算绩效目标表', '2024年度',
  '项目名称\t文化公园运转经费\t\t实施部门\t镇江市文化广电和旅游局', '项目类型\t常年安排项目\t\t项目级次\t市本级',
  '开始时间\t2024年\t\t完成时间\t2026年', '项目资金(万元)\t收入\t\t全年(程)预算数\t', '\t资金总额\t\t80\t',
  '中长期目标\t保证文化公园免费开放运转。\t\t\t', '一级指标\t二级指标\t三级指标\t半年(程)指标值\t全年(程)指标值',
  '\t数量指标\t开放天数\t≥150天\t≥300天', '满意度\t服务对象满意度\t游客满意度\t≥90%\t≥90%', ''].join('\n');

test('an undecided family: the chooser says so, choosing reads the form again as that family; an inferred 一级 is shown', async () => {
  const { page } = await fresh();
  await page.fill('#paste', UNDECIDED_FORM);
  await page.click('#check-paste');
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1 && !document.body.hasAttribute('aria-busy'));
  assert.equal(await page.$eval('#family-chooser', (e) => e.classList.contains('undecided')), true);
  let [d] = await docs(page);
  assert.ok(d.findings.every((f) => f.rule.startsWith('import.')), 'no content rule runs while the family is undecided');
  await page.selectOption('#family-kind', 'project_target');
  await page.click('#family-apply');
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy') &&
    !document.getElementById('family-chooser').classList.contains('undecided'), null, { timeout: 60000 });
  [d] = await docs(page);
  assert.equal(d.model.kind, 'project_target');
  assert.equal(d.model.project_indicators[0].level1_inferred, true);
  assert.match(await page.$eval('#inferred-level1', (e) => e.textContent), /开放天数.*产出/);
  // A chosen pack stays chosen when the form is checked again with others (a batch re-check).
  await page.selectOption('#family-kind', 'project_target');
  await page.selectOption('#family-pack', 'project-target-changzhou');
  await page.click('#family-apply');
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy') &&
    window.FormCheckApp.state.docs[0].result.profile === 'project-target-changzhou', null, { timeout: 60000 });
  await loadFiles(page, [seed(TARGET + '.txt')]);
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs.length), 2);
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs[0].result.rechecked), true);
  assert.equal(await page.evaluate(() => window.FormCheckApp.state.docs[0].result.profile), 'project-target-changzhou');
  // The 江苏 2024 layout's 半年(程) figures have their own column in the editor.
  await page.evaluate(() => window.FormCheckApp.open(0));
  assert.ok((await page.$$eval('table[data-section="project_indicators"] thead th', (ths) => ths.map((t) => t.textContent))).includes('半年(程)指标值'));
  await page.close();
});
