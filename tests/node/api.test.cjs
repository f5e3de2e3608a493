// The wasm API as users call it: init, check, rules, version, errors.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { api, seeds, root, buildDir, moduleFactory } = require('./helpers.cjs');
const { init } = require(path.join(root, 'wasm', 'formcheck-api.js'));

test('init rejects with a clear error when the module is missing or broken', async () => {
  await assert.rejects(init(undefined), /未找到校验模块/);
  await assert.rejects(init(() => { throw new Error('boom'); }), /校验模块加载失败：boom/);
  await assert.rejects(init(() => Promise.reject(new Error('bad wasm'))), /加载失败：bad wasm/);
  await assert.rejects(init(() => Promise.resolve({})), /缺少 check 接口/);
});

test('the wasm can be handed over as bytes decoded from base64, as the single-file page does', async () => {
  const { decodeBase64 } = require(path.join(root, 'wasm', 'formcheck-api.js'));
  assert.deepEqual([...decodeBase64('AGFzbQEAAAA=')], [0, 97, 115, 109, 1, 0, 0, 0]);
  const src = require('node:fs').readFileSync(path.join(buildDir, 'formcheck-module.js'), 'utf8');
  const base64 = /wasmBinaryFile="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(src)[1];
  const fc = await init(moduleFactory(), { wasmBinary: decodeBase64(base64) });
  assert.equal(fc.checkText(seeds[0].text, seeds[0].path).path, seeds[0].path);
});

test('version and rule catalog', async () => {
  const fc = await api();
  assert.match(fc.version(), /^\d+\.\d+\.\d+$/);
  const rules = fc.rules();
  const ids = rules.map((r) => r.id);
  for (const id of ['money.income_total', 'budget.execution_rate', 'eval.deviation', 'indicator.name_typo',
    'structure.required_level', 'cross.target_changed', 'import.unrecognized', 'eval.budget_rate_mismatch.rounding']) {
    assert.ok(ids.includes(id), id);
  }
  assert.match(fc.rulesMarkdown(), /^# formcheck 规则目录/);
});

test('checks the seed forms with the expected findings', async () => {
  const fc = await api();
  const r = fc.check(seeds);
  assert.equal(r.files.length, 3);
  const [target, r2024, r2022] = r.files;
  assert.equal(target.form, 'target');
  // The shifted 机构建设 cell is read as the 二级 it is (content over position): no finding.
  assert.deepEqual(target.findings.map((f) => f.rule), []);
  assert.equal(r2024.form, 'selfeval');
  // The second warning is narrative.indicator_value: a 预期目标 written under the wrong indicator's name.
  assert.deepEqual(r2024.summary, { errors: 1, warnings: 2, infos: 3, accepted_errors: 0, accepted_warnings: 0 });
  // The score says what each indicator earned and why.
  const weak = r2024.score.indicators.filter((i) => i.counted && i.loss !== '0.00').map((i) => [i.name, i.points, i.loss]);
  assert.deepEqual(weak, [['非税收入预算完成率', '0.16', '0.61'], ['预算调整率', '0.00', '0.77'], ['预算执行率', '0.71', '0.06']]);
  assert.equal(r2024.score.budget_execution.loss, '0.74');
  const reason = r2024.findings.find((f) => f.rule === 'eval.reason_missing');
  assert.equal(reason.location.section, 'evaluation');
  assert.equal(reason.location.field, 'reason');
  assert.equal(reason.location.line, 106);
  assert.ok(r2022.findings.some((f) => f.rule === 'eval.budget_rate_mismatch.rounding' && f.expected === '10.37%'));
  assert.ok(Array.isArray(r2022.calculations) && r2022.calculations.length > 20);
  assert.equal(typeof r2022.score.total, 'string');
});

test('model JSON round trip through the API', async () => {
  const fc = await api();
  const first = fc.check([seeds[0]], { model: true }).files[0];
  const again = fc.checkText(JSON.stringify(first.model), 'draft.json', { model: true });
  assert.equal(again.input, 'json');
  assert.deepEqual(again.model, first.model);
  assert.deepEqual(again.findings.map((f) => f.rule), first.findings.map((f) => f.rule));
});

test('grids from office files are recognised like text', async () => {
  const fc = await api();
  const rows = seeds[0].text.split('\n').map((l) => l.split('\t'));
  const viaGrid = fc.check([{ path: 'x.xlsx', grid: { rows } }], { model: true }).files[0];
  const viaText = fc.check([seeds[0]], { model: true }).files[0];
  assert.equal(viaGrid.input, 'grid');
  assert.deepEqual(viaGrid.model.indicators.map((i) => i.name), viaText.model.indicators.map((i) => i.name));
  assert.deepEqual(viaGrid.findings.map((f) => f.rule), viaText.findings.map((f) => f.rule));
});

test('bad input gets a clear Chinese message, never a crash', async () => {
  const fc = await api();
  const cases = [
    ['', 'import.empty'],
    ['\u0000\u0001binary', 'import.binary'],
    ['just some words', 'import.unknown_form'],
    ['{"kind":"target","indicators":5}', 'import.invalid_model'],
    ['{' + '['.repeat(5000), 'import.invalid_model'],
  ];
  for (const [text, rule] of cases) {
    const r = fc.checkText(text, 'bad');
    assert.equal(r.findings[0].rule, rule, text.slice(0, 20));
    assert.match(r.findings[0].message, /[\u4e00-\u9fff]/);
  }
  assert.throws(() => JSON.parse('x') && 0);
  // A malformed request is an error result, not an exception from the module.
  const { moduleFactory } = require('./helpers.cjs');
  const raw = await moduleFactory()();
  assert.match(JSON.parse(raw.check('{not json')).error, /请求无效/);
});

test('cross-document findings when a target table and its report are checked together', async () => {
  const fc = await api();
  const t = fc.check([seeds[0]], { model: true }).files[0].model;
  const report = fc.check([seeds[1]], { model: true }).files[0].model;
  report.year = t.year;
  report.unit = t.unit;
  report.evaluation.push({ category: '履职', name: '全市技术合同成交额', target: '≥600亿元', actual: '1080.3亿元',
    source: '统计', deviation: '80.05%', reason: '' });
  const r = fc.check([{ path: 't.json', text: JSON.stringify(t) }, { path: 'r.json', text: JSON.stringify(report) }]);
  const cross = r.files[1].findings.filter((f) => f.rule === 'cross.target_changed');
  const added = cross.filter((f) => f.actual === '≥600亿元');
  assert.equal(added.length, 1);
  assert.equal(added[0].expected, '≥660亿元');
  // Same unit, other year: nothing is compared.
  report.year = '2099';
  const other = fc.check([{ path: 't.json', text: JSON.stringify(t) }, { path: 'r.json', text: JSON.stringify(report) }]);
  assert.equal(other.files[1].findings.filter((f) => f.rule === 'cross.target_changed').length, 0);
});

test('a form kept loaded in the module: open, recheck, close; memory is handed back', async () => {
  const fc = await api();
  const once = fc.check([seeds[2]]).files[0];
  const h = fc.open(seeds[2].text, seeds[2].path);
  const a = fc.recheck(h);
  const b = fc.recheck(h, { details: false });
  assert.deepEqual(a.findings, once.findings);
  assert.deepEqual(a.summary, once.summary);
  assert.ok(Array.isArray(a.calculations) && a.calculations.length > 0);
  assert.equal(b.calculations, undefined);
  fc.close(h);
  assert.throws(() => fc.recheck(h), /没有这个已加载的表单/);
  // Input buffers are freed by the module: checking the same large text many
  // times does not grow its memory after the first time.
  const { moduleFactory } = require('./helpers.cjs');
  const own = await init(moduleFactory());
  const big = seeds[1].text.repeat(40);
  const run = () => own.check([{ path: 'big.txt', text: big }]).files[0];
  assert.ok(run().findings.length > 0);
  const after1 = own.memoryBytes();
  for (let i = 0; i < 5; i++) run();
  assert.equal(own.memoryBytes(), after1);
});

// Two versions of one form compared (docs/api.md, "Comparing two versions").
test('diff: a form against itself is empty; a revision reports its inserted row, changed value and rename', async () => {
  const fc = await api();
  const fs = require('node:fs');
  const fx = (name) => ({ path: name, text: fs.readFileSync(path.join(root, 'tests', 'fixtures', name), 'utf8') });
  const fixed = fx('changzhou-target-fixed.txt'), revised = fx('diff/changzhou-target-revised.txt');
  for (const seed of seeds) {
    const same = fc.diff(seed, seed);
    assert.equal(same.equal, true, seed.path);
    assert.deepEqual(same.changes, []);
    assert.deepEqual([same.findings.resolved, same.findings.new], [[], []]);
    assert.match(same.text, /两个版本相同/);
  }
  const d = fc.diff(fixed, revised);
  assert.equal(d.equal, false);
  assert.deepEqual(d.changes.map((c) => [c.type, c.section, c.old, c.new, c.values && c.values.name]), [
    ['renamed', 'indicators', '系统正常运行率', '系统正常运行比率', undefined],
    ['added', 'indicators', undefined, undefined, '服务效率'],
    ['changed', 'indicators', '≥90%', '≥95%', undefined],
  ]);
  assert.equal(d.changes[2].new_index, d.changes[2].old_index + 1);  // matched by name, not position
  assert.deepEqual(d.summary, { changed: 1, added: 1, removed: 0, renamed: 1, findings_resolved: 0, findings_new: 0, findings_unchanged: 0 });
  // A model JSON (what the page sends: the form as edited) compares like its text.
  const model = JSON.stringify(fc.check([revised], { model: true }).files[0].model);
  assert.deepEqual(fc.diff(fixed, { path: 'revised.json', text: model }).changes.map((c) => c.type), ['renamed', 'added', 'changed']);
  // Findings: the error fixture's total is resolved by the fixed version.
  const fixes = fc.diff(fx('changzhou-target-error.txt'), fixed);
  assert.ok(fixes.findings.resolved.some((f) => f.rule === 'money.income_total'));
  // A version that is not a form cannot be compared: a clear Chinese error.
  assert.throws(() => fc.diff(fixed, { path: 'notes.txt', text: '只是两行文字\n没有表格\n' }), /新版 notes.txt 无法对比：未能识别表单/);
});

test('diff: the page core module does not carry it and says so', async () => {
  const core = await init(require(path.join(buildDir, 'formcheck-page-core-module.js')));
  assert.throws(() => core.diff({ path: 'a', text: 'x' }, { path: 'b', text: 'y' }), /此校验模块不含版本对比/);
});
