/*
 * source-view.js — the 原表 view: the table as the clerk gave it (sheet cells
 * with their merged cells drawn, or the pasted text as a grid), each row
 * saying in words what the checker made of it ("资金·收入·国有资本金",
 * "指标·决策·预算编制·…", 未识别, 不确定 …) and each finding's cell
 * highlighted, so a clerk can see what was read, what was skipped and why.
 * Long cells show three lines until the clerk opens them.
 * Data: the grid the core read (a check with {grid: true}: `source_grid`,
 * `source_merges`, `source_fates`), the model's source positions, and the findings.
 */
(function (root) {
  'use strict';

  var LIMIT = 3000;  // rows shown; a generated 100,000-row table is not laid out whole
  var LONG = 40;     // characters past which a cell shows three lines and a 展开 button

  function parse(text) {
    return String(text || '').split('\n').filter(function (l) { return l.length; }).map(function (l) {
      var parts = l.split('\t');
      return { line: Number(parts[0]) || 0, cells: parts.slice(1) };
    });
  }

  function join(parts) { return parts.filter(function (p) { return p; }).join('·'); }

  // What each model element is, in words.
  var SAY = {
    'funds.income': function (r) { return '资金·收入·' + r.name; },
    'funds.expense': function (r) { return '资金·支出·' + r.name; },
    project_funds: function (r) { return '资金·' + r.name; },
    indicators: function (r) { return '指标·' + join([r.level1, r.level2, r.key_work, r.project, r.name]); },
    project_indicators: function (r) { return '指标·' + join([r.level1, r.level2, r.name]); },
    budget_info: function (r) { return '预算·' + r.name; },
    evaluation: function (r) { return '自评·' + join([r.category, r.name]); },
    key_tasks: function (r) { return '任务·' + (r.task || r.duty || ''); },
  };
  var KIND = { 'funds.income': '资金行', 'funds.expense': '资金行', project_funds: '资金行', indicators: '指标行',
    project_indicators: '指标行', budget_info: '预算行', evaluation: '指标行', key_tasks: '任务行' };
  var HEADER = { unit: '单位', year: '年度', project_name: '项目名称' };

  function list(model, key) {
    var dot = key.indexOf('.');
    return (dot < 0 ? model[key] : (model[key.slice(0, dot)] || {})[key.slice(dot + 1)]) || [];
  }

  function textLabel(kind, key) {
    var texts = root.FormCheckForms && root.FormCheckForms.TEXTS[kind];
    for (var i = 0; texts && i < texts.length; i++) if (texts[i][0] === key) return texts[i][1];
    return key;
  }

  // What each source line became: line -> { kind: '资金行', text: '资金·收入·国有资本金' },
  // from the model's positions, the findings, and (when the check kept them) the cells' fates.
  function readings(model, findings, fates) {
    var out = {};
    function mark(at, kind, text) { if (at && at.line && !out[at.line]) out[at.line] = { kind: kind, text: text }; }
    if (model) {
      var src = model.src || {};
      Object.keys(HEADER).forEach(function (k) { mark(src[k], '表头', '表头·' + HEADER[k]); });
      Object.keys(src.texts || {}).forEach(function (k) { mark(src.texts[k], '文字', '文字·' + textLabel(model.kind, k)); });
      Object.keys(SAY).forEach(function (key) {
        list(model, key).forEach(function (r) { if (r && r.src) mark(r.src, KIND[key], SAY[key](r)); });
      });
    }
    (findings || []).forEach(function (f) {
      var l = f.location || {};
      if (!l.line) return;
      if (f.rule === 'import.unrecognized') out[l.line] = { kind: '未识别', text: '未识别（未参与检查）' };
      else if (f.rule === 'import.ambiguous') out[l.line] = { kind: '不确定', text: '不确定：' + ((out[l.line] || {}).text || '') };
    });
    parse(fates).forEach(function (r) {
      if (out[r.line]) return;
      var f = r.cells.filter(function (c) { return c; });
      if (!f.length) return;
      var all = function (re) { return f.every(function (c) { return re.test(c); }); };
      if (f.some(function (c) { return c === 'field:title'; })) out[r.line] = { kind: '表头', text: '表头·表名' };
      else if (all(/^label:column/)) out[r.line] = { kind: '标签', text: '列标题' };
      else if (all(/^label:/)) out[r.line] = { kind: '标签', text: '栏目名称' };
      else if (all(/^decoration/)) out[r.line] = { kind: '装饰', text: '表头说明（不参与检查）' };
      else if (all(/^(blank|label:)/)) out[r.line] = { kind: '标签', text: '不适用（“—”“/”）' };
    });
    return out;
  }

  // Kept for callers that only need the kind of each line.
  function marks(model, findings) {
    var r = readings(model, findings), kind = {};
    Object.keys(r).forEach(function (l) { kind[l] = r[l].kind; });
    return kind;
  }

  // The lines whose reading differs between two readings(): [{ line, before, after }].
  function changes(before, after) {
    var lines = {};
    Object.keys(before).concat(Object.keys(after)).forEach(function (l) { lines[l] = true; });
    return Object.keys(lines).map(Number).sort(function (a, b) { return a - b; }).filter(function (l) {
      return ((before[l] || {}).text || '') !== ((after[l] || {}).text || '');
    }).map(function (l) { return { line: l, before: (before[l] || {}).text || '（无）', after: (after[l] || {}).text || '（无）' }; });
  }

  // Moves what a check returned about its source (the grid and what came with
  // it) from the result onto the document, once: results are re-made on every check.
  function keep(doc, file) {
    if (file.source_grid) {
      doc.sourceGrid = file.source_grid;
      doc.source = { merges: file.source_merges || null, input: file.input, fates: file.source_fates || '' };
    }
    delete file.source_grid;
    delete file.source_merges;
    delete file.source_fates;
  }

  // What a statement (kind 'columns' or 'level1', at `key`, now `value`) did
  // to the reading: { what, list: changes(), message } for the page to show.
  function changed(kind, key, value, before, after) {
    var list = changes(before, after);
    var what = kind === 'columns' ? '第 ' + key + ' 列设为“' + ({ half: '半年计划执行数', full: '全年预算数' }[value] || '自动') + '”'
      : '第 ' + key + ' 行的一级设为“' + (value || '自动') + '”';
    var lines = list.slice(0, 3).map(function (c) { return '第 ' + c.line + ' 行'; }).join('、') + (list.length > 3 ? ' 等' : '');
    return { what: what, list: list, message: (kind === 'columns' ? '已按第 ' + key + ' 列的设置重新读取：' : '已按第 ' + key + ' 行的一级指标重新读取：') +
      what + '，' + list.length + ' 行的识别随之改变' + (list.length ? '（' + lines + '，见原表上方）' : '') + '。可按 Ctrl+Z 撤销。' };
  }

  function cellId(line, col) { return 'src-' + line + '-' + col; }

  function columnName(i) {
    var s = '';
    for (var n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }

  // The rows as drawn: each row's cells placed in the table's columns, merged
  // cells with their spans, the positions a merge covers left out.
  // merges: [[line, col, rows, cols]]; sheetColumns: an .xlsx/.xls grid, whose
  // rows leave out the columns a merge spans to the right.
  function layout(rows, merges, sheetColumns) {
    var index = {};
    rows.forEach(function (r, i) { if (!(r.line in index)) index[r.line] = i; });
    var start = {}, covered = {}, right = {};
    (merges || []).forEach(function (m) {
      var first = index[m[0]];
      if (first === undefined) return;
      var span = 1;  // rows of the grid the merge covers (lines in a row, as a sheet's are)
      while (span < m[2] && first + span < rows.length && rows[first + span].line === m[0] + span) span++;
      var cols = Math.min(m[3], 512);
      start[first + ':' + m[1]] = { rows: span, cols: cols };
      for (var r = 0; r < span; r++) {
        for (var c = 0; c < cols; c++) if (r || c) covered[(first + r) + ':' + (m[1] + c)] = true;
        if (sheetColumns && cols > 1) (right[first + r] = right[first + r] || []).push([m[1] + 1, m[1] + cols - 1]);
      }
    });
    var width = 0;
    var placed = rows.map(function (r, i) {
      var spans = right[i] || [], cells = [], col = 0;
      r.cells.forEach(function (text, k) {
        col++;
        while (spans.some(function (s) { return col >= s[0] && col <= s[1]; })) col++;
        cells.push({ col: col, grid: k + 1, text: text });
      });
      var out = [];
      cells.forEach(function (c) {
        var s = start[i + ':' + c.col];
        if (covered[i + ':' + c.col] && !c.text) return;
        out.push({ col: c.col, grid: c.grid, text: c.text, rows: s ? s.rows : 1, cols: s ? s.cols : 1 });
        width = Math.max(width, c.col + (s ? s.cols - 1 : 0));
      });
      return out;
    });
    // Every row as wide as the table (as a sheet's grid lines are): empty cells where the row has none.
    placed = placed.map(function (out, i) {
      var at = {}, full = [];
      out.forEach(function (c) { at[c.col] = c; });
      for (var col = 1; col <= width;) {
        var c = at[col];
        if (c) full.push(c), col += c.cols;
        else full.push(covered[i + ':' + col] ? null : { col: col, grid: 0, text: '', rows: 1, cols: 1 }), col++;
      }
      return full.filter(function (c) { return c; });
    });
    return { rows: placed, width: width, covered: covered };
  }

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

  var LEVEL1 = ['决策', '过程', '履职', '效益', '满意度'];
  var COLUMN_ROLES = [['', '（自动）'], ['half', '半年计划执行数'], ['full', '全年预算数']];

  // A cell's text; a long one shows three lines and opens on demand.
  function cellBody(h, text) {
    if (text.length <= LONG) return [text];
    var body = h('div', { class: 'src-text', text: text });
    var more = h('button', { type: 'button', class: 'link src-more', 'aria-expanded': 'false', text: '展开全文（' + text.length + ' 字）' });
    more.addEventListener('click', function () {
      var open = body.classList.toggle('open');
      more.textContent = open ? '收起' : '展开全文（' + text.length + ' 字）';
      more.setAttribute('aria-expanded', String(open));
    });
    return [body, more];
  }

  // ctx: { h, grid (text), source: {merges, input, fates} (keep()), model, findings, hints: {columns, level1},
  //        onHint(kind, key, value), changed: {what, list: changes()} (the last re-reading's effect) }
  function render(ctx) {
    var h = ctx.h;
    var rows = parse(ctx.grid);
    var box = h('section', { class: 'source-view', id: 'section-source', 'aria-label': '原表' });
    if (!rows.length) {
      box.appendChild(h('p', { class: 'hint', text: '这份表单不是从文件或粘贴的表格读入的（新建的表单或 JSON），没有原表可显示。' }));
      return box;
    }
    var said = readings(ctx.model, ctx.findings, (ctx.source || {}).fates);
    var severity = {};
    var rank = { error: 3, warning: 2, info: 1 };
    (ctx.findings || []).forEach(function (f) {
      var l = f.location || {};
      if (!l.line) return;
      var id = cellId(l.line, l.col || 1);
      if (!severity[id] || rank[f.severity] > rank[severity[id].severity]) severity[id] = { severity: f.severity, messages: [] };
      severity[id].messages.push(f.message);
    });
    var counts = {};
    Object.keys(said).forEach(function (k) { counts[said[k].kind] = (counts[said[k].kind] || 0) + 1; });
    box.appendChild(h('p', { class: 'hint', text: '原表共 ' + rows.length + ' 行：' + Object.keys(counts).map(function (k) {
      return k + ' ' + counts[k] + ' 行';
    }).join('，') + '。“识别为”一栏说明每行读成了什么；标色的单元格有检查结果，悬停可看说明。' }));
    var changed = {};
    if (ctx.changed && ctx.changed.list.length) {
      var ul = h('ul', null, ctx.changed.list.map(function (c) {
        changed[c.line] = true;
        return h('li', null, h('button', { type: 'button', class: 'link', text: '第 ' + c.line + ' 行',
          onclick: function () { var tr = box.querySelector('tr[data-line="' + c.line + '"]'); if (tr) { tr.scrollIntoView({ block: 'center' }); tr.focus(); } } }),
        '：' + c.before + ' → ' + c.after);
      }));
      box.appendChild(h('section', { class: 'src-changes', id: 'source-changes', role: 'status', 'aria-label': '更改的影响' },
        h('p', null, ctx.changed.what + '，影响了 ' + ctx.changed.list.length + ' 行（已标出；按 Ctrl+Z 可撤销）：'), ul));
    }
    var src = ctx.source || {};
    var merges = src.merges || null, sheetColumns = !!merges && src.input !== 'docx';
    var layoutOf = layout(rows.slice(0, LIMIT), merges, sheetColumns);
    // Column statements name the reader's (grid's) columns: offered where they are the table's.
    var aligned = !sheetColumns || merges.every(function (m) { return m[3] === 1; });
    var width = layoutOf.width;
    var table = h('table', { class: 'grid source', 'aria-label': '原表' });
    // Fixed layout (one long cell never decides the columns), each sheet column at least 6em: wide sheets scroll.
    table.style.minWidth = (14.4 + width * 6) + 'em';
    // In a target table the clerk can say what an amount column is, and which 一级 a row belongs to;
    // the form is then read again with that (the page remembers columns for the template).
    var target = ctx.model && ctx.model.kind === 'target' && ctx.onHint;
    var hints = ctx.hints || { columns: {}, level1: {} };
    // The chooser of a column names the grid's column (what the reader counts), shown under the sheet's letter.
    table.appendChild(h('thead', null, h('tr', null, h('th', { scope: 'col', text: '行' }), h('th', { scope: 'col', class: 'src-kind', text: '识别为' }),
      Array.apply(null, Array(width)).map(function (_, i) {
        var name = columnName(i);
        var th = h('th', { scope: 'col', text: name });
        if (target && i >= 2 && aligned)
          th.appendChild(chooser(h, '第 ' + name + ' 列是', COLUMN_ROLES, hints.columns[i + 1], function (v) { ctx.onHint('columns', i + 1, v); }));
        return th;
      }))));
    var body = h('tbody');
    rows.slice(0, LIMIT).forEach(function (r, ri) {
      var what = said[r.line] || (r.cells.some(function (c) { return c.trim(); }) ? null : { kind: '空行', text: '空行' });
      var kindCell = h('td', { class: 'src-kind', 'data-kind': what ? what.kind : '', title: what ? what.text : null },
        h('span', { class: 'src-what', text: what ? what.text : '—' }));
      if (target && what && (what.kind === '指标行' || what.kind === '不确定' || hints.level1[r.line])) {
        kindCell.appendChild(chooser(h, '第 ' + r.line + ' 行属于', [['', '一级（自动）']].concat(LEVEL1.map(function (l) { return [l, l]; })),
          hints.level1[r.line], (function (line) { return function (v) { ctx.onHint('level1', line, v); }; })(r.line)));
      }
      var tr = h('tr', { class: 'src-row' + (what ? ' src-' + what.kind : '') + (changed[r.line] ? ' src-changed' : ''),
        'data-line': String(r.line), tabindex: changed[r.line] ? '-1' : null },
        h('th', { scope: 'row', class: 'rownum', text: String(r.line) }), kindCell);
      layoutOf.rows[ri].forEach(function (c) {
        var id = c.grid ? cellId(r.line, c.grid) : null, s = id && severity[id];
        tr.appendChild(h('td', { id: id, class: s ? 'sev-' + s.severity : null, title: s ? s.messages.join('\n') : null,
          rowspan: c.rows > 1 ? String(c.rows) : null, colspan: c.cols > 1 ? String(c.cols) : null,
          'data-col': columnName(c.col - 1), tabindex: s ? '0' : null }, cellBody(h, c.text)));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(h('div', { class: 'scroll' }, table));
    if (rows.length > LIMIT) box.appendChild(h('p', { class: 'hint', text: '只显示前 ' + LIMIT + ' 行（共 ' + rows.length + ' 行）。' }));
    return box;
  }

  root.FormCheckSource = { render: render, keep: keep, changed: changed, parse: parse, marks: marks, readings: readings, changes: changes, layout: layout, cellId: cellId };
})(typeof self !== 'undefined' ? self : this);
