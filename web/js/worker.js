/*
 * worker.js — runs the checker off the UI thread (Squoosh style). The build
 * places formcheck-api.js and the SINGLE_FILE module before this code in one
 * blob, so the worker needs no network and works from file://.
 * Protocol: {id, type: 'check'|'rules'|'version', inputs?, options?} -> {id, ok, result|error}.
 */
/* global FormCheckCore, FormCheckModule */
(function () {
  'use strict';
  var ready = FormCheckCore.init(FormCheckModule);
  ready.then(function (api) {
    self.postMessage({ type: 'ready', version: api.version() });
  }, function (err) {
    self.postMessage({ type: 'fatal', error: err.message });
  });
  self.onmessage = function (e) {
    var msg = e.data || {};
    ready.then(function (api) {
      var result;
      if (msg.type === 'check') result = api.check(msg.inputs, msg.options);
      else if (msg.type === 'rules') result = api.rules();
      else if (msg.type === 'version') result = api.version();
      else throw new Error('未知请求 ' + msg.type);
      self.postMessage({ id: msg.id, ok: true, result: result });
    }).catch(function (err) {
      self.postMessage({ id: msg.id, ok: false, error: err && err.message ? err.message : String(err) });
    });
  };
})();
