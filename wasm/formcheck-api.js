/*
 * formcheck-api.js — a thin, typed layer over the Embind module
 * (formcheck-module.js, built SINGLE_FILE). Works in node (CommonJS), in a
 * Web Worker and in a page. It adds no logic of its own: requests and results
 * are the core's JSON (docs/api.md).
 *
 * @typedef {'error'|'warning'|'info'} Severity
 * @typedef {{section:string,index:number,field:string,label:string,line:number,col:number,cell?:string}} Location
 * @typedef {{rule:string,severity:Severity,message:string,location:Location,expected:string,actual:string,fix:string}} Finding
 * @typedef {{errors:number,warnings:number,infos:number}} Summary
 * @typedef {{path:string,form:('target'|'selfeval'|null),profile:(string|null),input:string,summary:Summary,
 *            findings:Finding[],calculations?:Object[],score?:Object,model?:Object}} FileResult
 * @typedef {{path?:string,text?:string,bytes?:Uint8Array,grid?:{rows:string[][]},office?:{kind:'xlsx'|'docx',parts:Object<string,string>}}} Input
 * @typedef {{profile?:string,details?:boolean,model?:boolean,grid?:boolean,hints?:Object,accept?:Object[]}} CheckOptions
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.FormCheckCore = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /**
   * Instantiates the module. Rejects with a clear Error (Chinese message)
   * when the factory is missing or the WebAssembly cannot be loaded.
   * @param {Function} moduleFactory the FormCheckModule factory
   * @param {Object} [moduleOptions] passed to the factory
   */
  function init(moduleFactory, moduleOptions) {
    if (typeof moduleFactory !== 'function') {
      return Promise.reject(new Error('formcheck: 未找到校验模块（formcheck-module.js 未加载）。'));
    }
    if (typeof WebAssembly !== 'object') {
      return Promise.reject(new Error('formcheck: 此浏览器不支持 WebAssembly，请使用新版 Chrome、Edge 或 Firefox。'));
    }
    return new Promise(function (resolve, reject) {
      var settled = false;
      function fail(reason) {
        if (settled) return;
        settled = true;
        var detail = reason && reason.message ? reason.message : String(reason);
        reject(new Error('formcheck: 校验模块加载失败：' + detail));
      }
      var opts = Object.assign({}, moduleOptions || {}, {
        onAbort: function (what) { fail(what); },
        printErr: function () {},
      });
      var pending;
      try {
        pending = moduleFactory(opts);
      } catch (e) {
        fail(e);
        return;
      }
      Promise.resolve(pending).then(function (m) {
        if (settled) return;
        if (!m || typeof m.check !== 'function') return fail(new Error('模块缺少 check 接口'));
        settled = true;
        resolve(wrap(m));
      }, fail);
    });
  }

  function parse(text) {
    var r = JSON.parse(text);
    if (r && r.error) throw new Error('formcheck: ' + r.error);
    return r;
  }

  // Copies a JS string into the module's memory as UTF-8 (one copy, no JSON
  // escaping); the module owns the buffer from then on and frees it.
  function toBuffer(m, text) {
    var len = m.lengthBytesUTF8(text);
    var ptr = m._malloc(len + 1);
    if (!ptr) throw new Error('formcheck: 内存不足，无法载入该文件。');
    m.stringToUTF8(text, ptr, len + 1);
    return { ptr: ptr, len: len };
  }

  // Copies a file's bytes (an .xls workbook) into the module's memory as they
  // are; the module owns the buffer from then on and frees it.
  function bytesBuffer(m, bytes) {
    var ptr = m._malloc(bytes.length + 1);
    if (!ptr) throw new Error('formcheck: 内存不足，无法载入该文件。');
    m.HEAPU8.set(bytes, ptr);
    return { ptr: ptr, len: bytes.length };
  }

  // Runs `call(sink)`; the module hands the result over in UTF-8 pieces.
  function collect(call) {
    var decoder = new TextDecoder();
    var parts = [];
    call(function (view) { parts.push(decoder.decode(view, { stream: true })); });
    parts.push(decoder.decode());
    return parts.join('');
  }

  function wrap(m) {
    return {
      /** @returns {string} */
      version: function () { return m.version(); },
      /** @returns {Array<{id:string,severity:Severity,scope:string,title:string,description:string,message:string,docs:string}>} */
      rules: function () { return JSON.parse(m.rules()); },
      /** @returns {string} docs/rules.md */
      rulesMarkdown: function () { return m.rulesMarkdown(); },
      /** @returns {Array<Object>} every rule pack, resolved (its base and the catalog applied) */
      packs: function () { return JSON.parse(m.packs()); },
      /**
       * Checks several inputs together (cross-document rules apply between them).
       * @param {Input[]} inputs
       * @param {CheckOptions} [options]
       * @returns {{files: FileResult[]}}
       */
      check: function (inputs, options) { return parse(this.checkJson(inputs, options)); },
      /**
       * The same result as its JSON text (to post to another thread or save
       * without parsing and serialising it again).
       * @returns {string}
       */
      checkJson: function (inputs, options) {
        var o = options || {};
        var request = {
          inputs: inputs.map(function (i) {
            if (i.grid) return { path: i.path || '', grid: i.grid };
            if (i.office) {
              // An .xlsx/.docx whose parts the caller inflated: each part's XML
              // goes over as a buffer, read by the same C++ reader as the CLI's.
              return { path: i.path || '', hints: o.hints || undefined, office: { kind: i.office.kind, parts: Object.keys(i.office.parts).map(function (name) {
                return Object.assign({ name: name }, toBuffer(m, String(i.office.parts[name])));
              }) } };
            }
            var withHints = o.hints ? { hints: o.hints } : {};
            if (i.bytes instanceof Uint8Array) return Object.assign({ path: i.path || '' }, withHints, bytesBuffer(m, i.bytes));
            return Object.assign({ path: i.path || '' }, withHints, toBuffer(m, String(i.text)));
          }),
          profile: o.profile || '',
          details: o.details !== false,
          model: !!o.model,
          grid: !!o.grid,
          accept: o.accept || undefined,
        };
        return collect(function (sink) { m.checkBuffers(JSON.stringify(request), sink); });
      },
      /**
       * Keeps a form loaded in the module (imported once) for repeated checks.
       * @returns {number} a handle for recheck() and close()
       */
      open: function (text, path) {
        var b = toBuffer(m, String(text));
        return m.openBuffer(b.ptr, b.len, path || '');
      },
      /**
       * Runs every rule again on a loaded form.
       * @returns {FileResult}
       */
      recheck: function (handle, options) { return parse(this.recheckJson(handle, options)); },
      /** @returns {string} recheck()'s result as JSON text */
      recheckJson: function (handle, options) {
        var details = !options || options.details !== false;
        return collect(function (sink) { m.recheckTo(handle, details, sink); });
      },
      /** Frees a loaded form. */
      close: function (handle) { m.close(handle); },
      /**
       * Compares two versions of one form (docs/api.md, "Comparing two
       * versions"): every changed cell, rows added/removed/renamed, findings
       * resolved/new/unchanged, and `text`, what `formcheck diff` prints. The
       * full module only (the page asks its lazily decoded full module).
       * @param {Input} older text / model JSON text, or an inflated .xlsx/.docx
       * @param {Input} newer
       * @param {{profile?:string}} [options]
       * @returns {Object}
       */
      diff: function (older, newer, options) {
        if (typeof m.diff !== 'function') throw new Error('formcheck: 此校验模块不含版本对比，请使用完整模块。');
        var input = function (i) {
          if (i.office) return { path: i.path || '', office: i.office };
          if (typeof i.text !== 'string') throw new Error('formcheck: 版本对比需要文本、表单 JSON 或 .xlsx/.docx。');
          return { path: i.path || '', text: i.text };
        };
        var request = { inputs: [input(older), input(newer)], profile: (options && options.profile) || '' };
        return parse(m.diff(JSON.stringify(request)));
      },
      /** @returns {number} bytes of WebAssembly memory (it only grows: the peak so far) */
      memoryBytes: function () { return m.HEAP8.buffer.byteLength; },
      /**
       * Checks one text (pasted table, text file or model JSON).
       * @returns {FileResult}
       */
      checkText: function (text, path, options) {
        return this.check([{ path: path || '', text: text }], options).files[0];
      },
    };
  }

  /**
   * Base64 text to bytes (for the module's `wasmBinary` option when the wasm
   * travels as text, as in the single-file page).
   * @param {string} text
   * @returns {Uint8Array}
   */
  function decodeBase64(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
    if (typeof Buffer === 'function') return new Uint8Array(Buffer.from(text, 'base64'));
    var bin = atob(text);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  /**
   * The wasm as the page carries it: base64 of its gzip (a third of the
   * page's gzip size saved: base64 of raw wasm compresses poorly), inflated
   * with the platform's DecompressionStream (browsers, node >= 18).
   * @param {string} text
   * @returns {Promise<Uint8Array>}
   */
  function decodeWasm(text) {
    var gz = decodeBase64(text);
    if (gz[0] === 0) return Promise.resolve(gz);  // plain wasm ("\0asm")
    var stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  return { init: init, decodeBase64: decodeBase64, decodeWasm: decodeWasm };
});
