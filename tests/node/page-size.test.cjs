// The single-file page stays within its transfer budget: 400 KiB gzipped
// (the wasm rides inside it, gzipped and base64-encoded).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { root } = require('./helpers.cjs');

test('dist/formcheck.html is at most 400 KiB gzipped', () => {
  const page = fs.readFileSync(path.join(root, 'dist', 'formcheck.html'));
  const gz = zlib.gzipSync(page, { level: 9 }).length;
  assert.ok(gz <= 400 * 1024, `formcheck.html is ${(gz / 1024).toFixed(1)} KiB gzipped`);
});
