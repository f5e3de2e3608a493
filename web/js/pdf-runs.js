/*
 * pdf-runs.js — what a PDF's pages show, as the "PDF runs" JSON the C++ core
 * turns into a table grid (shared/formcheck/pdf_grid.hpp; docs/import.md).
 * One file for every front door: the CLI runs it under node (cli/pdf-runs.cjs),
 * the page in its PDF worker (web/js/pdf-worker.js). It only reads what pdf.js
 * (npm pdfjs-dist, the legacy build) finds on each page: the text runs
 * (getTextContent) and the straight lines and thin rectangles drawn
 * (getOperatorList: the ruling lines of a table). Every decision about cells
 * is the core's, so the page, node and the CLI read a PDF the same way.
 *
 * Output (coordinates in points, origin at the page's top left, y down):
 *   {"formcheck_pdf_runs": 1, "pages": [{"w", "h", "images",
 *     "runs": [[text, x, top, width, height], ...],
 *     "lines": [[x1, y1, x2, y2], ...]}]}
 * or, when the PDF cannot be read, {"formcheck_pdf_runs": 1, "error": KIND,
 * "detail": "..."} with KIND "encrypted" | "damaged" | "too_large" | "timeout".
 *
 * pdf.js is configured to request nothing: no CMap, font or decoder files
 * (a PDF whose fonts need them shows no text, which the core reports), no
 * eval, no font faces.
 */
/* eslint-disable no-var */
(function (root) {
  'use strict';

  var LIMITS = { pages: 200, runsPerPage: 20000, linesPerPage: 20000, opsPerPage: 2000000 };

  function round(v) { return Math.round(v * 100) / 100; }

  function multiply(m, n) {
    return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3],
      m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
  }
  function apply(m, x, y) { return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]; }

  // The ruling lines of one page: every straight segment of a stroked path,
  // and every filled rectangle thin enough to be a line (how Excel and
  // LibreOffice draw cell borders), in top-down page coordinates.
  function rulings(OPS, list, viewport, deadline) {
    var lines = [], images = 0;
    var ctm = viewport.transform.slice(), stack = [];
    var path = [];  // segments of the path being built: [x1, y1, x2, y2], rectangles as [x, y, w, h, 'r']
    function addSegment(a, b) {
      if (lines.length >= LIMITS.linesPerPage) return;
      var horizontal = Math.abs(a[1] - b[1]) < 0.5, vertical = Math.abs(a[0] - b[0]) < 0.5;
      if (!horizontal && !vertical) return;
      if (Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) < 1) return;
      lines.push([round(a[0]), round(a[1]), round(b[0]), round(b[1])]);
    }
    function paint(stroke, fill) {
      for (var i = 0; i < path.length; i++) {
        var s = path[i];
        if (s.length === 5) {
          var p = [apply(ctm, s[0], s[1]), apply(ctm, s[0] + s[2], s[1]), apply(ctm, s[0] + s[2], s[1] + s[3]), apply(ctm, s[0], s[1] + s[3])];
          var w = Math.abs(p[2][0] - p[0][0]), h = Math.abs(p[2][1] - p[0][1]);
          if (fill && !stroke) {
            // A thin filled rectangle is a line along its long side.
            if (h <= 3 && w > h) addSegment([Math.min(p[0][0], p[2][0]), (p[0][1] + p[2][1]) / 2], [Math.max(p[0][0], p[2][0]), (p[0][1] + p[2][1]) / 2]);
            else if (w <= 3 && h > w) addSegment([(p[0][0] + p[2][0]) / 2, Math.min(p[0][1], p[2][1])], [(p[0][0] + p[2][0]) / 2, Math.max(p[0][1], p[2][1])]);
          } else if (stroke) {
            for (var k = 0; k < 4; k++) addSegment(p[k], p[(k + 1) % 4]);
          }
        } else if (stroke) {
          addSegment(apply(ctm, s[0], s[1]), apply(ctm, s[2], s[3]));
        }
      }
      path = [];
    }
    var fn = list.fnArray, args = list.argsArray;
    var n = Math.min(fn.length, LIMITS.opsPerPage);
    for (var i = 0; i < n; i++) {
      if ((i & 4095) === 0 && Date.now() > deadline) throw timeout();
      var op = fn[i], a = args[i];
      if (op === OPS.save) stack.push(ctm.slice());
      else if (op === OPS.restore) { if (stack.length) ctm = stack.pop(); }
      else if (op === OPS.transform) ctm = multiply(ctm, a);
      else if (op === OPS.paintFormXObjectBegin) { stack.push(ctm.slice()); if (a && a[0]) ctm = multiply(ctm, a[0]); }
      else if (op === OPS.paintFormXObjectEnd) { if (stack.length) ctm = stack.pop(); }
      else if (op === OPS.constructPath) {
        var ops = a[0], xs = a[1], j = 0, cx = 0, cy = 0, sx = 0, sy = 0;
        for (var k = 0; k < ops.length; k++) {
          var o = ops[k];
          if (o === OPS.rectangle) { path.push([xs[j], xs[j + 1], xs[j + 2], xs[j + 3], 'r']); cx = sx = xs[j]; cy = sy = xs[j + 1]; j += 4; }
          else if (o === OPS.moveTo) { cx = sx = xs[j++]; cy = sy = xs[j++]; }
          else if (o === OPS.lineTo) { path.push([cx, cy, xs[j], xs[j + 1]]); cx = xs[j++]; cy = xs[j++]; }
          else if (o === OPS.curveTo) { cx = xs[j + 4]; cy = xs[j + 5]; j += 6; }
          else if (o === OPS.curveTo2 || o === OPS.curveTo3) { cx = xs[j + 2]; cy = xs[j + 3]; j += 4; }
          else if (o === OPS.closePath) { path.push([cx, cy, sx, sy]); cx = sx; cy = sy; }
        }
      } else if (op === OPS.stroke || op === OPS.closeStroke) paint(true, false);
      else if (op === OPS.fill || op === OPS.eoFill) paint(false, true);
      else if (op === OPS.fillStroke || op === OPS.eoFillStroke || op === OPS.closeFillStroke || op === OPS.closeEOFillStroke) paint(true, true);
      else if (op === OPS.endPath) path = [];
      else if (op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject || op === OPS.paintImageMaskXObject ||
               op === OPS.paintImageXObjectRepeat || op === OPS.paintInlineImageXObjectGroup || op === OPS.paintImageMaskXObjectGroup) images++;
    }
    return { lines: lines, images: images };
  }

  function textRuns(pdfjs, content, viewport) {
    var runs = [];
    for (var i = 0; i < content.items.length && runs.length < LIMITS.runsPerPage; i++) {
      var it = content.items[i];
      // A space between words is a run of its own (" "): kept, so that the
      // core knows a space was printed there.
      if (!it.str) continue;
      var t = pdfjs.Util.transform(viewport.transform, it.transform);
      var size = Math.hypot(t[2], t[3]) || it.height || 0;
      var upright = Math.abs(t[1]) < 0.01 && Math.abs(t[2]) < 0.01;
      var width = it.width * viewport.scale;
      // Upright text: (x, baseline) is the run's origin; its box reaches one
      // font size above the baseline (rotated text keeps its origin).
      runs.push([it.str.trim() ? it.str : ' ', round(t[4]), round(upright ? t[5] - size : t[5]), round(width), round(size)]);
    }
    return runs;
  }

  function timeout() {
    var e = new Error('timeout');
    e.formcheckKind = 'timeout';
    return e;
  }

  function failure(err) {
    var name = err && err.name;
    var kind = err && err.formcheckKind ? err.formcheckKind
      : name === 'PasswordException' ? 'encrypted'
        : 'damaged';
    return JSON.stringify({ formcheck_pdf_runs: 1, error: kind, detail: String(err && err.message || err).slice(0, 200) });
  }

  /**
   * The runs JSON of `bytes` (a Uint8Array, which pdf.js takes over), read by
   * `pdfjs` (the pdfjs-dist module). The work is bounded in time: opening the
   * file and each page may take `options.timeLimitMs` (default 3000) plus
   * `options.perPageMs` (default 1500) a page; past that, the result is the
   * "timeout" error. `options.onStart()` is told when the work (and its
   * clock) starts, `options.onPage(n)` when page n is started
   * (the CLI's watchdog gives each page its own time, cli/pdf_extract.cpp).
   * @returns {Promise<string>}
   */
  function extract(pdfjs, bytes, options) {
    var o = options || {};
    var perPage = o.perPageMs || 1500;
    if (o.onStart) o.onStart();
    var deadline = Date.now() + (o.timeLimitMs || 3000);
    var task = pdfjs.getDocument({
      data: bytes,
      // Request nothing: no CMaps, standard fonts or wasm decoders from anywhere.
      cMapUrl: undefined, standardFontDataUrl: undefined, useWorkerFetch: false,
      useSystemFonts: false, disableFontFace: true, isEvalSupported: false, isOffscreenCanvasSupported: false,
      disableAutoFetch: true, disableStream: true, disableRange: true, stopAtErrors: false,
      // Images are only counted (a page of images and no text is a scan);
      // one past 25 megapixels (a 300 dpi A4 scan is 8.7) is not even decoded.
      maxImageSize: 25e6, verbosity: 0,
    });
    var timer, expire;
    function arm() {
      clearTimeout(timer);
      timer = setTimeout(function () { expire(timeout()); }, Math.max(0, deadline - Date.now()));
    }
    var overtime = new Promise(function (resolve, reject) { expire = reject; });
    arm();
    function page(doc, number) {
      deadline += perPage;
      arm();
      if (o.onPage) o.onPage(number);
      return doc.getPage(number).then(function (p) {
        var viewport = p.getViewport({ scale: 1 });
        return p.getTextContent({ disableNormalization: false }).then(function (content) {
          if (Date.now() > deadline) throw timeout();
          return p.getOperatorList({ intent: 'display' }).then(function (list) {
            var r = rulings(pdfjs.OPS, list, viewport, deadline);
            p.cleanup();
            return { w: round(viewport.width), h: round(viewport.height), images: r.images, runs: textRuns(pdfjs, content, viewport), lines: r.lines };
          });
        });
      });
    }
    var work = task.promise.then(function (doc) {
      if (doc.numPages > LIMITS.pages) {
        var e = new Error(doc.numPages + ' pages');
        e.formcheckKind = 'too_large';
        throw e;
      }
      var pages = [];
      var chain = Promise.resolve();
      for (var i = 1; i <= doc.numPages; i++) {
        (function (n) { chain = chain.then(function () { return page(doc, n).then(function (pg) { pages.push(pg); }); }); })(i);
      }
      return chain.then(function () { return JSON.stringify({ formcheck_pdf_runs: 1, pages: pages }); });
    });
    return Promise.race([work, overtime]).then(function (json) {
      clearTimeout(timer);
      task.destroy();
      return json;
    }, function (err) {
      clearTimeout(timer);
      task.destroy();
      return failure(err);
    });
  }

  var api = { extract: extract, LIMITS: LIMITS };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.FormCheckPdfRuns = api;
})(typeof self !== 'undefined' ? self : this);
