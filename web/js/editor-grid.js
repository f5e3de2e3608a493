/*
 * editor-grid.js — spreadsheet habits in the editor's tables: arrow keys move
 * between cells (left/right once the caret is at the edge of the text),
 * Enter / Shift+Enter move down / up, Esc takes the cell back to what it held
 * before the edit, Tab stays the browser's; a block copied from Excel or WPS
 * (cells separated by tabs, rows by new lines) pasted into a cell fills the
 * cells from there, right and down, adding rows as needed. Also: wrapping
 * cells sized to their text where CSS cannot (fit), and the paste box that
 * checks what is pasted into it at once (pasteBox).
 */
(function (root) {
  'use strict';

  // Cells of a pasted text: rows split on new lines, cells on tabs; a single
  // value (no tab, no inner new line) is not a block.
  function parseBlock(text) {
    var t = String(text || '').replace(/\r\n?/g, '\n').replace(/\n$/, '');
    if (t.indexOf('\t') < 0 && t.indexOf('\n') < 0) return null;
    return t.split('\n').map(function (line) { return line.split('\t'); });
  }

  function cellAt(table, row, col) {
    var body = table.tBodies[0];
    var tr = body && body.rows[row];
    if (!tr) return null;
    var td = tr.cells[col];
    return td ? td.querySelector('input, textarea') : null;
  }

  function position(input) {
    var td = input.closest('td'), tr = td && td.parentNode;
    if (!tr || !tr.parentNode || tr.parentNode.tagName !== 'TBODY') return null;
    return { table: tr.closest('table'), row: tr.sectionRowIndex, col: td.cellIndex };
  }

  // Esc in a field being edited puts back its value from before the edit (the
  // page's fields keep it in data-before) and tells the page, as typing does.
  function escape(e) {
    var el = e.target;
    if (e.key !== 'Escape' || !el || (el.tagName !== 'INPUT' && el.tagName !== 'TEXTAREA') || el.dataset.before === undefined) return;
    if (el.value === el.dataset.before) return;
    e.preventDefault();
    el.value = el.dataset.before;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  if (typeof document !== 'undefined') document.addEventListener('keydown', escape);

  // Wrapping cells (textarea.wrap) show their whole text: CSS field-sizing
  // where the browser has it; elsewhere their height is set here, in one pass
  // of reads and one of writes, after they are laid out, and again when the
  // window's width changes.
  var SIZES = typeof CSS !== 'undefined' && CSS.supports && CSS.supports('field-sizing', 'content');
  var pending = [], frame = 0;
  function fit(boxes) {
    if (SIZES || typeof document === 'undefined') return;
    Array.prototype.push.apply(pending, Array.prototype.slice.call(boxes || document.querySelectorAll('.grid textarea.wrap')));
    if (!frame) frame = requestAnimationFrame(function () {
      var list = pending.filter(function (el) { return el.isConnected && document.activeElement !== el; });
      pending = [];
      frame = 0;
      list.forEach(function (el) { el.style.height = ''; });
      var heights = list.map(function (el) { return el.scrollHeight; });
      list.forEach(function (el, i) { if (heights[i] > el.clientHeight) el.style.height = heights[i] + 2 + 'px'; });
    });
  }
  var resized = 0;
  if (typeof window !== 'undefined' && !SIZES) window.addEventListener('resize', function () {
    clearTimeout(resized);
    resized = setTimeout(function () { fit(); }, 150);
  });

  // The paste box checks what is pasted into it at once (and on Ctrl+Enter):
  // no second click on 检查粘贴内容.
  function pasteBox(box, check) {
    box.addEventListener('paste', function (e) {
      var text = e.clipboardData && e.clipboardData.getData('text/plain');
      if (!text) return;  // the browser pastes; the input event below checks
      e.preventDefault();
      box.setRangeText(text, box.selectionStart, box.selectionEnd, 'end');
      check();
    });
    box.addEventListener('input', function (e) { if (e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop') check(); });
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); }
    });
  }

  // opts.onBlock(input, matrix) is called for a block paste (the page changes the model).
  function attach(table, opts) {
    table.addEventListener('keydown', function (e) {
      var input = e.target;
      if (!input || (input.tagName !== 'INPUT' && input.tagName !== 'TEXTAREA') || e.altKey || e.ctrlKey || e.metaKey) return;
      var p = position(input);
      if (!p) return;
      var at = input.selectionStart, end = input.selectionEnd, len = input.value.length;
      var to = null;
      if (e.key === 'ArrowUp') to = cellAt(p.table, p.row - 1, p.col);
      else if (e.key === 'ArrowDown') to = cellAt(p.table, p.row + 1, p.col);
      else if (e.key === 'Enter') to = cellAt(p.table, p.row + (e.shiftKey ? -1 : 1), p.col);
      else if (e.key === 'ArrowLeft' && at === 0 && end === 0) to = cellAt(p.table, p.row, p.col - 1);
      else if (e.key === 'ArrowRight' && at === len && end === len) to = cellAt(p.table, p.row, p.col + 1);
      else return;
      if (e.key === 'Enter') e.preventDefault();
      if (!to) return;
      e.preventDefault();
      to.focus();
      if (to.select) to.select();
    });
    table.addEventListener('paste', function (e) {
      var input = e.target;
      if (!input || (input.tagName !== 'INPUT' && input.tagName !== 'TEXTAREA') || !e.clipboardData) return;
      var block = parseBlock(e.clipboardData.getData('text/plain'));
      if (!block) return;
      e.preventDefault();
      e.stopPropagation();  // not the page's "paste a whole form" handler
      opts.onBlock(input, block);
    });
  }

  root.FormCheckGrid = { attach: attach, parseBlock: parseBlock, position: position, fit: fit, pasteBox: pasteBox };
})(typeof self !== 'undefined' ? self : this);
