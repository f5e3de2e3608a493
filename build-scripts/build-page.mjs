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
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const wasmDir = resolve(root, arg('--wasm-dir', 'build/wasm/wasm'));
const out = resolve(root, arg('--out', 'dist'));
const read = (p) => readFileSync(join(root, p), 'utf8');
// Every script the page carries is minified by terser (npm): the page core
// has a 400 KB gzip budget, and names and whitespace are a fifth of it.
// Top-level names stay (the scripts share them across blocks), as do
// "</script" escapes (inline_script).
const { minify: terserMinify } = createRequire(import.meta.url)(join(root, 'node_modules', 'terser'));
const minify = async (code) => (await terserMinify(code, { ecma: 2017, compress: { passes: 2 }, mangle: true,
  format: { comments: false, inline_script: true } })).code;
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

// Two builds of the same core (wasm/CMakeLists.txt): the full module (node,
// the embed bundle, and the page's lazily decoded part) and the page-core
// module, all a first check of pasted text, .xlsx or .docx needs: the page
// loads it first and decodes the full one only when an input needs it
// (web/js/full-module.js; docs/performance.md).
const modulePath = join(wasmDir, 'formcheck-module.js');
const coreModulePath = join(wasmDir, 'formcheck-page-core-module.js');
for (const p of [modulePath, coreModulePath]) {
  if (!existsSync(p)) {
    console.error(`build-page: ${p} is missing; build the wasm modules first.`);
    process.exit(1);
  }
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
const splitModule = (src) => {
  const m = src.match(WASM_URI);
  if (!m) throw new Error('build-page: the module carries no base64 wasm (is it a SINGLE_FILE build?)');
  return { glue: src.replace(WASM_URI, 'wasmBinaryFile="data:application/octet-stream;base64,"'), wasm: Buffer.from(m[1], 'base64') };
};
// The page carries the wasm gzipped, then base64 (decodeWasm in
// formcheck-api.js undoes both): base64 of raw wasm hides its redundancy from
// the server's gzip; base64 of gzip is what travels anyway, and is 30% smaller.
// The page core's wasm, which counts against the page's first-load budget, is
// gzipped by zopfli (Debian's zopfli, build-scripts/lib.sh): a plain gzip
// stream that DecompressionStream reads like any other, 5% smaller than
// zlib's -9 (core wasm 329,170 -> 312,380 bytes at 5 iterations; 15
// iterations gained 25 bytes more). The lazily decoded full module keeps zlib -9.
const zopfli = (wasm) => {
  const dir = mkdtempSync(join(tmpdir(), 'formcheck-zopfli-'));
  try {
    writeFileSync(join(dir, 'core.wasm'), wasm);
    return execFileSync('zopfli', ['-c', '--i5', join(dir, 'core.wasm')], { maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    throw new Error(`build-page: zopfli failed (${e.message}); install Debian's zopfli (build-scripts/lib.sh ensure_build_deps)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const carry = (wasm, { best = false } = {}) => (process.env.FORMCHECK_PLAIN_WASM ? wasm.toString('base64')
  : (best ? zopfli(wasm) : gzipSync(wasm, { level: 9 })).toString('base64'));
const full = splitModule(moduleSrc);
const wasmBase64 = carry(full.wasm);
const workerSrc = await minify([apiSrc, full.glue, read('web/js/worker.js')].join('\n;\n'));
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
// The page's copy leaves the rules' long documentation out: it is an inert
// JSON block (#formcheck-rule-docs), read when the 规则说明 dialog first opens.
const pageRulesCatalog = `var FORMCHECK_RULES = ${jsString(api.rules().map((r) => ({ ...r, docs: '' })))};`;
const ruleDocsBlock = `<script type="application/json" id="formcheck-rule-docs" data-formcheck-lazy>${
  jsString(Object.fromEntries(api.rules().map((r) => [r.id, r.docs])))}</script>`;

// The page core's wasm without the rules' long documentation: the page shows
// it from FORMCHECK_RULES (made from the full module above), and the core
// module's own catalog is never asked for. Each docs text is a NUL-ended
// string of the data section; it becomes NULs (an empty string), and the
// core's catalog is then checked to equal the full one's but for docs.
const blankDocs = (wasm, docs) => {
  const out = Buffer.from(wasm);
  let p = 8, data = null;
  const leb = () => { let r = 0, sh = 0, x; do { x = out[p++]; r += (x & 127) * 2 ** sh; sh += 7; } while (x & 128); return r; };
  while (p < out.length) {
    const id = out[p++], n = leb();
    if (id === 11) data = [p, p + n];
    p += n;
  }
  if (!data) throw new Error('build-page: the page core wasm has no data section');
  let blanked = 0;
  for (const text of new Set(docs.filter(Boolean))) {
    const needle = Buffer.from(`\0${text}\0`, 'utf8');
    const at = out.indexOf(needle, data[0]);
    if (at < 0 || at + needle.length > data[1] || out.indexOf(needle, at + 1) >= 0) continue;  // not one whole string: kept
    out.fill(0, at + 1, at + needle.length - 1);
    blanked++;
  }
  return { wasm: out, blanked };
};
const coreSplit = splitModule(readFileSync(coreModulePath, 'utf8'));
const core = blankDocs(coreSplit.wasm, api.rules().map((r) => r.docs));
{
  const coreApi = await require(join(root, 'wasm/formcheck-api.js')).init(require(coreModulePath), { wasmBinary: new Uint8Array(core.wasm) });
  const withoutDocs = (rules) => JSON.stringify(rules.map(({ docs, ...r }) => r));
  if (withoutDocs(coreApi.rules()) !== withoutDocs(api.rules()) || coreApi.version() !== api.version()) {
    throw new Error('build-page: the page core module does not carry the full module\'s rules');
  }
}
const coreWasmBase64 = carry(core.wasm, { best: true });
// The page's lazily decoded copy of the full module (old Office files) needs
// no docs either (the catalog above has them), and travels zopfli'd too.
const fullForPage = blankDocs(full.wasm, api.rules().map((r) => r.docs));
const fullPageBase64 = carry(fullForPage.wasm, { best: true });
const coreWorkerSrc = await minify([apiSrc, coreSplit.glue, read('web/js/worker.js')].join('\n;\n'));

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
const workerBlock = `<script type="text/x-formcheck-worker" id="formcheck-worker-source">${coreWorkerSrc}</script>\n` +
  `<script>${startWorker}</script>\n` +
  `<script type="text/x-formcheck-wasm-base64" id="formcheck-wasm">${coreWasmBase64}</script>`;
// The full module, read only when first needed (full-module.js), after the
// page script so the parser reaches that sooner. `data-formcheck-lazy` marks
// what the size budget of the page core leaves out (page-size.test.cjs,
// bench/report.mjs).
// The workbook export's worker (workbook-client.js): read on the first export
// of a clerk's .xlsx, so it is lazy too.
const workbookWorkerSrc = await minify([readScript('web/js/office.js'), readScript('web/js/workbook.js'), readScript('web/js/workbook-worker.js')].join('\n;\n'));
// The PDF reader (web/js/pdf-import.js): pdf.js (npm pdfjs-dist, its browser
// build: the library and its worker code, run in one worker of ours), the
// extractor the CLI runs too (pdf-runs.js) and the worker's message handler,
// gzipped and base64 like the wasm, read and started only when a PDF is opened.
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json', { paths: [root] }));
const pdfWorkerSrc = [
  readFileSync(join(pdfjsDir, 'build/pdf.min.js'), 'utf8'),
  readFileSync(join(pdfjsDir, 'build/pdf.worker.min.js'), 'utf8'),
  read('web/js/pdf-runs.js'),
  read('web/js/pdf-worker.js'),
].join('\n;\n');
const pdfBase64 = gzipSync(Buffer.from(pdfWorkerSrc, 'utf8'), { level: 9 }).toString('base64');
const lazyBlocks = `${ruleDocsBlock}\n<script type="text/x-formcheck-worker" id="formcheck-workbook-source" data-formcheck-lazy>${workbookWorkerSrc}</script>\n` +
  `<script type="text/x-formcheck-worker" id="formcheck-full-worker-source" data-formcheck-lazy>${workerSrc}</script>\n` +
  `<script type="text/x-formcheck-wasm-base64" id="formcheck-wasm-full" data-formcheck-lazy>${fullPageBase64}</script>\n` +
  `<script type="text/x-formcheck-pdf-base64" id="formcheck-pdf-worker" data-formcheck-lazy>${pdfBase64}</script>`;
const pageScript = await minify([
  ...libraries,
  readScript('web/js/full-module.js'),
  readScript('web/js/workbook-client.js'),
  readScript('web/js/pdf-import.js'),
  `var FORMCHECK_PROFILES = ${jsString(profiles)};`,
  pageRulesCatalog,
  readScript('web/js/forms.js'),
  readScript('web/js/score-view.js'),
  readScript('web/js/history.js'),
  readScript('web/js/editor-grid.js'),
  readScript('web/js/annotations.js'),
  readScript('web/js/report-view.js'),
  readScript('web/js/fix-view.js'),
  readScript('web/js/source-view.js'),
  readScript('web/js/findings-group.js'),
  readScript('web/js/diff-view.js'),
  readScript('web/js/family-chooser.js'),
  readScript('web/js/app.js'),
].join('\n'));
for (const [name, text] of [['worker source', workerSrc], ['workbook worker source', workbookWorkerSrc], ['page core worker source', coreWorkerSrc], ['page script', pageScript], ['start-worker.js', startWorker]]) {
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
  .replace('{{SCRIPTS}}', () => `${workerBlock}\n<script>${pageScript}</script>\n${lazyBlocks}`);

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
const pageCore = require(join(root, 'build-scripts/page-core.cjs')).pageCore(html);
console.log(`build-page: ${join(out, 'formcheck.html')} (${kb(html)}; gzip ${gzipSync(html, { level: 9 }).length} B, ` +
  `page core ${gzipSync(pageCore, { level: 9 }).length} B; ${core.blanked} rule docs left out of the core wasm; ` +
  `PDF reader ${pdfBase64.length} B base64), ` +
  `formcheck-embed.js (${kb(embedBundle)}), rules.md`);
