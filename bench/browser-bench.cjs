// Browser benchmark in Debian's Chromium (playwright-core): cold start of the
// single-file page against a blank page of the same size, and, inside a Web
// Worker of that page, the module's import+check, check of a loaded form and
// JSON.parse of the same model, at 1k / 10k / 100k rows, plus peak memory.
// Prints one JSON object on stdout (bench.sh combines it with the native run).
//   node bench/browser-bench.cjs FORMS_DIR
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const b = require('../tests/browser/browser.cjs');

const formsDir = path.resolve(process.argv[2] || path.join(b.root, 'build', 'bench', 'forms'));
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

// Runs in the worker: times the raw module (no wrapper) on one text.
const WORKER_BENCH = `
self.onmessage = async (e) => {
  const { text, reps, wasm } = e.data;
  // A fresh module per size, used through formcheck-api.js as the page uses it.
  const fc = await FormCheckCore.init(FormCheckModule, { wasmBinary: await FormCheckCore.decodeWasm(wasm) });
  const time = (f) => { const t = performance.now(); const r = f(); return [performance.now() - t, r]; };
  const inputs = [{ path: 'bench.txt', text }];
  const out = { import_check: [], check_loaded: [], json_parse: [] };
  // Warm-up, untimed: the first calls run in V8's baseline tier (Liftoff) and
  // would make the small sizes look slow (and the scaling ratio look better).
  for (let i = 0; i < 2; i++) fc.checkJson(inputs, { details: true });
  // Import + check from the pasted text, every rule, calculations and score, result as JSON text.
  for (let i = 0; i < reps; i++) out.import_check.push(time(() => fc.checkJson(inputs, { details: true }))[0]);
  const peak = fc.memoryBytes();  // memory only grows: this is the peak so far
  const model = fc.check(inputs, { details: false, model: true }).files[0].model;
  const modelJson = JSON.stringify(model);
  const h = fc.open(text, 'bench.txt');
  fc.recheckJson(h, { details: true });  // warm-up
  for (let i = 0; i < reps; i++) out.check_loaded.push(time(() => fc.recheckJson(h, { details: true }))[0]);
  fc.close(h);
  JSON.parse(modelJson);  // warm-up
  for (let i = 0; i < reps; i++) out.json_parse.push(time(() => JSON.parse(modelJson))[0]);
  self.postMessage({ out, peak, modelBytes: modelJson.length, inputBytes: new TextEncoder().encode(text).length });
};`;

async function coldStart(context) {
  const html = fs.readFileSync(path.join(b.dist, 'formcheck.html'));
  const blank = path.join(os.tmpdir(), 'formcheck-blank.html');
  const head = '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body>blank<!--';
  const tail = '--></body></html>';
  fs.writeFileSync(blank, head + 'x'.repeat(html.length - head.length - tail.length) + tail);
  const page = [], empty = [];
  // Eleven interleaved pairs: a blank page loads in 45-70 ms depending on the
  // moment, so the median of five pairs moved the ratio by ±0.3 between runs.
  for (let i = 0; i < 11; i++) {
    const p = await context.newPage();
    await p.goto('file://' + blank);
    empty.push(await p.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd; }));
    await p.close();
    const q = await context.newPage();
    await q.goto(b.pageUrl);
    await q.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    page.push(await q.evaluate(() => performance.getEntriesByName('formcheck-ready')[0].startTime));
    await q.close();
  }
  return { page_ms: median(page), blank_ms: median(empty), bytes: html.length };
}

async function inWorker(page, text, reps) {
  return page.evaluate(({ src, text, reps }) => new Promise((resolve, reject) => {
    const w = new Worker(URL.createObjectURL(new Blob([document.getElementById('formcheck-worker-source').textContent + '\n' + src], { type: 'text/javascript' })));
    w.onmessage = (e) => { if (!e.data.out) return; w.terminate(); resolve(e.data); };  // skip worker.js's 'ready'
    w.onerror = (e) => reject(new Error(e.message));
    w.postMessage({ text, reps, wasm: document.getElementById('formcheck-wasm').textContent });
  }), { src: WORKER_BENCH, text, reps });
}

(async () => {
  const { context, userDataDir } = await b.launch();
  const result = { cold_start: await coldStart(context), sizes: {} };
  const page = await context.newPage();
  await page.goto(b.pageUrl);
  await page.waitForSelector('body[data-ready="true"]');
  for (const rows of [1000, 10000, 100000]) {
    const text = fs.readFileSync(path.join(formsDir, `rows-${rows}.txt`), 'utf8');
    const r = await inWorker(page, text, rows >= 100000 ? 3 : 7);
    result.sizes[rows] = {
      import_check_ms: median(r.out.import_check), check_loaded_ms: median(r.out.check_loaded),
      json_parse_ms: median(r.out.json_parse), peak_memory_bytes: r.peak, input_bytes: r.inputBytes, model_json_bytes: r.modelBytes,
    };
  }
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(result) + '\n');
})().catch((e) => { console.error(e); process.exit(1); });
