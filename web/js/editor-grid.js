/*
 * editor-grid.js — spreadsheet habits in the editor's tables: arrow keys move
 * between cells (left/right once the caret is at the edge of the text),
 * Enter / Shift+Enter move down / up, Tab stays the browser's; a block copied
 * from Excel or WPS (cells separated by tabs, rows by new lines) pasted into a
 * cell fills the cells from there, right and down, adding rows as needed.
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

  root.FormCheckGrid = { attach: attach, parseBlock: parseBlock, position: position };
})(typeof self !== 'undefined' ? self : this);
