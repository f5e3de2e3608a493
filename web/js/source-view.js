/*
 * source-view.js — the 原表 view: the table as the clerk gave it (sheet cells,
 * or the pasted text as a grid), each row marked with what the checker made
 * of it (表头, 资金行, 指标行, 文字, 未识别, 不确定 …) and each finding's cell
 * highlighted, so a clerk can see what was read, what was skipped and why.
 * Data: the grid the core read (a check with {grid: true}: `source_grid`),
 * the model's source positions, and the findings.
 */
(function (root) {
  'use strict';

  var LIMIT = 3000;  // rows shown; a generated 100,000-row table is not laid out whole

  function parse(text) {
    return String(text || '').split('\n').filter(function (l) { return l.length; }).map(function (l) {
      var parts = l.split('\t');
      return { line: Number(parts[0]) || 0, cells: parts.slice(1) };
    });
  }

  // What each source line became, from the model's positions and the import findings.
  function marks(model, findings) {
    var kind = {};
    function mark(at, what) { if (at && at.line && !kind[at.line]) kind[at.line] = what; }
    function rows(list, what) { (list || []).forEach(function (r) { if (r.src) mark(r.src, what); }); }
    if (model) {
      var src = model.src || {};
      mark(src.unit, '表头');
      mark(src.year, '表头');
      mark(src.project_name, '表头');
      Object.keys(src.texts || {}).forEach(function (k) { mark(src.texts[k], '文字'); });
      if (model.funds) { rows(model.funds.income, '资金行'); rows(model.funds.expense, '资金行'); }
      rows(model.project_funds, '资金行');
      rows(model.indicators, '指标行');
      rows(model.project_indicators, '指标行');
      rows(model.budget_info, '预算行');
      rows(model.evaluation, '指标行');
      rows(model.key_tasks, '任务行');
    }
    (findings || []).forEach(function (f) {
      var l = f.location || {};
      if (!l.line) return;
      if (f.rule === 'import.unrecognized') kind[l.line] = '未识别';
      else if (f.rule === 'import.ambiguous') kind[l.line] = '不确定';
    });
    return kind;
  }

  function cellId(line, col) { return 'src-' + line + '-' + col; }

  var LEVEL1 = ['决策', '过程', '履职', '效益', '满意度'];
  var COLUMN_ROLES = [['', '（自动）'], ['half', '半年计划执行数'], ['full', '全年预算数']];

  // A select for the clerk's statement about a row or column (target tables).
  function chooser(h, label, options, value, onChange) {
    var sel = h('select', { 'aria-label': label, class: 'hint-select' });
    options.forEach(function (o) {
      var opt = h('option', { value: o[0], text: o[1] });
      if (o[0] === (value || '')) opt.selected = true;
      sel.appendChild(opt);
    });
    sel.addEventListener('change', function () { onChange(sel.value); });
    return sel;
  }

  // ctx: { h, grid (text), model, findings, hints: {columns, level1}, onHint(kind, key, value) }
  function render(ctx) {
    var h = ctx.h;
    var rows = parse(ctx.grid);
    var box = h('section', { class: 'source-view', id: 'section-source', 'aria-label': '原表' });
    if (!rows.length) {
      box.appendChild(h('p', { class: 'hint', text: '这份表单不是从文件或粘贴的表格读入的（新建的表单或 JSON），没有原表可显示。' }));
      return box;
    }
    var kind = marks(ctx.model, ctx.findings);
    var severity = {};
    var rank = { error: 3, warning: 2, info: 1 };
    (ctx.findings || []).forEach(function (f) {
      var l = f.location || {};
      if (!l.line) return;
      var id = cellId(l.line, l.col || 1);
      if (!severity[id] || rank[f.severity] > rank[severity[id].severity]) severity[id] = { severity: f.severity, messages: [] };
      severity[id].messages.push(f.message);
    });
    var width = 0;
    rows.forEach(function (r) { width = Math.max(width, r.cells.length); });
    var counts = {};
    Object.keys(kind).forEach(function (k) { counts[kind[k]] = (counts[kind[k]] || 0) + 1; });
    box.appendChild(h('p', { class: 'hint', text: '原表共 ' + rows.length + ' 行：' + Object.keys(counts).map(function (k) {
      return k + ' ' + counts[k] + ' 行';
    }).join('，') + '。标色的单元格有检查结果，悬停可看说明。' }));
    var table = h('table', { class: 'grid source', 'aria-label': '原表' });
    // In a target table the clerk can say what an amount column is, and which 一级 a row belongs to;
    // the form is then read again with that (the page remembers columns for the template).
    var target = ctx.model && ctx.model.kind === 'target' && ctx.onHint;
    var hints = ctx.hints || { columns: {}, level1: {} };
    table.appendChild(h('thead', null, h('tr', null, h('th', { scope: 'col', text: '行' }), h('th', { scope: 'col', text: '识别为' }),
      Array.apply(null, Array(width)).map(function (_, i) {
        var name = String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
        var th = h('th', { scope: 'col', text: name });
        if (target && i >= 2)
          th.appendChild(chooser(h, '第 ' + name + ' 列是', COLUMN_ROLES, hints.columns[i + 1], function (v) { ctx.onHint('columns', i + 1, v); }));
        return th;
      }))));
    var body = h('tbody');
    rows.slice(0, LIMIT).forEach(function (r) {
      var what = kind[r.line] || (r.cells.some(function (c) { return c.trim(); }) ? '' : '空行');
      var kindCell = h('td', { class: 'src-kind', text: what || '—' });
      if (target && (what === '指标行' || what === '不确定' || hints.level1[r.line])) {
        kindCell.appendChild(h('br'));
        kindCell.appendChild(chooser(h, '第 ' + r.line + ' 行属于', [['', '一级（自动）']].concat(LEVEL1.map(function (l) { return [l, l]; })),
          hints.level1[r.line], (function (line) { return function (v) { ctx.onHint('level1', line, v); }; })(r.line)));
      }
      var tr = h('tr', { class: 'src-row' + (what ? ' src-' + what : ''), 'data-line': String(r.line) },
        h('th', { scope: 'row', class: 'rownum', text: String(r.line) }), kindCell);
      for (var c = 0; c < width; c++) {
        var id = cellId(r.line, c + 1), s = severity[id];
        tr.appendChild(h('td', { id: id, class: s ? 'sev-' + s.severity : null, title: s ? s.messages.join('\n') : null,
          tabindex: s ? '0' : null, text: r.cells[c] || '' }));
      }
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(h('div', { class: 'scroll' }, table));
    if (rows.length > LIMIT) box.appendChild(h('p', { class: 'hint', text: '只显示前 ' + LIMIT + ' 行（共 ' + rows.length + ' 行）。' }));
    return box;
  }

  root.FormCheckSource = { render: render, parse: parse, marks: marks, cellId: cellId };
})(typeof self !== 'undefined' ? self : this);
