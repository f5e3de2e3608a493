// The single-file page stays within its transfer budget: 400 KB (400,000 bytes) gzipped
// (the wasm rides inside it, gzipped and base64-encoded).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { root } = require('./helpers.cjs');

test('dist/formcheck.html is at most 400 KB gzipped', () => {
  const page = fs.readFileSync(path.join(root, 'dist', 'formcheck.html'));
  const gz = zlib.gzipSync(page, { level: 9 }).length;
  assert.ok(gz <= 400000, `formcheck.html is ${gz} bytes gzipped`);  // bench.sh's page_gzip_bytes target
});
