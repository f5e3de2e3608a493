#!/usr/bin/env node
// The CLI's PDF reader: prints the "PDF runs" JSON of FILE (web/js/pdf-runs.js,
// the page's extractor) for the C++ grid builder (shared/formcheck/pdf_grid.hpp).
// The formcheck CLI runs it when it is given a PDF (cli/pdf_extract.cpp).
//
// usage: node pdf-runs.cjs FILE [TIME_LIMIT_MS [PER_PAGE_MS]]
// Writes "s" to stderr when it starts reading the file and one "p" as it
// starts each page (the CLI's watchdog).
// pdfjs-dist is found through FORMCHECK_PDFJS (its package folder), or node's
// own resolution from this file and from the source tree it was built from.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// pdf.js warns through console.log (a missing optional 'canvas' it needs only
// for drawing): stdout carries the JSON alone.
console.log = console.warn = console.info = () => {};

function findPdfjs() {
  const tries = [];
  if (process.env.FORMCHECK_PDFJS) tries.push(path.join(process.env.FORMCHECK_PDFJS, 'legacy/build/pdf.js'));
  tries.push('pdfjs-dist/legacy/build/pdf.js');
  for (const t of tries) {
    try {
      return require(require.resolve(t, { paths: [__dirname, path.join(__dirname, '..'), process.cwd()] }));
    } catch (e) { /* next */ }
  }
  return null;
}

function findExtractor() {
  for (const p of [path.join(__dirname, 'pdf-runs.js'), path.join(__dirname, '../web/js/pdf-runs.js')]) {
    if (fs.existsSync(p)) return require(p);
  }
  return null;
}

const file = process.argv[2];
const limit = Number(process.argv[3]) || 2000;
const perPage = Number(process.argv[4]) || 1500;
const pdfjs = findPdfjs();
const extractor = findExtractor();
if (!file || !pdfjs || !extractor) {
  process.stderr.write(!file ? 'usage: node pdf-runs.cjs FILE\n' : 'formcheck: pdfjs-dist not found\n');
  process.exit(!file ? 2 : 3);
}
const bytes = new Uint8Array(fs.readFileSync(file));
extractor.extract(pdfjs, bytes, { timeLimitMs: limit, perPageMs: perPage, onStart: () => process.stderr.write('s'), onPage: () => process.stderr.write('p') }).then((json) => {
  process.stdout.write(json);
  // pdf.js may leave timers behind after a failure: the answer is out.
  process.stdout.end(() => process.exit(0));
});
