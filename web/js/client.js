/*
 * client.js — the public, embeddable JS API (docs/api.md):
 *
 *   FormCheck.check(fileOrText, {profile}) -> Promise<{errors, warnings, infos, findings, model, form, ...}>
 *   FormCheck.checkMany(items, {profile}, onProgress) -> Promise<{files}>
 *   FormCheck.readInput(file) -> Promise<{path, text} | {path, bytes} | {path, office: {kind, parts}}>
 *   FormCheck.diff(older, newer, {profile}) -> Promise<diff result> (two versions of one form compared)
 *   FormCheck.rules(), FormCheck.version(), FormCheck.ready()
 *
 * All work happens in a Web Worker created from an in-memory blob (the build
 * sets FORMCHECK_WORKER_SOURCE and FORMCHECK_WASM_BASE64), so an intranet upload page can run the same
 * check before it submits, with no request leaving the machine.
 */
/* global FORMCHECK_WORKER_SOURCE, FORMCHECK_WASM_BASE64, FORMCHECK_RULES, FormCheckOffice, FormCheckCore */
/* eslint-disable no-var */
(function (root) {
  'use strict';

  var MAX_FILE_BYTES = 32 * 1024 * 1024;
  var worker = null, readyPromise = null, nextId = 1, pending = {};

  // Rejects every request still waiting for the worker.
  function failAll(err) {
    var waiting = pending;
    pending = {};
    Object.keys(waiting).forEach(function (id) { waiting[id].reject(err); });
  }

  // Compiles the wasm here (V8 and SpiderMonkey compile off the main thread)
  // while the worker thread is still starting, and hands the worker the
  // compiled module; where that is not possible, the worker gets the base64.
  function sendWasm(w, base64) {
    // The base64 holds the gzipped wasm: it is inflated as a stream straight
    // into the streaming compiler, so inflating and compiling overlap.
    var compiled;
    try {
      var gz = FormCheckCore.decodeBase64(base64);
      if (gz[0] !== 0x1f || gz[1] !== 0x8b) throw new Error('not gzip');  // plain wasm: compiled below
      var wasm = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
      compiled = typeof WebAssembly.compileStreaming === 'function'
        ? WebAssembly.compileStreaming(new Response(wasm, { headers: { 'Content-Type': 'application/wasm' } }))
        : new Response(wasm).arrayBuffer().then(function (b) { return WebAssembly.compile(b); });
    } catch (e) {
      compiled = gz && gz[0] === 0 ? WebAssembly.compile(gz) : Promise.reject(e);
    }
    compiled.then(function (module) {
      try {
        w.postMessage({ type: 'init', module: module });
      } catch (e) {
        w.postMessage({ type: 'init', wasm: base64 });  // a module that cannot be posted
      }
    }, function () {
      w.postMessage({ type: 'init', wasm: base64 });  // the worker reports why it cannot load it
    });
  }

  function start() {
    if (readyPromise) return readyPromise;
    readyPromise = new Promise(function (resolve, reject) {
      function fail(err) {
        reject(err);
        failAll(err);
      }
      // The embed bundle carries the worker source as a string; the single-file
      // page carries it as an inert <script type="text/x-formcheck-worker"> block.
      var block = typeof document !== 'undefined' && document.getElementById('formcheck-worker-source');
      var source = typeof FORMCHECK_WORKER_SOURCE === 'string' ? FORMCHECK_WORKER_SOURCE : block ? block.textContent : null;
      // The wasm travels as base64 beside the worker source (build-page.mjs says why).
      var wasmBlock = typeof document !== 'undefined' && document.getElementById('formcheck-wasm');
      var wasm = typeof FORMCHECK_WASM_BASE64 === 'string' ? FORMCHECK_WASM_BASE64 : wasmBlock ? wasmBlock.textContent : null;
      if (!source || !wasm) {
        fail(new Error('formcheck: 页面缺少校验模块。'));
        return;
      }
      try {
        // The single-file page has usually started it already (start-worker.js).
        worker = root.FORMCHECK_EARLY_WORKER || null;
        root.FORMCHECK_EARLY_WORKER = null;
        if (!worker) {
          worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
          if (root.performance && performance.mark) performance.mark('formcheck-worker-started');
        }
        sendWasm(worker, wasm);
      } catch (e) {
        worker = null;
        fail(new Error('formcheck: 无法启动后台校验线程：' + e.message));
        return;
      }
      listen(worker, function () { return pending; }, function (version) {
        if (root.performance && performance.mark) performance.mark('formcheck-module-ready');
        resolve({ version: version });
      }, fail);
    });
    return readyPromise;
  }

  // A checking worker's answers: 'ready' (its module loaded), 'fatal', or the
  // answer to one waiting request of `waiting()` (the table of this client's
  // requests by id). full-module.js listens to its own worker the same way.
  function listen(w, waiting, ready, fail) {
    w.onmessage = function (e) {
      var m = e.data;
      if (m.type === 'ready') return ready(m.version);
      if (m.type === 'fatal') return fail(new Error(m.error));
      var table = waiting(), p = table[m.id];
      if (!p) return;
      delete table[m.id];
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    };
    w.onerror = function (e) {
      e.preventDefault();
      fail(new Error('formcheck: 校验线程出错：' + (e.message || '未知错误')));
    };
  }

  // Posts at once: the worker queues requests until its module is ready, so
  // the first ones (the rule catalog) need no extra round trip after start-up.
  function request(type, payload) {
    var started = start();
    if (!worker) return started;  // could not start: rejected with the reason
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      pending[id] = { resolve: resolve, reject: reject };
      worker.postMessage(Object.assign({ id: id, type: type }, payload || {}));
    });
  }

  // Stops whatever the worker is doing (a huge or hostile file): the worker is
  // ended, every waiting request fails with a clear message, and the next
  // request starts a fresh one.
  function cancel() {
    if (root.FormCheckFull) root.FormCheckFull.cancel();
    if (!worker) return;
    worker.terminate();
    worker = null;
    readyPromise = null;
    failAll(new Error('已停止检查。'));
  }

  // A text file as the core reads it. UTF-8 goes over as text. UTF-16 (with a
  // byte-order mark, as Excel's "Unicode 文本" is saved, or without one) and
  // anything else holding NUL bytes go over as bytes: the core decodes UTF-16
  // or names binary data exactly as the CLI does for the same file. Other
  // bytes are most likely GB18030 text from Chinese Windows (the page reads
  // it; the CLI asks for UTF-8).
  function textInput(path, bytes) {
    try {
      return { path: path, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch (e) { /* not UTF-8 */ }
    var bom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    if (bom || bytes.indexOf(0) >= 0) return { path: path, bytes: bytes };
    try {
      return { path: path, text: new TextDecoder('gb18030').decode(bytes) };
    } catch (e2) {
      return { path: path, text: new TextDecoder('utf-8').decode(bytes) };
    }
  }

  // NUL bytes near the start, or a PDF header: not text to decode here.
  function binary(bytes) {
    var head = bytes.subarray(0, 4096);
    if (head.indexOf(0) >= 0) return true;
    var pdf = [0x25, 0x50, 0x44, 0x46, 0x2d];  // %PDF-
    for (var i = 0; i + 5 <= Math.min(head.length, 1024); i++) {
      if (head[i] === pdf[0] && head[i + 1] === pdf[1] && head[i + 2] === pdf[2] && head[i + 3] === pdf[3] && head[i + 4] === pdf[4]) return true;
    }
    return false;
  }

  // A rule's severity as the registry states it (the catalog the build embeds),
  // so a finding the page makes itself says what the CLI would.
  var catalogById = null;
  function registeredSeverity(rule) {
    if (!catalogById && typeof FORMCHECK_RULES !== 'undefined') {
      var list = typeof FORMCHECK_RULES === 'string' ? JSON.parse(FORMCHECK_RULES) : FORMCHECK_RULES;
      catalogById = {};
      (list.rules || list).forEach(function (r) { catalogById[r.id] = r; });
    }
    return catalogById && catalogById[rule] ? catalogById[rule].severity : 'error';
  }

  /** A file that could not be read, in the shape of the core's result for one (the CLI's too). */
  function inputProblem(path, rule, message, fix) {
    var severity = registeredSeverity(rule);
    var summary = { errors: 0, warnings: 0, infos: 0, accepted_errors: 0, accepted_warnings: 0 };
    summary[severity === 'info' ? 'infos' : severity + 's'] = 1;
    return {
      path: path, form: null, profile: null, input: 'file', error: message, summary: summary,
      findings: [{ rule: rule, severity: severity, message: message,
        location: { section: 'import', index: -1, field: '', label: '导入', line: 0, col: 0 },
        expected: '', actual: '', fix: fix }],
    };
  }

  /**
   * Reads a File (or Blob with a name) into a core input.
   * Resolves to {path, text} / {path, bytes} / {path, office}, or {path, problem} when unusable.
   */
  function readInput(file) {
    var path = file.name || '未命名';
    if (file.size > MAX_FILE_BYTES) {
      // The CLI's words for the same file (limits::too_large_message).
      return Promise.resolve({ path: path, problem: inputProblem(path, 'import.too_large',
        '文件过大（' + Math.floor(file.size / 1024) + ' KB），单个表单不能超过 32 MB。请只导入需要检查的表格。',
        '只保留需要检查的表格，或拆分为多个文件。') });
    }
    return file.arrayBuffer().then(function (buf) {
      var bytes = new Uint8Array(buf);
      // What a file is follows from its content, whatever its name says, as
      // in the CLI. Old Office files (.xls/.et workbooks are read; .doc/.wps
      // get the core's message) go to the core as they are.
      var ole = bytes.length > 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
      if (ole) return { path: path, bytes: bytes };
      // A ZIP (.xlsx/.docx, or not an Office file, or damaged) is unzipped
      // here; what cannot be unzipped is said by the core (readOfficeParts).
      if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
        return FormCheckOffice.readOfficeParts(bytes).then(function (o) { return { path: path, office: o }; }, function (err) {
          return { path: path, problem: inputProblem(path, 'import.invalid_office', 'Office 文件无法读取：' + err.message,
            '请在 Excel/Word/WPS 中重新保存后再导入，或复制表格粘贴。') };
        });
      }
      // A PDF becomes its text runs (pdf-import.js: pdf.js in a worker of its
      // own), which the core reads as the CLI does.
      if (root.FormCheckPdf && root.FormCheckPdf.isPdf(bytes)) {
        return root.FormCheckPdf.toRuns(bytes).then(function (json) { return { path: path, text: json }; });
      }
      // Binary content (an image, a damaged file named .xlsx) goes to
      // the core as bytes, which says what it is (file_kind.cpp).
      if (binary(bytes)) return { path: path, bytes: bytes };
      return textInput(path, bytes);
    }).catch(function (err) {
      return { path: path, problem: inputProblem(path, 'import.unreadable', '无法读取文件：' + err.message,
        '确认文件未损坏，或在 Office 中另存后重试。') };
    });
  }

  function toInput(item) {
    if (typeof item === 'string') return Promise.resolve({ path: '粘贴内容', text: item });
    // (A File has text() and, in newer browsers, bytes() methods: only plain
    // objects carry text as a string or bytes as a Uint8Array.)
    if (item && (typeof item.text === 'string' || item.grid || item.office || item.bytes instanceof Uint8Array)) {
      return Promise.resolve(item);
    }
    return readInput(item);
  }

  function shape(file) {
    return {
      path: file.path, form: file.form, profile: file.profile,
      errors: file.summary.errors, warnings: file.summary.warnings, infos: file.summary.infos,
      findings: file.findings, model: file.model || null, calculations: file.calculations || [], score: file.score || null,
    };
  }

  /**
   * Checks several files/texts together (cross-document rules apply).
   * onProgress(done, total) is called as inputs are read.
   */
  function checkMany(items, options, onProgress) {
    var inputs = [], problems = {};
    var chain = Promise.resolve();
    items.forEach(function (item, i) {
      chain = chain.then(function () { return toInput(item); }).then(function (input) {
        if (input.problem) problems[i] = input.problem;
        else inputs.push(Object.assign({ index: i }, input));
        if (onProgress) onProgress(i + 1, items.length);
      });
    });
    return chain.then(function () {
      var opts = Object.assign({ details: true, model: true }, options || {});
      // The single-file page loads first a module without the old Office
      // reader; such inputs go to its full module (full-module.js).
      var send = root.FormCheckFull && root.FormCheckFull.wanted(inputs) ? root.FormCheckFull.request : request;
      return inputs.length ? send('check', { inputs: inputs.map(function (x) {
        return x.grid ? { path: x.path, grid: x.grid } : x.office ? { path: x.path, office: x.office }
          : x.bytes instanceof Uint8Array ? { path: x.path, bytes: x.bytes } : { path: x.path, text: x.text };
      }), options: opts }) : { files: [] };
    }).then(function (r) {
      // A workbook holding several forms gives one result each, the further
      // ones named "book.xlsx#Sheet": they follow their input's result.
      var out = [], k = 0;
      for (var i = 0; i < items.length; i++) {
        if (problems[i]) { out.push(problems[i]); continue; }
        var first = r.files[k++];
        out.push(first);
        while (k < r.files.length && r.files[k].path.indexOf(first.path + '#') === 0) out.push(r.files[k++]);
      }
      return { files: out };
    });
  }

  /**
   * Compares two versions of one form (docs/api.md, "Comparing two versions"):
   * the result of `formcheck diff --format json`, plus `text`. Each item as
   * for check() (a File, a string, {path, text}; model JSON text too). The
   * full module answers (the page's lazily decoded one, or the embed bundle's).
   */
  function diff(older, newer, options) {
    return Promise.all([toInput(older), toInput(newer)]).then(function (inputs) {
      inputs.forEach(function (i) { if (i.problem) throw new Error(i.problem.error); });
      var full = root.FormCheckFull && root.FormCheckFull.available();
      return (full ? root.FormCheckFull.request : request)('diff', { older: inputs[0], newer: inputs[1], options: options || {} });
    });
  }

  root.FormCheck = {
    diff: diff,
    ready: start,
    /** @returns {Promise<{errors:number,warnings:number,infos:number,findings:Array,model:Object,form:string}>} */
    check: function (fileOrText, options) {
      return checkMany([fileOrText], options).then(function (r) { return shape(r.files[0]); });
    },
    checkMany: checkMany,
    readInput: readInput,
    registeredSeverity: registeredSeverity,
    // The build embeds the catalog of the module it ships (FORMCHECK_RULES):
    // no round trip to the worker at start-up.
    // In the page the rules' documentation is an inert JSON block read on first
    // use: rules({docs: false}) leaves it unread (its `docs` are then '').
    rules: function (opts) {
      if (typeof FORMCHECK_RULES === 'undefined') return request('rules');
      var block = typeof document !== 'undefined' && document.getElementById('formcheck-rule-docs');
      if ((opts && opts.docs === false) || !block) return Promise.resolve(FORMCHECK_RULES);
      var docs = JSON.parse(block.textContent);
      return Promise.resolve(FORMCHECK_RULES.map(function (r) { return docs[r.id] ? Object.assign({}, r, { docs: docs[r.id] }) : r; }));
    },
    version: function () { return request('version'); },
    /** Stops the checks in progress; their promises reject with “已停止检查”. */
    cancel: cancel,
    _request: request,
    _listen: listen,
  };
})(typeof self !== 'undefined' ? self : this);
