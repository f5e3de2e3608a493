#!/usr/bin/env node
// Builds dist/: the single self-contained page (dist/formcheck.html, also
// dist/index.html), the embeddable bundle (dist/formcheck-embed.js), the
// upload-gate example and the rule catalog. Everything is inlined; the CSP
// allows only the hashes of our own inline script and style, so the page can
// make no network request at all and works from file://.
//
// usage: node build-scripts/build-page.mjs [--wasm-dir build/wasm/wasm] [--out dist]
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const wasmDir = resolve(root, arg('--wasm-dir', 'build/wasm/wasm'));
const out = resolve(root, arg('--out', 'dist'));
const read = (p) => readFileSync(join(root, p), 'utf8');
// Our own scripts without their whole-line comments (the sources keep them;
// the page is sent gzipped and must stay within its budget). Only lines that
// are nothing but a comment go: code, strings and end-of-line comments stay.
const readScript = (p) => {
  let inBlock = false;
  return read(p).split('\n').filter((line) => {
    const t = line.trim();
    if (inBlock) {
      if (t.includes('*/')) inBlock = false;
      return false;
    }
    if (t.startsWith('/*') && !t.startsWith('/*global') && !t.startsWith('/* global')) {
      inBlock = !t.includes('*/');
      return false;
    }
    return !t.startsWith('//');
  }).map((line) => line.trimStart()).join('\n');  // no template literals in these scripts: indentation is only layout
};

const modulePath = join(wasmDir, 'formcheck-module.js');
if (!existsSync(modulePath)) {
  console.error(`build-page: ${modulePath} is missing; build the wasm module first.`);
  process.exit(1);
}
const moduleSrc = readFileSync(modulePath, 'utf8');
const apiSrc = read('wasm/formcheck-api.js');
// The SINGLE_FILE module carries the wasm as a base64 data: URI, which it
// would load with fetch(data:) — measured 10–25 ms slower in a worker than
// decoding it ourselves. The page carries the base64 on its own; client.js
// decodes and compiles it while the worker starts and posts the compiled
// module (or, failing that, the base64, which the worker decodes and hands
// the module as `wasmBinary`). The worker's script is then ~60 KB of JS
// instead of ~830 KB, so it also starts parsing sooner.
const WASM_URI = /wasmBinaryFile="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
const wasmMatch = moduleSrc.match(WASM_URI);
if (!wasmMatch) throw new Error('build-page: the module carries no base64 wasm (is it a SINGLE_FILE build?)');
// The page carries the wasm gzipped, then base64 (decodeWasm in
// formcheck-api.js undoes both): base64 of raw wasm hides its redundancy from
// the server's gzip; base64 of gzip is what travels anyway, and is 30% smaller.
// Zopfli (Debian's zopfli) writes the same gzip format as zlib, 5% smaller
// for this module: 17 KB of the page's transfer budget. Without it, zlib -9.
function gzipBest(bytes) {
  const tmp = join(mkdtempSync(join(tmpdir(), 'formcheck-')), 'module.wasm');
  writeFileSync(tmp, bytes);
  const z = spawnSync('zopfli', ['--i15', '-c', tmp], { maxBuffer: 64 << 20 });
  rmSync(dirname(tmp), { recursive: true, force: true });
  if (z.status === 0 && z.stdout.length > 0) return z.stdout;
  return gzipSync(bytes, { level: 9 });
}
const wasmBase64 = process.env.FORMCHECK_PLAIN_WASM ? wasmMatch[1]
  : gzipBest(Buffer.from(wasmMatch[1], 'base64')).toString('base64');
const moduleSrcWithoutWasm = moduleSrc.replace(WASM_URI, 'wasmBinaryFile="data:application/octet-stream;base64,"');
const workerSrc = [apiSrc, moduleSrcWithoutWasm, read('web/js/worker.js')].join('\n;\n');
// The page needs of each rule pack only what its templates and labels use
// (the checker in the wasm carries the packs whole); the packs come resolved
// from the module itself (a pack states only how it differs from its base).
const require = createRequire(import.meta.url);
const api = await require(join(root, 'wasm/formcheck-api.js')).init(require(modulePath));
const profiles = api.packs()
  .map((p) => ({ id: p.id, name: p.name, kind: p.kind, region: p.region || '',
    common_indicators: (p.common_indicators || []).map((c) => Object.fromEntries(
      Object.entries(c).filter(([k]) => ['name', 'level1', 'level2', 'since', 'until'].includes(k)))) }));

// A JS literal (string or JSON value) that is safe inside <script>: no "</script", no "<!--".
const jsString = (s) => JSON.stringify(s).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

// The rule catalog, generated from the registry of this very module: the
// page gets it with its script instead of asking the worker for it after
// start-up (a first call into freshly compiled wasm, 10–20 ms of the cold start).
const rulesCatalog = `var FORMCHECK_RULES = ${jsString(api.rules())};`;

// formcheck-api.js rides along for client.js, which decodes the wasm with its decodeBase64.
const libraries = [readScript('web/js/office.js'), apiSrc, readScript('web/js/client.js')];
const embedBundle = [
  '/* formcheck-embed.js — generated by build-scripts/build-page.mjs; see docs/api.md */',
  `var FORMCHECK_WORKER_SOURCE = ${jsString(workerSrc)};`,
  `var FORMCHECK_WASM_BASE64 = ${jsString(wasmBase64)};`,
  rulesCatalog,
  ...libraries,
].join('\n');
// In the page, the worker source sits in an inert <script type="text/x-formcheck-worker">
// block: the HTML parser copies it as text, the JS engine never tokenises it,
// which halves the time to the first paint of the single file.
// start-worker.js runs between the two blocks: the worker starts while the
// parser reads the wasm block.
const startWorker = read('web/js/start-worker.js');
const workerBlock = `<script type="text/x-formcheck-worker" id="formcheck-worker-source">${workerSrc}</script>\n` +
  `<script>${startWorker}</script>\n` +
  `<script type="text/x-formcheck-wasm-base64" id="formcheck-wasm">${wasmBase64}</script>`;
const pageScript = [
  ...libraries,
  `var FORMCHECK_PROFILES = ${jsString(profiles)};`,
  rulesCatalog,
  readScript('web/js/forms.js'),
  readScript('web/js/score-view.js'),
  readScript('web/js/history.js'),
  readScript('web/js/editor-grid.js'),
  readScript('web/js/report-view.js'),
  readScript('web/js/fix-view.js'),
  readScript('web/js/source-view.js'),
  readScript('web/js/findings-group.js'),
  readScript('web/js/app.js'),
].join('\n');
for (const [name, text] of [['worker source', workerSrc], ['page script', pageScript], ['start-worker.js', startWorker]]) {
  if (/<\/script|<!--/i.test(text)) throw new Error(`${name} contains "</script" or "<!--"`);
}
// The style sheet without its comments and indentation (the source keeps them).
const style = read('web/style.css').replace(/\/\*[\s\S]*?\*\//g, '').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

export const csp = [
  "default-src 'none'",
  `script-src ${sha(startWorker)} ${sha(pageScript)} 'wasm-unsafe-eval'`,
  `style-src ${sha(style)}`,
  'img-src data: blob:',
  'worker-src blob:',
  'connect-src data: blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = read('web/index.html')
  .replace('{{CSP}}', csp)
  .replace('{{STYLE}}', () => `<style>${style}</style>`)
  .replace('{{SCRIPTS}}', () => `${workerBlock}\n<script>${pageScript}</script>`);

mkdirSync(join(out, 'examples'), { recursive: true });
writeFileSync(join(out, 'formcheck.html'), html);
writeFileSync(join(out, 'index.html'), html);
writeFileSync(join(out, 'formcheck-embed.js'), embedBundle);
copyFileSync(modulePath, join(out, 'formcheck-module.js'));
copyFileSync(join(root, 'wasm/formcheck-api.js'), join(out, 'formcheck-api.js'));
for (const f of readdirSync(join(root, 'web/examples'))) copyFileSync(join(root, 'web/examples', f), join(out, 'examples', f));

// The rule catalog, generated from the registry (same text as `formcheck rules --markdown`).
writeFileSync(join(out, 'rules.md'), api.rulesMarkdown());

const kb = (s) => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KB`;
console.log(`build-page: ${join(out, 'formcheck.html')} (${kb(html)}), formcheck-embed.js (${kb(embedBundle)}), rules.md`);
