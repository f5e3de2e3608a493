// The single-file page stays within its transfer budgets (issue 27): the page
// core — the file without the blocks it decodes only on first use (the full
// module, for old Office files) — at most 400 KB (400,000 bytes) gzipped, and
// the whole file at most 800 KB. The wasm rides inside, gzipped and base64-encoded.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { root } = require('./helpers.cjs');
const { pageCore } = require('../../build-scripts/page-core.cjs');

const page = () => fs.readFileSync(path.join(root, 'dist', 'formcheck.html'), 'utf8');
const gz = (s) => zlib.gzipSync(s, { level: 9 }).length;

test('dist/formcheck.html is at most 800 KB gzipped', () => {
  const n = gz(page());
  assert.ok(n <= 800000, `formcheck.html is ${n} bytes gzipped`);  // bench's page_gzip_bytes target
});

test('the page core (all but the lazily decoded blocks) is at most 400 KB gzipped', () => {
  const html = page();
  const core = pageCore(html);
  // The full module is there, and left out of the core.
  assert.match(html, /id="formcheck-wasm-full" data-formcheck-lazy/);
  assert.match(html, /id="formcheck-full-worker-source" data-formcheck-lazy/);
  assert.match(html, /id="formcheck-workbook-source" data-formcheck-lazy/);  // the workbook export: read on first use
  assert.doesNotMatch(core, /<script[^>]*id="formcheck-(wasm-full|full-worker-source)"/);
  assert.match(core, /id="formcheck-wasm"/);
  const n = gz(core);
  assert.ok(n <= 400000, `the page core is ${n} bytes gzipped`);  // bench's page_core_gzip_bytes target
});
