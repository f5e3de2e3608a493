/*
 * pdf-import.js — a PDF opened in the page becomes its runs JSON (pdf-runs.js,
 * which the core reads as the CLI does: shared/formcheck/pdf_grid.hpp).
 *
 * pdf.js rides in the page as one inert block (#formcheck-pdf-worker: the PDF
 * worker's source gzipped and base64), read only when a PDF is opened, then
 * inflated (DecompressionStream) and started as a worker from a blob (the
 * page's CSP allows blob: workers and nothing else). One worker per PDF,
 * ended when it answers. A PDF that hangs the worker is stopped here: once
 * the worker has started, it has 3 s to open the file and 2.5 s a page (each
 * page it starts says so); past that the worker is ended and the core says
 * the PDF could not be read in time. Nothing is requested from anywhere.
 *
 *   FormCheckPdf.toRuns(bytes) -> Promise<string>  the runs JSON (or its error form)
 *   FormCheckPdf.decoded                         false until the block was first read (tests assert it)
 */
/* eslint-disable no-var */
/* global FormCheckCore */
(function (root) {
  'use strict';

  // Starting the worker (parsing 1.4 MB of pdf.js) is not the PDF's doing:
  // it has its own, longer time; the PDF's clock starts when the worker says so.
  var START_MS = 20000, OPEN_MS = 3000, PAGE_MS = 2500;
  var pdf = { decoded: false };
  var source = null;  // Promise<string>: the worker's source, inflated once

  function error(kind, detail) {
    return JSON.stringify({ formcheck_pdf_runs: 1, error: kind, detail: detail || '' });
  }

  function workerSource() {
    if (source) return source;
    var el = typeof document !== 'undefined' && document.getElementById('formcheck-pdf-worker');
    pdf.decoded = true;
    if (!el) return Promise.reject(new Error('此页面不含 PDF 读取模块'));
    source = FormCheckCore.decodeWasm(el.textContent).then(function (b) { return new TextDecoder('utf-8').decode(b); });
    return source;
  }

  // Whether `bytes` are a PDF: a "%PDF-" header within the first 1 KB (as the core sniffs it).
  pdf.isPdf = function (bytes) {
    var n = Math.min(bytes.length, 1024);
    for (var i = 0; i + 5 <= n; i++) {
      if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
    }
    return false;
  };

  pdf.toRuns = function (bytes) {
    return workerSource().then(function (src) {
      return new Promise(function (resolve) {
        var worker, timer;
        var url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
        function done(json) {
          clearTimeout(timer);
          if (worker) worker.terminate();
          URL.revokeObjectURL(url);
          resolve(json);
        }
        function wait(ms) {
          clearTimeout(timer);
          timer = setTimeout(function () { done(error('timeout')); }, ms);
        }
        try {
          worker = new Worker(url);
        } catch (e) {
          return done(error('unavailable', '无法启动 PDF 读取线程：' + e.message));
        }
        worker.onmessage = function (e) {
          var m = e.data || {};
          if (m.type === 'start') wait(OPEN_MS);
          else if (m.type === 'page') wait(PAGE_MS);
          else if (m.type === 'runs') done(String(m.json));
        };
        worker.onerror = function (e) {
          if (e && e.preventDefault) e.preventDefault();
          done(error('damaged', e && e.message));
        };
        wait(START_MS);
        worker.postMessage({ bytes: bytes }, [bytes.buffer]);
      });
    }, function (err) {
      return error('unavailable', err.message);
    });
  };

  root.FormCheckPdf = pdf;
})(typeof self !== 'undefined' ? self : this);
