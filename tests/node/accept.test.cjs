// Accepted findings (说明) through the wasm API, and the CLI's --accept giving
// byte-identical results: one matching function (shared/formcheck/acceptance.hpp).
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { api, seeds, root } = require('./helpers.cjs');

const native = process.env.FORMCHECK_NATIVE || path.join(root, 'build', 'native', 'formcheck');
const report = seeds.find((s) => s.path.startsWith('001_'));  // one error: eval.reason_missing

function run(args) {
  try {
    return { status: 0, out: execFileSync(native, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { status: e.status, out: String(e.stdout) };
  }
}

const statementOf = (f, reason) => Object.assign({}, f, { reason });

test('the accept option marks the finding, keeps it an error and counts it as accepted', async () => {
  const fc = await api();
  const before = fc.check([report]).files[0];
  const error = before.findings.find((f) => f.severity === 'error');
  assert.equal(error.rule, 'eval.reason_missing');
  assert.match(error.fingerprint, /^[0-9a-f]{16}$/);
  const after = fc.check([report], { accept: [statementOf(error, '该指标由市财政统一说明。')] }).files[0];
  const same = after.findings.find((f) => f.rule === 'eval.reason_missing');
  assert.deepEqual(same.accepted, { reason: '该指标由市财政统一说明。', by: 'gate' });
  assert.equal(after.summary.errors, 1);
  assert.equal(after.summary.accepted_errors, 1);
  assert.ok(!after.findings.some((f) => f.rule === 'accept.unmatched'));
});

test('statements a model JSON carries are shown as accepted by the form; a changed value re-opens the finding', async () => {
  const fc = await api();
  const first = fc.check([report], { model: true }).files[0];
  const error = first.findings.find((f) => f.rule === 'eval.reason_missing');
  const model = Object.assign({}, first.model, { accepted: [statementOf(error, '统一说明。')] });
  const again = fc.check([{ path: 'draft.json', text: JSON.stringify(model) }], { model: true }).files[0];
  assert.deepEqual(again.findings.find((f) => f.rule === 'eval.reason_missing').accepted, { reason: '统一说明。', by: 'form' });
  assert.equal(again.model.accepted[0].reason, '统一说明。');  // the model keeps them (export → import)
  // The row's target changes: the finding is computed from it, so it re-opens.
  const changed = JSON.parse(JSON.stringify(model));
  changed.evaluation[error.location.index].target = changed.evaluation[error.location.index].target + '0';
  const reopened = fc.check([{ path: 'draft.json', text: JSON.stringify(changed) }]).files[0];
  const f = reopened.findings.find((x) => x.rule === 'eval.reason_missing');
  assert.ok(f && !f.accepted, 'the finding is open again');
  assert.ok(reopened.findings.some((x) => x.rule === 'accept.unmatched'));
});

test('CLI --accept: exit 0 for an accepted error, byte-identical to the wasm accept option', async () => {
  const fc = await api();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formcheck-accept-'));
  const form = path.join(dir, 'report.txt');
  fs.writeFileSync(form, report.text);
  const error = fc.check([{ path: form, text: report.text }]).files[0].findings.find((f) => f.severity === 'error');
  const waiver = path.join(dir, 'accept.json');
  const statements = [statementOf(error, '统一说明。'), { rule: 'money.income_total', location: { section: 'funds.income', field: 'full', label: '部门整体资金·收入·资金总额·全年预算数' }, actual: '1', reason: '旧的说明' }];
  fs.writeFileSync(waiver, JSON.stringify(statements));
  assert.equal(run(['check', form]).status, 1);
  const gated = run(['check', '--format', 'json', '--compact', '--details', '--accept', waiver, form]);
  assert.equal(gated.status, 0);
  const wasm = fc.check([{ path: form, text: report.text }], { accept: statements });
  assert.equal(JSON.stringify(wasm), gated.out.trimEnd());
  assert.equal(wasm.files[0].findings.filter((f) => f.rule === 'accept.unmatched').length, 1);
  // The same statements carried by the checked form waive nothing at the gate.
  const model = Object.assign(fc.check([{ path: form, text: report.text }], { model: true }).files[0].model, { accepted: [statements[0]] });
  const draft = path.join(dir, 'draft.json');
  fs.writeFileSync(draft, JSON.stringify(model));
  const carried = run(['check', '--format', 'json', '--compact', '--details', draft]);
  assert.equal(carried.status, 1);
  assert.equal(JSON.stringify(fc.check([{ path: draft, text: fs.readFileSync(draft, 'utf8') }])), carried.out.trimEnd());
  assert.equal(JSON.parse(carried.out).files[0].summary.accepted_errors, 1);
});
