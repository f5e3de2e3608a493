/*
 * worker.js — runs the checker off the UI thread (Squoosh style). The build
 * places formcheck-api.js and the SINGLE_FILE module before this code in one
 * blob, so the worker needs no network and works from file://.
 * Protocol: first {type: 'init', module | wasm: base64} (-> {type: 'ready'|'fatal'}), then
 * {id, type: 'check'|'diff'|'rules'|'version', inputs? | older?+newer?, options?} -> {id, ok, result|error}.
 */
/* global FormCheckCore, FormCheckModule */
(function () {
  'use strict';
  // The first message is {type: 'init', module} (a WebAssembly.Module the
  // page compiled while this worker was starting) or {type: 'init', wasm:
  // base64}: the page carries the wasm beside this source, not inside it
  // (build-page.mjs says why).
  var gotWasm;
  var ready = new Promise(function (resolve) { gotWasm = resolve; }).then(function (msg) {
    if (msg.module) {
      return FormCheckCore.init(FormCheckModule, {
        instantiateWasm: function (imports, receive) {
          WebAssembly.instantiate(msg.module, imports).then(function (instance) { receive(instance, msg.module); });
          return {};
        },
      });
    }
    if (!msg.wasm) return FormCheckCore.init(FormCheckModule, {});
    return FormCheckCore.decodeWasm(msg.wasm).then(function (bytes) {
      return FormCheckCore.init(FormCheckModule, { wasmBinary: bytes });
    });
  });
  ready.then(function (api) {
    self.postMessage({ type: 'ready', version: api.version() });
  }, function (err) {
    self.postMessage({ type: 'fatal', error: err.message });
  });
  self.onmessage = function (e) {
    var msg = e.data || {};
    if (msg.type === 'init') return gotWasm(msg);
    ready.then(function (api) {
      var result;
      if (msg.type === 'check') result = api.check(msg.inputs, msg.options);
      else if (msg.type === 'diff') result = api.diff(msg.older, msg.newer, msg.options);
      else if (msg.type === 'rules') result = api.rules();
      else if (msg.type === 'version') result = api.version();
      else throw new Error('未知请求 ' + msg.type);
      self.postMessage({ id: msg.id, ok: true, result: result });
    }).catch(function (err) {
      self.postMessage({ id: msg.id, ok: false, error: err && err.message ? err.message : String(err) });
    });
  };
})();
