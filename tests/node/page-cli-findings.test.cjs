// The page and the CLI give the same findings for the same bytes: every
// fixture, every gate case (tests/fuzz_regressions) and every example goes
// through the page's own reading (client.js readInput: UTF-8 text, UTF-16 and
// NUL bytes as bytes, office parts inflated by office.js, old Office files as
// bytes, files over the limit refused up front) into the wasm module, and
// through `formcheck check` on the file. Text that is neither UTF-8 nor
// UTF-16 is read by the page as GB18030 (the CLI asks for UTF-8): its
// findings are compared with the CLI's on the same text saved as UTF-8.
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { api, root, pdfPage } = require('./helpers.cjs');

const native = process.env.FORMCHECK_NATIVE || path.join(root, 'build', 'native', 'formcheck');

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.(py|cjs|mjs|md)$/.test(e.name) ? [] : [p];
  });
}

function cli(file) {
  try {
    return JSON.parse(execFileSync(native, ['check', '--format', 'json', '--compact', file],
      { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    if (e.status === 1 || e.status === 2) return JSON.parse(e.stdout);
    throw e;
  }
}

// client.js and office.js as the page runs them (no worker: only readInput is used).
function pageReader() {
  const sandbox = { self: {}, Blob, DecompressionStream, Response, TextDecoder, TextEncoder, Uint8Array, DataView,
    ArrayBuffer, Promise, Math, Object, Error, Array, String, Number, JSON };
  vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(path.join(root, 'web', 'js', 'office.js'), 'utf8'), sandbox);
  sandbox.FormCheckOffice = sandbox.self.FormCheckOffice;
  vm.runInContext(fs.readFileSync(path.join(root, 'web', 'js', 'client.js'), 'utf8'), sandbox);
  sandbox.self.FormCheckPdf = pdfPage;  // pdf-import.js's part, done as the page does it (helpers.cjs)
  return sandbox.self.FormCheck.readInput;
}

// What the page shows for one file: the module's results for its input, or
// the page's own record for a file it refuses before the module sees it.
async function pageResults(fc, readInput, file) {
  const bytes = fs.readFileSync(file);
  const blob = { name: file, size: bytes.length, arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) };
  const input = await readInput(blob);
  if (input.problem) return { input, files: [input.problem] };
  const { problem, ...clean } = input;
  return { input, files: fc.check([clean], { details: false }).files };
}

// (JSON round trip: the page's own records come from another realm.)
const seen = (r) => JSON.parse(JSON.stringify(r.files.map((f) => ({ path: f.path, form: f.form, summary: f.summary, findings: f.findings }))));

test('page and CLI: the same findings for every fixture, gate case and example', async () => {
  const fc = await api();
  const readInput = pageReader();
  const files = ['tests/fixtures', 'tests/fuzz_regressions', 'examples'].flatMap((d) => walk(path.join(root, d))).sort();
  assert.ok(files.length > 50, String(files.length));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-page-cli-'));
  let gb18030 = 0, asBytes = 0;
  const differ = [];
  for (const file of files) {
    const page = await pageResults(fc, readInput, file);
    let cliFile = file;
    const raw = fs.readFileSync(file);
    if (typeof page.input.text === 'string' && !raw.equals(Buffer.from(page.input.text, 'utf8')) &&
        !raw.equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page.input.text, 'utf8')]))) {
      // Not UTF-8 on disk: the page read it as GB18030; the CLI gets that text as UTF-8 (same path).
      ++gb18030;
      fs.mkdirSync(path.join(tmp, String(gb18030)));
      cliFile = path.join(tmp, String(gb18030), path.basename(file));
      fs.writeFileSync(cliFile, page.input.text);
    }
    if (page.input.bytes) ++asBytes;
    const expect = cli(cliFile);
    expect.files.forEach((f) => { f.path = f.path.replace(cliFile, file); });
    try {
      assert.deepEqual(seen(page), seen(expect));
    } catch (e) {
      differ.push(path.relative(root, file) + '\n' + e.message);
    }
  }
  assert.deepEqual(differ, [], 'page and CLI differ');
  // The gate cases include UTF-16 text and old Office files (bytes) and GBK-like text.
  assert.ok(asBytes >= 2, 'inputs sent as bytes: ' + asBytes);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('UTF-16 text with a byte-order mark (Excel "Unicode 文本") and without: the page reads it as the CLI does', async () => {
  const fc = await api();
  const readInput = pageReader();
  const seedFile = path.join(root, 'examples', '000_f35a91aedacdb67a.txt');
  const text = fs.readFileSync(seedFile, 'utf8');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-utf16-'));
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  const cases = {
    'bom-le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
    'bom-be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    'nobom-le.txt': le,
  };
  const utf8 = seen({ files: cli(seedFile).files }).map((f) => ({ ...f, path: '' }));
  for (const [name, bytes] of Object.entries(cases)) {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes);
    const page = await pageResults(fc, readInput, file);
    assert.equal(page.files[0].form, 'target', name);
    assert.deepEqual(seen(page), seen(cli(file)), name);
    // And the same as the UTF-8 file.
    assert.deepEqual(seen(page).map((f) => ({ ...f, path: '' })), utf8, name);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});
