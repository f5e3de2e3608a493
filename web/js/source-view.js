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

  // ctx: { h, grid (text), model, findings, title }
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
    table.appendChild(h('thead', null, h('tr', null, h('th', { scope: 'col', text: '行' }), h('th', { scope: 'col', text: '识别为' }),
      Array.apply(null, Array(width)).map(function (_, i) { return h('th', { scope: 'col', text: String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '') }); }))));
    var body = h('tbody');
    rows.slice(0, LIMIT).forEach(function (r) {
      var what = kind[r.line] || (r.cells.some(function (c) { return c.trim(); }) ? '' : '空行');
      var tr = h('tr', { class: 'src-row' + (what ? ' src-' + what : ''), 'data-line': String(r.line) },
        h('th', { scope: 'row', class: 'rownum', text: String(r.line) }), h('td', { class: 'src-kind', text: what || '—' }));
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
