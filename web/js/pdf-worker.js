/*
 * pdf-worker.js — the page's PDF reader, run in a worker of its own. The build
 * places pdf.js (pdfjs-dist: its library and its worker code, which runs here
 * in the same thread: pdf.js uses globalThis.pdfjsWorker instead of starting
 * a worker of its own) and pdf-runs.js before this code in one blob.
 * Protocol: {bytes: Uint8Array} -> {type: 'start'}, {type: 'page', n}* then {type: 'runs', json}.
 */
/* global pdfjsLib, FormCheckPdfRuns */
(function () {
  'use strict';
  self.onmessage = function (e) {
    var bytes = e.data && e.data.bytes;
    FormCheckPdfRuns.extract(pdfjsLib, bytes, {
      onStart: function () { self.postMessage({ type: 'start' }); },
      onPage: function (n) { self.postMessage({ type: 'page', n: n }); },
    }).then(function (json) {
      self.postMessage({ type: 'runs', json: json });
    });
  };
})();
