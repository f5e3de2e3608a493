/*
 * start-worker.js — the single-file page runs this tiny script right after the
 * worker's source block and before the ~800 KB wasm block, so the worker
 * thread starts (~50 ms in Chromium) while the parser is still reading the
 * rest of the page. client.js adopts the worker and posts it the wasm.
 */
(function () {
  'use strict';
  try {
    var source = document.getElementById('formcheck-worker-source').textContent;
    window.FORMCHECK_EARLY_WORKER = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    if (window.performance && performance.mark) performance.mark('formcheck-worker-started');
  } catch (e) {
    window.FORMCHECK_EARLY_WORKER = null;  // client.js tries again and reports the error
  }
})();
