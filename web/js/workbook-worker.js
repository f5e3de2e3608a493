/*
 * workbook-worker.js — the worker that writes the clerk's workbook back with
 * the findings in it (workbook.js). The build puts office.js and workbook.js
 * before this code in one inert block, read only when the clerk first exports
 * an .xlsx (workbook-client.js), so the page's first load does not carry it.
 * Protocol: {id, bytes: Uint8Array, input: {findings, original, model, sheets, applied}}
 * -> {id, ok, bytes} | {id, ok: false, error}.
 */
/* global FormCheckWorkbook */
(function () {
  'use strict';
  self.onmessage = function (e) {
    var msg = e.data || {};
    Promise.resolve().then(function () {
      return FormCheckWorkbook.annotate(msg.bytes, FormCheckWorkbook.notes(msg.input || {}));
    }).then(function (out) {
      self.postMessage({ id: msg.id, ok: true, bytes: out }, [out.buffer]);
    }, function (err) {
      self.postMessage({ id: msg.id, ok: false, error: err && err.message ? err.message : String(err) });
    });
  };
})();
