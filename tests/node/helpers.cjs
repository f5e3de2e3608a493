// Loads the real wasm build the way users' code does.
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..');
const buildDir = process.env.FORMCHECK_WASM_DIR || path.join(root, 'build', 'wasm', 'wasm');
// The example forms, among them the three real seed forms.
const examplesDir = path.join(root, 'examples');
const isSeed = (f) => /^\d{3}_[0-9a-f]{16}\.txt$/.test(f);

function moduleFactory() {
  return require(path.join(buildDir, 'formcheck-module.js'));
}

let apiPromise;
function api() {
  if (!apiPromise) apiPromise = require(path.join(root, 'wasm', 'formcheck-api.js')).init(moduleFactory());
  return apiPromise;
}

const seeds = fs.readdirSync(examplesDir).filter(isSeed).sort()
  .map((name) => ({ path: name, text: fs.readFileSync(path.join(examplesDir, name), 'utf8') }));

// The page's PDF step (pdf-import.js) under node: the same extractor
// (web/js/pdf-runs.js) over pdf.js's node build, as the CLI runs it. For tests
// that follow the page's reading path without a browser.
const pdfPage = {
  isPdf(bytes) {
    const head = Buffer.from(bytes.subarray(0, 1024));
    return head.includes(Buffer.from('%PDF-'));
  },
  toRuns(bytes) {
    const pdfjs = require(require.resolve('pdfjs-dist/legacy/build/pdf.js', { paths: [root] }));
    const extractor = require(path.join(root, 'web', 'js', 'pdf-runs.js'));
    return extractor.extract(pdfjs, new Uint8Array(bytes), { timeLimitMs: 10000, perPageMs: 10000 });
  },
};

module.exports = { api, moduleFactory, seeds, examplesDir, root, buildDir, pdfPage };
