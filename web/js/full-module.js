/*
 * full-module.js — the page's lazily decoded part (docs/performance.md).
 *
 * The single-file page starts with the page-core module: everything a check
 * of pasted text, .xlsx or .docx needs. The full module (the same core plus
 * the legacy Office reader) rides in the same file as two inert blocks — its
 * worker source (#formcheck-full-worker-source) and its wasm, gzipped and
 * base64 (#formcheck-wasm-full) — and is read only when an input needs it:
 * an old Office file (OLE header D0 CF 11 E0, which readInput hands on as
 * bytes), a PDF (its runs JSON, pdf-import.js), or a comparison of two versions (FormCheck.diff). It then runs in a
 * second worker, started once; no request leaves the
 * page, so this works from file:// too. Both modules give the same findings
 * for the same input: they are built from the same sources.
 *
 *   FormCheckFull.available()     true when the page carries the full module (the version comparison needs it)
 *   FormCheckFull.wanted(inputs)  true when the page has the full module and an input needs it
 *   FormCheckFull.request(type, payload)  as FormCheck._request, answered by the full module
 *   FormCheckFull.cancel()        ends the full worker (FormCheck.cancel calls it)
 *   FormCheckFull.decoded         false until the full module's blocks were first read (tests assert it)
 */
/* eslint-disable no-var */
(function (root) {
  'use strict';

  var worker = null, readyPromise = null, nextId = 1, pending = {};
  var full = { decoded: false };

  function blockText(id) {
    var el = typeof document !== 'undefined' && document.getElementById(id);
    return el ? el.textContent : null;
  }

  function failAll(err) {
    var waiting = pending;
    pending = {};
    Object.keys(waiting).forEach(function (id) { waiting[id].reject(err); });
  }

  // The embed bundle carries only the full module: there, nothing is wanted here.
  full.available = function () {
    return typeof document !== 'undefined' && !!document.getElementById('formcheck-wasm-full');
  };
  full.wanted = function (inputs) {
    if (!full.available()) return false;
    // Old Office files go as bytes; a PDF as its runs JSON (pdf-import.js),
    // which only the full module's grid builder reads.
    return inputs.some(function (i) {
      return i && (i.bytes instanceof Uint8Array || (typeof i.text === 'string' && i.text.lastIndexOf('{"formcheck_pdf_runs"', 0) === 0));
    });
  };

  function start() {
    if (readyPromise) return readyPromise;
    readyPromise = new Promise(function (resolve, reject) {
      function fail(err) {
        reject(err);
        failAll(err);
      }
      var source = blockText('formcheck-full-worker-source');
      var wasm = blockText('formcheck-wasm-full');
      full.decoded = true;
      if (!source || !wasm) return fail(new Error('formcheck: 页面缺少完整校验模块。'));
      try {
        worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      } catch (e) {
        worker = null;
        return fail(new Error('formcheck: 无法启动后台校验线程：' + e.message));
      }
      // The worker inflates the gzipped wasm itself (DecompressionStream, as
      // worker.js does for the core block when it cannot be compiled here).
      worker.postMessage({ type: 'init', wasm: wasm });
      root.FormCheck._listen(worker, function () { return pending; }, function (version) {
        resolve({ version: version });
      }, fail);
    });
    return readyPromise;
  }

  full.request = function (type, payload) {
    var started = start();
    if (!worker) return started;
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      pending[id] = { resolve: resolve, reject: reject };
      worker.postMessage(Object.assign({ id: id, type: type }, payload || {}));
    });
  };

  full.cancel = function () {
    if (!worker) return;
    worker.terminate();
    worker = null;
    readyPromise = null;
    failAll(new Error('已停止检查。'));
  };

  root.FormCheckFull = full;
})(typeof self !== 'undefined' ? self : this);
