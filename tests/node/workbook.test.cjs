// The clerk's own workbook given back with the findings in it (issue #26 item
// 5; web/js/workbook.js): every entry other than the touched sheet, its
// comment/drawing/relationship parts, styles.xml and [Content_Types].xml is
// byte-identical (compressed bytes and contents); each finding is a comment on
// its cell and a fill; an edited value is in its cell, a formula is kept and
// its comment gives the value; the result reads back, through the reader the
// CLI uses, to the same model plus the edits; LibreOffice opens it and prints
// it to PDF (build/artifacts/workbook-*.pdf, for review).
// Also issue #26 item 7 at the API: a form's findings do not depend on the
// other forms checked with it, nor on a re-check from its model JSON.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { execFileSync } = require('node:child_process');
const { api, root, seeds } = require('./helpers.cjs');
const { unzip } = require('../browser/workbook.cjs');

const native = process.env.FORMCHECK_NATIVE || path.join(root, 'build', 'native', 'formcheck');
const sandbox = { self: {}, Blob, TextEncoder, TextDecoder, DecompressionStream, Uint8Array, DataView, ArrayBuffer, Uint32Array,
  Math, Object, Array, String, Promise, RegExp, parseInt, Error };
for (const f of ['office.js', 'workbook.js']) vm.runInNewContext(fs.readFileSync(path.join(root, 'web', 'js', f), 'utf8'), sandbox);
const { FormCheckOffice: office, FormCheckWorkbook: workbook } = sandbox.self;
const fixture = path.join(root, 'tests', 'fixtures', 'workbook', 'changzhou-target-error-formula.xlsx');

async function loaded(file) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const fc = await api();
  const o = await office.readOfficeParts(bytes);
  const r = fc.check([{ path: path.basename(file), office: o }], { model: true, details: true, grid: true }).files[0];
  return { bytes, result: r };
}

const strip = (o) => (Array.isArray(o) ? o.map(strip)
  : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'src' && k !== 'unsure').map(([k, v]) => [k, strip(v)])) : o);

test('the clerk\'s workbook comes back with the findings as comments and fills, the rest byte-identical', async () => {
  const { bytes, result } = await loaded(fixture);
  assert.ok(result.source_sheets && result.source_sheets.length, 'the result says where the grid came from');
  const cells = result.findings.map((f) => f.location.cell);
  assert.ok(cells.includes('Sheet1!E7') && cells.includes('Sheet1!G53'), cells.join());
  // The clerk edits: a number (财政拨款 80 -> 90), a text (满意度 ≥120% -> ≥100%),
  // and the formula cell 资金总额 (E7, =E8+E10+10) to 100.
  const original = result.model;
  const model = JSON.parse(JSON.stringify(original));
  const income = model.funds.income;
  const grant = income.find((r) => r.name === '财政拨款');
  const total = income.find((r) => r.role === 'total');
  const rate = model.indicators.find((r) => r.full === '≥120%');
  grant.full = '90';
  rate.full = '≥100%';
  total.full = '100';
  const notes = workbook.notes({ findings: result.findings, original, model, sheets: result.source_sheets, applied: [] });
  const out = Buffer.from(await workbook.annotate(bytes, notes));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-workbook-'));
  const file = path.join(dir, 'changzhou-target-error-formula.xlsx');
  fs.writeFileSync(file, out);

  // Byte identity: every entry but the touched ones, compressed and inflated.
  const before = unzip(Buffer.from(bytes)), after = unzip(out);
  const touched = new Set(['xl/worksheets/sheet1.xml', 'xl/styles.xml', '[Content_Types].xml',
    'xl/worksheets/_rels/sheet1.xml.rels', 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']);
  for (const [name, e] of before) {
    assert.ok(after.has(name), 'kept: ' + name);
    if (touched.has(name)) continue;
    assert.ok(e.raw.equals(after.get(name).raw), 'compressed bytes identical: ' + name);
    assert.ok(e.data.equals(after.get(name).data), 'contents identical: ' + name);
    assert.equal(after.get(name).method, e.method, name);
  }
  for (const name of after.keys()) assert.ok(before.has(name) || touched.has(name), 'only the comment parts are new: ' + name);
  for (const name of ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/worksheets/_rels/sheet1.xml.rels']) {
    assert.ok(after.has(name), 'added: ' + name);
  }

  const sheet = after.get('xl/worksheets/sheet1.xml').data.toString('utf8');
  const comments = after.get('xl/comments1.xml').data.toString('utf8');
  const types = after.get('[Content_Types].xml').data.toString('utf8');
  const styles = after.get('xl/styles.xml').data.toString('utf8');
  assert.match(types, /PartName="\/xl\/comments1\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.comments\+xml"/);
  assert.match(types, /Extension="vml"/);
  assert.match(sheet, /<legacyDrawing r:id="rId\d+"\/><\/worksheet>|<legacyDrawing r:id="rId\d+"\/>/);
  assert.ok(sheet.indexOf('<legacyDrawing') > sheet.indexOf('<headerFooter'), 'legacyDrawing after headerFooter (schema order)');
  // The formula stays; its comment gives the clerk's value.
  assert.match(sheet, /<c r="E7" s="(\d+)" t="n"><f>E8\+E10\+10<\/f><v>110<\/v><\/c>/);
  assert.match(comments, /<comment ref="E7" authorId="0"><text><r><t xml:space="preserve">\[已修改\] 原值“110”，改为“100”。\n\[错误\] 资金总额/);
  // Edited values in their cells: a number as a number, text inline.
  const grantCell = /<c r="(E\d+)" s="\d+"><v>90<\/v><\/c>/.exec(sheet);
  assert.ok(grantCell, 'the edited amount is a number in its cell');
  assert.match(sheet, /<c r="G53" s="\d+" t="inlineStr"><is><t xml:space="preserve">≥100%<\/t><\/is><\/c>/);
  assert.match(comments, /<comment ref="G53"[^>]*><text><r><t xml:space="preserve">\[已修改\] 原值“≥120%”，改为“≥100%”。\n\[错误\]/);
  // Fills: an error cell gets a copy of its format with the red fill.
  const e7Style = Number(/<c r="E7" s="(\d+)"/.exec(sheet)[1]);
  const xfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles);
  const list = xfs[2].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g);
  assert.equal(Number(xfs[1]), list.length);
  const fills = /<fills count="(\d+)">([\s\S]*?)<\/fills>/.exec(styles);
  const fillList = fills[2].match(/<fill>[\s\S]*?<\/fill>/g);
  assert.equal(Number(fills[1]), fillList.length);
  const fillId = Number(/fillId="(\d+)"/.exec(list[e7Style])[1]);
  assert.match(fillList[fillId], /FFFFC7CE/, 'the error fill');
  assert.match(list[e7Style], /applyFill="1"/);
  // The original formats are all still there, unchanged, before ours.
  const origStyles = before.get('xl/styles.xml').data.toString('utf8');
  const origXfs = /<cellXfs count="\d+">([\s\S]*?)<\/cellXfs>/.exec(origStyles)[1];
  assert.ok(xfs[2].startsWith(origXfs));

  // It reads back to the same model, plus the edits (the formula cell keeps
  // its saved value 110: the edit there is in the comment).
  const back = JSON.parse(execFileSync(native, ['model', file]));
  const expected = JSON.parse(JSON.stringify(model));
  expected.funds.income.find((r) => r.role === 'total').full = '110';
  assert.deepEqual(strip(back), strip(expected));

  // LibreOffice opens it (comments and fills) and prints it to PDF.
  const artifacts = path.join(root, 'build', 'artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, file],
    { stdio: 'ignore', timeout: 180000 });
  const pdf = file.replace(/\.xlsx$/, '.pdf');
  assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
  fs.copyFileSync(pdf, path.join(artifacts, 'workbook-changzhou-target-error-formula.pdf'));
  fs.copyFileSync(file, path.join(artifacts, 'workbook-changzhou-target-error-formula.xlsx'));
  // LibreOffice reads the comments back: saved again as xlsx, they are there.
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
    '--outdir', path.join(dir, 'lo-out'), file], { stdio: 'ignore', timeout: 180000 });
  const resaved = unzip(fs.readFileSync(path.join(dir, 'lo-out', path.basename(file))));
  // (LibreOffice splits a comment into runs by font: compare the text.)
  const loComments = [...resaved.keys()].filter((n) => /comments\d*\.xml$/.test(n))
    .map((n) => resaved.get(n).data.toString('utf8').replace(/<[^>]*>/g, '')).join('');
  assert.match(loComments, /资金总额/, 'LibreOffice kept the comments');
  assert.match(loComments, /≥120%/);
});

test('a sheet that has comments already keeps them; ours join them', async () => {
  const { bytes, result } = await loaded(fixture);
  const notes = workbook.notes({ findings: result.findings, original: result.model, model: result.model, sheets: result.source_sheets });
  const once = await workbook.annotate(bytes, notes);
  const twice = Buffer.from(await workbook.annotate(once, [{ sheet: 'Sheet1', ref: 'E7', kind: 'info', lines: ['第二次'] },
    { sheet: 'Sheet1', ref: 'A2', kind: 'warning', lines: ['另一格'] }]));
  const z = unzip(twice);
  const comments = z.get('xl/comments1.xml').data.toString('utf8');
  assert.ok(!z.has('xl/comments2.xml'));
  assert.equal((comments.match(/<comment ref="E7"/g) || []).length, 1, 'one comment a cell');
  assert.match(comments, /资金总额[\s\S]*第二次/);
  assert.match(comments, /<comment ref="A2"/);
  const vml = z.get('xl/drawings/vmlDrawing1.vml').data.toString('utf8');
  const ids = vml.match(/_x0000_s\d+/g);
  assert.equal(new Set(ids).size, ids.length, 'shape ids unique');
  assert.equal((z.get('xl/worksheets/sheet1.xml').data.toString('utf8').match(/<legacyDrawing/g) || []).length, 1);
});

test('a finding without a cell is noted on A1, not lost', () => {
  const n = workbook.notes({ findings: [{ rule: 'structure.x', severity: 'warning', message: '缺少年度目标', location: {} }],
    sheets: [{ sheet: 'S', first_line: 1, rows: 3, merges: [] }] });
  assert.equal(n.length, 1);
  assert.equal(n[0].ref, 'A1');
  assert.equal(n[0].kind, 'warning');
  assert.match(n[0].lines.join('\n'), /没有对应的单元格[\s\S]*缺少年度目标/);
});

test('notes: an applied fix is marked, an edit says its old and new value, the strongest finding fills the cell', () => {
  const sheets = [{ sheet: 'A', first_line: 1, rows: 5, merges: [] }, { sheet: 'B', first_line: 7, rows: 5, merges: [] }];
  const row = (v) => ({ name: '资金总额', role: 'total', full: v, src: { line: 8, col: 5, cells: { full: { line: 8, col: 5 } } } });
  const original = { kind: 'target', src: { unit: { line: 7, col: 3 } }, funds: { income: [row('110')], expense: [] } };
  const model = { kind: 'target', src: { unit: { line: 7, col: 3 } }, funds: { income: [row('100.00')], expense: [] } };
  const n = workbook.notes({ original, model, sheets, applied: [{ section: 'funds.income', index: 0, field: 'full' }],
    findings: [{ severity: 'warning', message: 'w', location: { line: 8, col: 5 } },
      { severity: 'error', message: 'e', location: { cell: 'B!E2' } },
      { severity: 'info', message: '无处可放', location: {} }] });
  const e2 = n.find((x) => x.ref === 'E2');
  assert.equal(e2.sheet, 'B');
  assert.equal(e2.kind, 'error');
  assert.equal(e2.value, '100.00');
  assert.deepEqual([...e2.lines], ['[已按建议修改，待确认]', '[已修改] 原值“110”，改为“100.00”。', '[警告] w', '[错误] e']);
  // The unplaced finding goes to A1 of the form's own sheet (B: where its unit was read).
  const a1 = n.find((x) => x.ref === 'A1');
  assert.equal(a1.sheet, 'B');
  assert.equal(a1.kind, 'info');
});

test('notes: rows are matched by their place in the file, a row the clerk added is listed on A1', () => {
  const sheets = [{ sheet: 'S', first_line: 1, rows: 20, merges: [] }];
  const row = (name, v, line) => ({ name, full: v, src: { line, col: 1, cells: { name: { line, col: 1 }, full: { line, col: 5 } } } });
  const original = { kind: 'target', src: {}, funds: { income: [row('甲', '10', 3), row('乙', '20', 4)], expense: [] } };
  // A row inserted before 乙, and 乙 changed: 乙's cell is E4, whatever its index.
  const model = { kind: 'target', src: {}, funds: { income: [row('甲', '10', 3), { name: '丙', full: '5' }, row('乙', '25', 4)], expense: [] } };
  const n = workbook.notes({ original, model, sheets, findings: [] });
  assert.equal(JSON.stringify(n.filter((x) => x.value !== undefined).map((x) => [x.ref, x.value])), JSON.stringify([['E4', '25']]));
  const a1 = n.find((x) => x.ref === 'A1');
  assert.match(a1.lines.join('\n'), /以下修改没有对应的单元格[\s\S]*新增一行（funds\.income）：丙 \/ 5/);
});

test('a model field names its cell as the core does (merged columns skipped)', () => {
  const sheets = [{ sheet: 'Sheet1', first_line: 1, rows: 10, merges: [[2, 0, 2, 2]] }];
  assert.deepEqual({ ...workbook.cellOf(sheets, { line: 3, col: 2 }) }, { sheet: 'Sheet1', ref: 'D3' });
  assert.deepEqual({ ...workbook.cellOf(sheets, { line: 4, col: 2 }) }, { sheet: 'Sheet1', ref: 'B4' });
  assert.equal(workbook.cellOf(sheets, { line: 12, col: 1 }), null);
});

// Issue #26 item 7: the same file, the same findings.
test('a form\'s findings do not depend on the batch, nor on a re-check from its model', async () => {
  const fc = await api();
  const unsure = { path: 'untitled.txt', text: fs.readFileSync(path.join(root, 'tests', 'fixtures', 'changzhou-target-untitled-expense.txt'), 'utf8') };
  const own = (r) => r.findings.filter((f) => !f.rule.startsWith('cross.')).map((f) => f.rule + ' ' + f.message).sort();
  const alone = fc.check([unsure], { model: true }).files[0];
  assert.equal(alone.summary.errors, 1, JSON.stringify(alone.summary));
  const batch = fc.check([unsure, ...seeds], { model: true }).files;
  assert.deepEqual(own(batch[0]), own(alone));
  for (const s of seeds) {
    const one = fc.check([s]).files[0];
    assert.deepEqual(own(batch.find((b) => b.path === s.path)), own(one), s.path);
  }
  // As the page re-checks a batch: every form from its model JSON, together.
  const again = fc.check([unsure, ...seeds].map((s, i) => ({ path: s.path, text: JSON.stringify(i ? fc.check([s], { model: true }).files[0].model : alone.model) })));
  const rules = (r) => r.findings.filter((f) => !f.rule.startsWith('cross.') && !f.rule.startsWith('import.')).map((f) => f.rule + ' ' + f.message).sort();
  assert.deepEqual(rules(again.files[0]), rules(alone));
  assert.equal(again.files[0].summary.errors, 1);
});

// Every .xlsx fixture the reader reads: annotated (a note on A1 and on B2 of
// each sheet), it reads back to the same model, and to the same grid but for
// an empty cell where a note's fill needed one.
test('every readable .xlsx fixture, annotated, reads back to the same model', async () => {
  const dirs = ['office', 'office-issue24', 'workbook'].map((d) => path.join(root, 'tests', 'fixtures', d));
  const files = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(d, f)));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-workbook-all-'));
  let done = 0;
  for (const file of files) {
    let grid;
    try { grid = execFileSync(native, ['grid', file], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8'); } catch (e) { continue; }
    const bytes = new Uint8Array(fs.readFileSync(file));
    const o = await office.readOfficeParts(bytes);
    const fc = await api();
    const r = fc.check([{ path: path.basename(file), office: o }], { grid: true }).files[0];
    const sheets = (r.source_sheets || []).map((s) => s.sheet);
    if (!sheets.length) continue;
    const notes = sheets.flatMap((s) => [{ sheet: s, ref: 'A1', kind: 'info', lines: ['提示'] }, { sheet: s, ref: 'B2', kind: 'error', lines: ['错误'] }]);
    const out = path.join(tmp, path.basename(file));
    let annotated;
    try {
      annotated = await workbook.annotate(bytes, notes);
    } catch (e) {
      // A package that is no valid OPC workbook (hand-made, without [Content_Types].xml
      // or a styles part) is said, and the page exports template-shaped instead.
      const names = [...unzip(Buffer.from(bytes)).keys()];
      assert.ok(!names.includes('[Content_Types].xml') || !names.some((n) => /styles\.xml$/.test(n)), path.basename(file) + ': ' + e.message);
      assert.ok(e instanceof workbook.WorkbookFailure, e.stack);
      continue;
    }
    fs.writeFileSync(out, annotated);
    const trim = (g) => g.replace(/\t+$/gm, '');
    assert.equal(trim(execFileSync(native, ['grid', out]).toString('utf8')), trim(grid), path.basename(file));
    const model = (f) => { try { return execFileSync(native, ['model', f], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8'); } catch (e) { return ''; } };
    assert.equal(model(out), model(file), path.basename(file));
    done++;
  }
  assert.ok(done >= 5, `annotated ${done} workbooks`);
});
