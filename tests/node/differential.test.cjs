// Native and wasm give byte-identical results JSON (findings, calculations,
// score) on the seeds and on 1,000 generated forms: one core, no floating point.
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { api, examplesDir, root, buildDir, pdfPage } = require('./helpers.cjs');
const gen = require('../gen/generate.cjs');

const native = process.env.FORMCHECK_NATIVE || path.join(root, 'build', 'native', 'formcheck');

function compare(files) {
  const out = execFileSync(native, ['check', '--format', 'json', '--compact', '--details', ...files],
    { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  return out.trimEnd();
}

function nativeJson(files) {
  try {
    return compare(files);
  } catch (e) {
    // exit 1: errors were found; exit 2: a file could not be read (its record is in the output too)
    if (e.status === 1 || e.status === 2) return e.stdout.toString().trimEnd();
    throw e;
  }
}

test('native binary exists', () => assert.ok(fs.existsSync(native), native));

test('seeds and example forms: byte-identical', async () => {
  const fc = await api();
  const files = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(examplesDir, f));
  const wasm = fc.check(files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })));
  assert.equal(JSON.stringify(wasm), nativeJson(files));
});

test('1,000 generated forms: byte-identical', async () => {
  const fc = await api();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formcheck-diff-'));
  const files = [];
  for (let i = 1; i <= 1000; i++) {
    const f = path.join(dir, `form-${i}.txt`);
    fs.writeFileSync(f, gen.form(i, 5 + (i % 60)));
    files.push(f);
  }
  const rules = new Set();
  for (let k = 0; k < files.length; k += 250) {
    const batch = files.slice(k, k + 250);
    const wasm = JSON.stringify(fc.check(batch.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }))));
    const nat = nativeJson(batch);
    if (wasm !== nat) {
      const a = JSON.parse(wasm).files, b = JSON.parse(nat).files;
      const i = a.findIndex((x, j) => JSON.stringify(x) !== JSON.stringify(b[j]));
      assert.deepEqual(a[i], b[i], batch[i]);
    }
    assert.equal(wasm, nat);
    JSON.parse(wasm).files.forEach((f) => f.findings.forEach((x) => rules.add(x.rule)));
  }
  // The generated forms carry real problems, so the comparison covers findings.
  for (const r of ['money.income_total', 'indicator.name_typo', 'eval.deviation', 'budget.execution_rate', 'eval.reason_missing']) {
    assert.ok(rules.has(r), r);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

// Office files: the page's path (office.js inflates the parts with
// DecompressionStream, the wasm module reads them) and the CLI's (zlib, the
// same C++ reader) give byte-identical results, sheet cell names included.
test('.xlsx, .docx and .xls: the page path (office.js + wasm) and the CLI are byte-identical', async () => {
  const fc = await api();
  const vm = require('node:vm');
  const sandbox = { self: {}, Blob, DecompressionStream, Response, TextDecoder, TextEncoder, Uint8Array, DataView, ArrayBuffer, Promise, Math, Object, Error };
  vm.runInNewContext(fs.readFileSync(path.join(root, 'web', 'js', 'office.js'), 'utf8'), sandbox);
  const office = sandbox.self.FormCheckOffice;
  const dir = path.join(root, 'tests', 'fixtures', 'office');
  const files = fs.readdirSync(dir).filter((f) => /\.(xlsx|docx|xls)$/.test(f)).sort().map((f) => path.join(dir, f));
  assert.ok(files.length >= 9);
  const inputs = [];
  for (const f of files) {
    const bytes = new Uint8Array(fs.readFileSync(f));
    // .xls goes to the module as its bytes (the page does the same); .xlsx/.docx as inflated parts.
    inputs.push(f.endsWith('.xls') ? { path: f, bytes } : { path: f, office: await office.readOfficeParts(bytes) });
  }
  const wasm = JSON.stringify(fc.check(inputs, { details: true }));
  assert.equal(wasm, nativeJson(files));
  assert.match(wasm, /"cell":"Sheet1!/);
});

// Damaged and unusual office files (issue 24): the page's routing (client.js:
// a ZIP is unzipped by office.js, whose failures the core words; other binary
// content goes to the core as bytes) and the CLI give byte-identical results —
// the same rule, message and advice for a damaged file, the same formula
// findings at the same cells.
test('damaged and unusual office files: the page path and the CLI are byte-identical', async () => {
  const fc = await api();
  const vm = require('node:vm');
  const sandbox = { self: {}, Blob, DecompressionStream, Response, TextDecoder, TextEncoder, Uint8Array, DataView, ArrayBuffer, Promise, Math, Object, Error };
  vm.runInNewContext(fs.readFileSync(path.join(root, 'web', 'js', 'office.js'), 'utf8'), sandbox);
  const office = sandbox.self.FormCheckOffice;
  const dir = path.join(root, 'tests', 'fixtures', 'office-issue24');
  const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
  assert.ok(files.length >= 10);
  const inputs = [];
  for (const f of files) {
    const bytes = new Uint8Array(fs.readFileSync(f));
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
    // (A PDF, whatever its name, becomes its text runs as in the page: pdf-import.js.)
    if (zip) inputs.push({ path: f, office: await office.readOfficeParts(bytes) });
    else if (pdfPage.isPdf(bytes)) inputs.push({ path: f, text: await pdfPage.toRuns(bytes) });
    else inputs.push({ path: f, bytes });
  }
  const wasm = JSON.stringify(fc.check(inputs, { details: true }));
  const nat = nativeJson(files);
  if (wasm !== nat) {
    const a = JSON.parse(wasm).files, b = JSON.parse(nat).files;
    const i = a.findIndex((x, j) => JSON.stringify(x) !== JSON.stringify(b[j]));
    assert.deepEqual(a[i], b[i], files[i]);
  }
  assert.equal(wasm, nat);
  for (const want of ['两个名为 xl/worksheets/sheet1.xml 的条目', '"cell":"Sheet1!B5"', 'import.formula_stale', 'PNG 图片', 'PDF']) {
    assert.ok(wasm.includes(want), want);
  }
});

// The single-file page checks text, .xlsx and .docx with its page-core module
// and old Office files with the full one (docs/performance.md): for every
// input the page sends it, the page core gives the full module's bytes.
test('page core module: byte-identical to the full module on every input the page gives it', async () => {
  const fc = await api();
  const core = await require(path.join(root, 'wasm', 'formcheck-api.js'))
    .init(require(path.join(buildDir, 'formcheck-page-core-module.js')));
  const same = (inputs) => assert.equal(JSON.stringify(core.check(inputs, { details: true, model: true })),
    JSON.stringify(fc.check(inputs, { details: true, model: true })));
  const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => ({ path: f, text: fs.readFileSync(path.join(examplesDir, f), 'utf8') }));
  same(examples);
  for (let k = 0; k < 200; k += 50) same(Array.from({ length: 50 }, (_, j) => ({ path: `form-${k + j}.txt`, text: gen.form(k + j + 1, 5 + ((k + j) % 60)) })));
  const vm = require('node:vm');
  const sandbox = { self: {}, Blob, DecompressionStream, Response, TextDecoder, TextEncoder, Uint8Array, DataView, ArrayBuffer, Promise, Math, Object, Error };
  vm.runInNewContext(fs.readFileSync(path.join(root, 'web', 'js', 'office.js'), 'utf8'), sandbox);
  const dir = path.join(root, 'tests', 'fixtures', 'office');
  const office = [];
  for (const f of fs.readdirSync(dir).filter((x) => /\.(xlsx|docx)$/.test(x)).sort()) {
    office.push({ path: f, office: await sandbox.self.FormCheckOffice.readOfficeParts(new Uint8Array(fs.readFileSync(path.join(dir, f)))) });
  }
  assert.ok(office.length >= 6);
  same(office);
  // An old Office file never reaches the page core; if one did, it says what is missing.
  const xls = fs.readdirSync(dir).find((x) => x.endsWith('.xls'));
  const r = core.check([{ path: xls, bytes: new Uint8Array(fs.readFileSync(path.join(dir, xls))) }]);
  assert.equal(r.files[0].findings[0].severity, 'error');
  assert.match(r.files[0].findings[0].message, /完整模块/);
});

// formcheck diff and the wasm diff (what the page shows): the same comparison,
// JSON and text, for text, workbook and model JSON versions.
test('diff: native and wasm give the same comparison (JSON and text)', async () => {
  const fc = await api();
  const vm = require('node:vm');
  const sandbox = { self: {}, Blob, DecompressionStream, Response, TextDecoder, TextEncoder, Uint8Array, DataView, ArrayBuffer, Promise, Math, Object, Error };
  vm.runInNewContext(fs.readFileSync(path.join(root, 'web', 'js', 'office.js'), 'utf8'), sandbox);
  const office = sandbox.self.FormCheckOffice;
  const fx = path.join(root, 'tests', 'fixtures');
  const run = (args) => {
    try {
      return { status: 0, out: execFileSync(native, ['diff', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
    } catch (e) {
      return { status: e.status, out: e.stdout.toString() };
    }
  };
  const input = async (f) => (/\.(xlsx|docx)$/.test(f)
    ? { path: f, office: await office.readOfficeParts(new Uint8Array(fs.readFileSync(f))) }
    : { path: f, text: fs.readFileSync(f, 'utf8') });
  const pairs = [
    [path.join(fx, 'changzhou-target-fixed.txt'), path.join(fx, 'diff', 'changzhou-target-revised.txt'), 1],
    [path.join(fx, 'changzhou-target-error.txt'), path.join(fx, 'diff', 'changzhou-target-revised.txt'), 1],
    [path.join(examplesDir, '001_f2b30ced5db2740f.txt'), path.join(fx, 'office', '001_f2b30ced5db2740f.xlsx'), 0],
    [path.join(examplesDir, '000_f35a91aedacdb67a.txt'), path.join(examplesDir, '001_f2b30ced5db2740f.txt'), 1],
    [path.join(examplesDir, '002_38699f7d4c788424.txt'), path.join(fx, 'office', '001_f2b30ced5db2740f.xlsx'), 1],
    [path.join(fx, 'office', 'project-target-example.xlsx'), path.join(fx, 'office', 'project-target-example.docx'), 0],
  ];
  for (const [older, newer, status] of pairs) {
    const wasm = fc.diff(await input(older), await input(newer));
    const json = run(['--format', 'json', older, newer]);
    assert.equal(json.status, status, `${older} ${newer}`);
    const text = wasm.text;
    delete wasm.text;
    assert.deepEqual(wasm, JSON.parse(json.out), `${older} ${newer}`);
    assert.equal(text, run([older, newer]).out);
  }
});
