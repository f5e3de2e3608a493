/*
 * history.js — undo and redo for the page (Ctrl+Z / Ctrl+Y): every cell edit,
 * applied fix, row added, block pasted, 说明 (accepting a finding, or taking
 * it back) and 清空 is one step. A step knows how to undo and redo itself;
 * the page re-checks after either.
 */
(function (root) {
  'use strict';

  function create(limit) {
    var undo = [], redo = [];
    limit = limit || 300;
    return {
      // step: { label, undo: fn, redo: fn }
      push: function (step) {
        undo.push(step);
        if (undo.length > limit) undo.shift();
        redo = [];
      },
      undo: function () {
        var s = undo.pop();
        if (!s) return null;
        s.undo();
        redo.push(s);
        return s;
      },
      redo: function () {
        var s = redo.pop();
        if (!s) return null;
        s.redo();
        undo.push(s);
        return s;
      },
      canUndo: function () { return undo.length > 0; },
      canRedo: function () { return redo.length > 0; },
      clear: function () { undo = []; redo = []; },
    };
  }

  root.FormCheckHistory = { create: create };
})(typeof self !== 'undefined' ? self : this);
