/*
 * workbook-client.js — the page's door to the workbook worker
 * (workbook-worker.js): the clerk's own .xlsx, annotated, off the UI thread.
 * The worker's source rides in the page as an inert block
 * (#formcheck-workbook-source, data-formcheck-lazy) and is started on the
 * first export; no request leaves the page.
 *
 *   FormCheckWorkbookExport.available()  true when the page carries the worker
 *   FormCheckWorkbookExport.annotate(bytes, input) -> Promise<Uint8Array>
 */
(function (root) {
  'use strict';
  var worker = null, nextId = 1, pending = {};

  function block() { return typeof document !== 'undefined' && document.getElementById('formcheck-workbook-source'); }

  function start() {
    if (worker) return worker;
    var el = block();
    if (!el) throw new Error('页面缺少工作簿导出模块。');
    worker = new Worker(URL.createObjectURL(new Blob([el.textContent], { type: 'text/javascript' })));
    worker.onmessage = function (e) {
      var m = e.data, p = pending[m.id];
      if (!p) return;
      delete pending[m.id];
      if (m.ok) p.resolve(m.bytes);
      else p.reject(new Error(m.error));
    };
    worker.onerror = function (e) {
      e.preventDefault();
      var waiting = pending;
      pending = {};
      worker = null;
      Object.keys(waiting).forEach(function (id) { waiting[id].reject(new Error(e.message || '工作簿导出出错')); });
    };
    return worker;
  }

  root.FormCheckWorkbookExport = {
    available: function () { return !!block(); },
    annotate: function (bytes, input) {
      return new Promise(function (resolve, reject) {
        var w = start(), id = nextId++;
        pending[id] = { resolve: resolve, reject: reject };
        w.postMessage({ id: id, bytes: bytes, input: input });
      });
    },
  };
})(typeof self !== 'undefined' ? self : this);
