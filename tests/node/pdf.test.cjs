// PDFs under node (issue 27): the extractor the CLI runs (cli/pdf-runs.cjs,
// pdf.js) writes exactly the committed runs JSON of the printed fixtures
// (Chinese text of LibreOffice's embedded CID fonts through their ToUnicode
// maps), and the CLI and the wasm API read a PDF the same way.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { api, root } = require('./helpers.cjs');

const fx = path.join(root, 'tests', 'fixtures', 'pdf');
const extract = (pdf) => execFileSync('node', [path.join(root, 'cli', 'pdf-runs.cjs'), pdf, '20000', '20000'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

for (const name of ['writer/project-target-example', 'calc/project-target-example', 'bad/encrypted']) {
  test(`the extractor gives the committed runs of ${name}.pdf`, () => {
    const runs = extract(path.join(fx, name + '.pdf'));
    assert.equal(runs, fs.readFileSync(path.join(fx, 'runs', name.replace('/', '-') + '.json'), 'utf8'));
  });
}

test('the CLI and the wasm API read a PDF alike', async () => {
  const cli = path.join(root, 'build', 'native', 'formcheck');
  const pdf = path.join(fx, 'writer', 'project-target-example.pdf');
  let out;
  try {
    out = execFileSync(cli, ['check', '--format', 'json', '--compact', pdf], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout;  // exit 1: the form has errors
  }
  const native = JSON.parse(out).files[0];
  const m = await api();
  const runs = fs.readFileSync(path.join(fx, 'runs', 'writer-project-target-example.json'), 'utf8');
  const wasm = m.check([{ path: pdf, text: runs }]).files[0];
  assert.deepEqual(wasm.findings, native.findings);
  assert.equal(wasm.form, 'project_target');
});
