/*
 * app.js — the checker page. Everything a user types or loads stays in this
 * tab: checks run in a Web Worker (client.js), drafts autosave to IndexedDB,
 * exports are generated locally. User text is only ever set with textContent
 * or input values, never parsed as HTML.
 */
/* global FormCheck, FormCheckOffice, FormCheckForms, FormCheckScoreView, FormCheckHistory, FormCheckGrid, FormCheckReport, FormCheckSource, FormCheckFindingsGroup, FormCheckFixes, FormCheckAnnotations, FormCheckWorkbookExport, FORMCHECK_PROFILES */
(function () {
  'use strict';

  var F = FormCheckForms;
  var A = FormCheckAnnotations;  // acceptances (已说明) and applied-fix marks, one store per form
  var history = FormCheckHistory.create();
  var SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' };
  var SECTION_LABEL = {
    'funds.income': '部门整体资金·收入', 'funds.expense': '部门整体资金·支出', indicators: '绩效指标',
    budget_info: '预算信息', evaluation: '部门整体自评表', key_tasks: '年度重点任务', texts: '叙述部分',
    header: '表头', import: '导入', project_funds: '项目资金', project_indicators: '绩效指标',
  };
  var RENDER_CHUNK = 250;
  // Columns that hold names and sentences: shown wider.
  var WIDE_COLUMNS = /^(name|level2|key_work|project|duty|task|content|reason|source)$/;
  // Tables whose every cell is text (names and indicator values): their cells wrap to fit the pane.
  var WRAP_SECTIONS = /indicators|evaluation|key_tasks/;

  var state = { docs: [], active: -1, rules: [], seq: 0, sort: { key: 'errors', dir: -1 }, checkError: null, view: 'form' };

  // ------------------------------------------------------------ DOM helpers

  function $(id) { return document.getElementById(id); }
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v == null || v === false) return;
        if (k === 'text') el.textContent = v;
        else if (k === 'class') el.className = v;
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : v);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c == null) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x != null) el.appendChild(typeof x === 'string' ? document.createTextNode(x) : x); });
      else el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return el;
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
  function cellId(section, index, field) { return 'cell-' + section.replace('.', '-') + '-' + index + '-' + field; }
  function status(text) { $('status').textContent = text; }
  // data-busy marks loading/checking in progress (for assistive tech via aria-busy, and for tests).
  var busyCount = 0;
  function busy(on) {
    busyCount = Math.max(0, busyCount + (on ? 1 : -1));
    if (busyCount) document.body.setAttribute('aria-busy', 'true');
    else document.body.removeAttribute('aria-busy');
    var stop = $('cancel');
    if (stop) stop.hidden = !busyCount;
  }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  // ------------------------------------------------------------ documents

  function activeDoc() { return state.docs[state.active] || null; }

  // The original file's import findings stay with the form; a re-check runs
  // on the model JSON, so any import.* it reports (a limit the edited model
  // passed, a model it could not read) is new and is shown too.
  function findingsOf(doc) {
    if (!doc.result || doc.pristine) return [];  // a fresh template: nothing to report until the clerk edits it
    return (doc.importFindings || []).concat(doc.result.findings.filter(function (f) {
      return !(doc.importFindings && f.rule.indexOf('import.') === 0 && !doc.result.rechecked);
    }));
  }

  // A result for a check that did not run: never "通过".
  function failedResult(doc, err) {
    return {
      path: doc.path, form: null, profile: null, input: 'json', rechecked: true, summary: { errors: 1, warnings: 0, infos: 0 },
      findings: [{ rule: 'import.invalid_model', severity: FormCheck.registeredSeverity('import.invalid_model'), message: '重新检查失败：' + (err && err.message ? err.message : String(err)),
        location: { section: 'import', index: -1, field: '', label: '导入', line: 0, col: 0 },
        expected: '', actual: '', fix: '撤销最近的修改后再试；若仍失败，请导出 JSON 并报告问题。' }],
      calculations: [],
    };
  }

  // Open findings by severity; accepted ones (已说明) are counted apart, never as open.
  function summaryOf(doc) {
    var s = { errors: 0, warnings: 0, infos: 0, acceptedErrors: 0, acceptedWarnings: 0 };
    findingsOf(doc).forEach(function (f) {
      if (f.accepted) s[f.severity === 'error' ? 'acceptedErrors' : 'acceptedWarnings']++;
      else s[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
    });
    return s;
  }

  // The rule pack a check applied, by name ("苏州市市级部门整体预算绩效目标表"), "" before a check.
  function packName(doc) {
    var id = doc && doc.result && doc.result.profile;
    if (!id) return '';
    var list = typeof FORMCHECK_PROFILES !== 'undefined' ? FORMCHECK_PROFILES : [];
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i].name + '（' + id + '）';
    return id;
  }

  function summaryText(s) {
    var said = s.acceptedErrors || s.acceptedWarnings ? '；已说明：' + [s.acceptedErrors ? s.acceptedErrors + ' 个错误' : '',
      s.acceptedWarnings ? s.acceptedWarnings + ' 个警告' : ''].filter(Boolean).join('、') : '';
    if (!s.errors && !s.warnings) {
      return (said ? '无待处理的问题' : '通过') + (s.infos || said ? '（' + (s.infos ? s.infos + ' 条提示' : '') + (s.infos ? said : said.slice(1)) + '）' : '');
    }
    return s.errors + ' 个错误 / ' + s.warnings + ' 个警告 / ' + s.infos + ' 条提示' + (said ? '（' + said.slice(1) + '）' : '');
  }

  function addResults(inputsMeta, files) {
    files.forEach(function (file, i) {
      var doc = { path: file.path || (inputsMeta[i] || inputsMeta[0]).path, model: file.model || null, result: file, importFindings: null,
        sourceGrid: '' };
      FormCheckSource.keep(doc, file);  // the grid, its merges and fates: kept once on the document, not in every result
      A.adopt(doc);  // a JSON form's own statements (说明) join its annotations
      // An .xlsx: where its grid came from and what was read, so the export
      // can give the clerk's own workbook back with the edits (workbook.js).
      if (file.input === 'xlsx' && file.source_sheets && doc.model) {
        doc.workbook = { sheets: file.source_sheets, original: JSON.parse(JSON.stringify(doc.model)) };
      }
      delete file.source_sheets;
      // Import findings (unrecognised lines) belong to the original file; later
      // re-checks run on the model JSON and would not see them again.
      if (doc.model) doc.importFindings = file.findings.filter(function (f) { return f.rule.indexOf('import.') === 0; });
      state.docs.push(doc);
    });
  }

  function loadItems(items) {
    if (!items.length) return Promise.resolve();
    busy(true);
    var batch = items.length > 1;
    var bar = $('progress');
    bar.hidden = false;
    bar.max = items.length;
    bar.value = 0;
    status('正在读取并检查 ' + items.length + ' 个文件…');
    var first = state.docs.length;
    var chain = Promise.resolve();
    // One file at a time so the progress bar moves and a bad file cannot block the others.
    items.forEach(function (item, i) {
      chain = chain.then(function () {
        return FormCheck.checkMany([item], { model: true, details: true, grid: true });
      }).then(function (r) {
        var before = state.docs.length;
        addResults([{ path: item.name || item.path || '粘贴内容' }], r.files);
        // The file itself (a File, read again on export), for each form read from a workbook.
        for (var k = before; k < state.docs.length; k++) if (state.docs[k].workbook && item.arrayBuffer) state.docs[k].workbook.file = item;
        // One form from one input can be read again with the clerk's statements (原表 view).
        if (r.files.length === 1 && state.docs.length === before + 1) {
          state.docs[before].item = item;
          return applyRememberedColumns(state.docs[before]);
        }
      }).then(function () {
        bar.value = i + 1;
        $('progress-label').textContent = (i + 1) + ' / ' + items.length;
      });
    });
    return chain.then(function () {
      bar.hidden = true;
      $('progress-label').textContent = '';
      if (state.docs.length > 1) return recheckAll();
    }).then(function () {
      state.active = first < state.docs.length ? first : state.active;
      if (batch) $('batch').hidden = false;
      render();
      save();
      var doc = activeDoc();
      status(batch ? '已检查 ' + items.length + ' 个文件。' : doc ? doc.path + '：' + summaryText(summaryOf(doc)) : '');
      busy(false);
    }).catch(function (err) {
      bar.hidden = true;
      status('检查失败：' + err.message);
      busy(false);
    });
  }

  // Re-checks every loaded form together, so cross-document rules see them all.
  function recheckAll() {
    var withModel = state.docs.filter(function (d) { return d.model; });
    if (!withModel.length) return Promise.resolve();
    var seq = ++state.seq;
    var inputs = withModel.map(function (d) { return { path: d.path, text: JSON.stringify(A.modelWith(d)) }; });
    return FormCheck._request('check', { inputs: inputs, options: { details: true, model: false } }).then(function (r) {
      if (seq !== state.seq) return;  // a newer edit superseded this check
      state.checkError = null;
      r.files.forEach(function (file, i) {
        file.model = withModel[i].model;
        file.rechecked = true;
        withModel[i].result = file;
      });
    }, function (err) {
      if (seq !== state.seq) return;
      state.checkError = err;
      withModel.forEach(function (d) { d.result = failedResult(d, err); });
    });
  }

  var recheckSoon = debounce(function () {
    recheckAll().then(function () {
      renderFindings(); renderBatch(); save();
      var doc = activeDoc();
      if (state.checkError) status('重新检查失败：' + state.checkError.message);
      else status(doc ? '已重新检查：' + summaryText(summaryOf(doc)) : '');
    }).then(function () {
      if (pendingEdit) { pendingEdit = false; busy(false); }
    }, function (err) {
      status('重新检查失败：' + err.message);
      if (pendingEdit) { pendingEdit = false; busy(false); }
    });
  }, 350);

  // ------------------------------------------------------------ rendering

  function render() {
    renderBatch();
    renderForm();
    renderFindings();
  }

  function renderBatch() {
    var body = clear($('batch-body'));
    var docs = state.docs.map(function (d, i) { return { doc: d, index: i, s: summaryOf(d) }; });
    var key = state.sort.key, dir = state.sort.dir;
    docs.sort(function (a, b) {
      var x = key === 'path' ? a.doc.path : a.s[key], y = key === 'path' ? b.doc.path : b.s[key];
      return (x < y ? -1 : x > y ? 1 : a.index - b.index) * dir;
    });
    docs.forEach(function (e) {
      var m = e.doc.model || {};
      body.appendChild(h('tr', { class: e.index === state.active ? 'current' : null },
        h('td', null, h('button', { class: 'link', type: 'button', text: e.doc.path,
          'aria-label': '打开 ' + e.doc.path, onclick: function () { open(e.index); } })),
        h('td', { text: F.kindName(m.kind, true) || '未识别' }),
        h('td', { text: m.unit || '' }), h('td', { text: m.year || '' }),
        h('td', { class: e.s.errors ? 'num bad' : 'num', text: String(e.s.errors) + (e.s.acceptedErrors ? '（已说明 ' + e.s.acceptedErrors + '）' : '') }),
        h('td', { class: 'num', text: String(e.s.warnings) + (e.s.acceptedWarnings ? '（已说明 ' + e.s.acceptedWarnings + '）' : '') }), h('td', { class: 'num', text: String(e.s.infos) })));
    });
    $('batch').hidden = state.docs.length < 2;
    $('batch-count').textContent = state.docs.length + ' 个文件';
  }

  function open(i) {
    state.active = i;
    render();
    $('form-title').focus();
  }

  function renderForm() {
    var doc = activeDoc();
    var root = clear($('form-view'));
    $('empty').hidden = !!doc && !state.showPaste;
    $('workspace').hidden = !doc;
    if (!doc) return;
    var m = doc.model;
    root.appendChild(h('h2', { id: 'form-title', tabindex: '-1', text: (doc.path || '') + (m ? '：' + F.kindName(m.kind) : '：未能识别') }));
    if (doc.item) root.appendChild(FormCheckFamily.render({ h: h, kind: m ? m.kind : '', chosen: doc.family, findings: findingsOf(doc),
      packs: F.packs, onChoose: function (form, profile) { chooseFamily(doc, form, profile); } }));
    if (!m) {
      root.appendChild(h('p', { class: 'hint', text: '未能识别表单内容，详见右侧问题列表。' }));
      return;
    }
    root.appendChild(h('p', { class: 'hint pack', id: 'applied-pack', text: packName(doc) ? '规则包：' + packName(doc) : '' }));
    var inferredNote = FormCheckFamily.inferred({ h: h, model: m });
    if (inferredNote) root.appendChild(inferredNote);
    // 结构化表单 (the model, editable) or 原表 (the table as given, with what each row became).
    var tabs = h('div', { class: 'view-tabs', role: 'tablist', 'aria-label': '显示方式' });
    [['form', '结构化表单'], ['source', '原表']].forEach(function (v) {
      tabs.appendChild(h('button', { type: 'button', role: 'tab', id: 'view-' + v[0], 'aria-selected': String(state.view === v[0]),
        class: 'tab' + (state.view === v[0] ? ' current' : ''), text: v[1],
        onclick: function () { state.view = v[0]; renderForm(); markCells(); } }));
    });
    root.appendChild(tabs);
    if (state.view === 'source') {
      root.appendChild(FormCheckSource.render({ h: h, grid: doc.sourceGrid, source: doc.source, model: m, findings: findingsOf(doc),
        hints: doc.hints, changed: doc.changed, onHint: doc.item ? function (kind, key, value) { setHint(doc, kind, key, value); } : null }));
      return;
    }
    var header = h('div', { class: 'fields', id: 'section-header' });
    var project = m.kind === 'project_target' || m.kind === 'project_selfeval';
    if (project) header.appendChild(field('项目名称', input('header', -1, 'project_name', m.project_name, function (v) { m.project_name = v; })));
    header.appendChild(field(project ? '实施单位' : '单位名称', input('header', -1, 'unit', m.unit, function (v) { m.unit = v; })));
    header.appendChild(field('年度', input('header', -1, 'year', m.year, function (v) { m.year = v; })));
    root.appendChild(header);
    var texts = h('div', { class: 'fields texts', id: 'section-texts' });
    F.TEXTS[m.kind].forEach(function (t) {
      var ta = h('textarea', { id: cellId('texts', -1, t[0]), rows: '2', 'aria-label': t[1] });
      ta.value = (m.texts && m.texts[t[0]]) || '';
      var setText = function (v) { m.texts = m.texts || {}; m.texts[t[0]] = v; };
      ta.addEventListener('input', function () { setText(ta.value); edited(); });
      undoable(ta, setText);
      texts.appendChild(field(t[1], ta));
    });
    root.appendChild(texts);
    F.SECTIONS[m.kind].forEach(function (s) { root.appendChild(sectionTable(m, F.shown(m, s))); });
    if (m.kind === 'project_selfeval') {
      var total = h('div', { class: 'fields', id: 'section-total' });
      total.appendChild(field('总分', input('header', -1, 'total_score', m.total_score, function (v) { m.total_score = v; })));
      root.appendChild(total);
    }
    markCells();
  }

  function field(label, control) {
    var id = control.id;
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), control);
  }

  function input(section, index, key, value, set) {
    var el = h('input', { id: cellId(section, index, key), type: 'text', autocomplete: 'off', spellcheck: 'false' });
    el.value = value || '';
    el.addEventListener('input', function () { set(el.value); edited(); });
    undoable(el, set);
    return el;
  }

  // A cell for names and sentences: its text wraps (CSS field-sizing where the
  // browser has it; elsewhere it grows to its text while the clerk works in it).
  function wrapping(section, index, key, value, set) {
    var el = h('textarea', { id: cellId(section, index, key), rows: '1', class: 'wrap', spellcheck: 'false' });
    el.value = value || '';
    el.addEventListener('input', function () { set(el.value); edited(); grow(); });
    function grow() { if (!SIZES_TO_CONTENT) { el.style.height = 'auto'; el.style.height = el.scrollHeight + 'px'; } }
    el.addEventListener('focus', grow);
    undoable(el, set);
    return el;
  }
  var SIZES_TO_CONTENT = typeof CSS !== 'undefined' && CSS.supports && CSS.supports('field-sizing', 'content');

  // A field's edit becomes one undo step when the clerk leaves the field.
  function undoable(el, set) {
    el.addEventListener('focus', function () { el.dataset.before = el.value; });
    el.addEventListener('change', function () {
      var before = el.dataset.before || '', after = el.value, doc = activeDoc(), id = el.id;
      el.dataset.before = after;
      if (before === after) return;
      history.push(valueStep('修改', doc, id, set, before, after));
    });
  }

  // A step that sets one value back and forth (an edit, an applied fix).
  function valueStep(label, doc, id, set, before, after) {
    function to(v) {
      if (!showDoc(doc)) return;
      set(v);
      var el = $(id);
      if (el) { el.value = v; el.dataset.before = v; }
      edited();
    }
    return { label: label, undo: function () { to(before); }, redo: function () { to(after); } };
  }

  // Brings `doc` to the front for an undo step; false when it is gone.
  function showDoc(doc) {
    var i = state.docs.indexOf(doc);
    if (i < 0) return false;
    if (i !== state.active) open(i);
    doc.pristine = false;
    return true;
  }

  // A step that swaps a table's rows (row added, block pasted).
  function rowsStep(label, doc, rows, before, after) {
    function to(list) {
      if (!showDoc(doc)) return;
      rows.length = 0;
      list.forEach(function (r) { rows.push(JSON.parse(JSON.stringify(r))); });
      renderForm();
      edited();
    }
    return { label: label, undo: function () { to(before); }, redo: function () { to(after); } };
  }

  function copyRows(rows) { return JSON.parse(JSON.stringify(rows)); }

  function undo(redo) {
    var step = redo ? history.redo() : history.undo();
    status(step ? (redo ? '已重做：' : '已撤销：') + step.label : (redo ? '没有可重做的操作。' : '没有可撤销的操作。'));
  }

  function sectionTable(m, s) {
    var rows = F.rows(m, s.key);
    var table = h('table', { class: 'grid', 'aria-label': s.title, 'data-section': s.key });
    FormCheckGrid.attach(table, { onBlock: function (el, block) { pasteBlock(m, s, rows, el, block); } });
    table.appendChild(h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'rownum', text: '#' }),
      s.columns.map(function (c) { return h('th', { scope: 'col', class: 'c-' + c[0], text: c[1] }); }))));
    var body = h('tbody');
    table.appendChild(body);
    // Large forms render in chunks so the page stays responsive while they appear.
    var i = 0;
    function chunk() {
      var end = Math.min(rows.length, i + RENDER_CHUNK);
      var frag = document.createDocumentFragment();
      for (; i < end; i++) frag.appendChild(tableRow(s, rows, i));
      var boxes = frag.querySelectorAll('textarea.wrap');
      body.appendChild(frag);
      FormCheckGrid.fit(boxes);
      markCells();
      if (i < rows.length) setTimeout(chunk, 0);
    }
    chunk();
    var add = h('button', { type: 'button', class: 'small', text: '＋ 添加一行',
      onclick: function () {
        var before = copyRows(rows);
        rows.push(F.blankRow(s.key));
        body.appendChild(tableRow(s, rows, rows.length - 1));
        history.push(rowsStep('添加一行', activeDoc(), rows, before, copyRows(rows)));
        edited();
      } });
    return h('section', { class: 'table-section', id: 'section-' + s.key.replace('.', '-') },
      h('h3', { text: s.title + '（' + rows.length + ' 行）' }), h('div', { class: 'scroll' }, table), add);
  }

  function tableRow(s, rows, i) {
    var r = rows[i];
    // The row's own label (资金总额, an indicator's name) makes the cell's name say where it is.
    var rowLabel = r.name || r.category || r.duty || r.level1 || '';
    return h('tr', null, h('td', { class: 'rownum', text: String(i + 1) }), s.columns.map(function (c) {
      var wide = WIDE_COLUMNS.test(c[0]) || WRAP_SECTIONS.test(s.key);
      var set = function (v) { r[c[0]] = v; };
      var el = wide ? wrapping(s.key, i, c[0], r[c[0]], set) : input(s.key, i, c[0], r[c[0]], set);
      el.setAttribute('aria-label', s.title + ' 第' + (i + 1) + '行' + (rowLabel && c[0] !== 'name' ? ' ' + rowLabel : '') + ' ' + c[1]);
      if (wide && r[c[0]] && r[c[0]].length > 12) el.title = r[c[0]];  // the whole name on hover
      return h('td', { class: 'c-' + c[0] + (wide ? ' wide' : '') }, el);
    }));
  }

  // A block copied from Excel/WPS fills the cells from `el` right and down,
  // adding rows as needed; one undo step.
  function pasteBlock(m, s, rows, el, block) {
    var p = FormCheckGrid.position(el);
    if (!p) return;
    var before = copyRows(rows), col = p.col - 1;  // the first cell is the row number
    block.forEach(function (cells, r) {
      var i = p.row + r;
      while (rows.length <= i) rows.push(F.blankRow(s.key));
      cells.forEach(function (v, c) {
        var column = s.columns[col + c];
        if (column) rows[i][column[0]] = v.trim();
      });
    });
    var doc = activeDoc();
    if (doc) doc.pristine = false;
    history.push(rowsStep('粘贴 ' + block.length + ' 行', doc, rows, before, copyRows(rows)));
    renderForm();
    var first = $(cellId(s.key, p.row, s.columns[col][0]));
    if (first) first.focus();
    status('已粘贴 ' + block.length + ' 行 × ' + block[0].length + ' 列。');
    edited();
  }

  var marked = [];
  function markCells() {
    marked.forEach(function (id) {
      var el = $(id);
      if (el) { el.classList.remove('sev-error', 'sev-warning', 'sev-info', 'applied-fix', 'accepted'); el.removeAttribute('aria-invalid'); el.removeAttribute('title'); }
    });
    marked = [];
    var doc = activeDoc();
    if (!doc) return;
    var rank = { error: 3, warning: 2, info: 1 };
    var best = {};
    var said = {};
    findingsOf(doc).forEach(function (f) {
      var id = targetId(f);
      if (!id) return;
      if (f.accepted) { (said[id] = said[id] || []).push('已说明：' + f.message + '（说明：' + f.accepted.reason + '）'); return; }
      if (!best[id] || rank[f.severity] > rank[best[id].severity]) best[id] = { severity: f.severity, messages: [] };
      best[id].messages.push(f.message);
    });
    Object.keys(best).forEach(function (id) {
      var el = $(id);
      if (!el) return;
      el.classList.add('sev-' + best[id].severity);
      if (best[id].severity === 'error') el.setAttribute('aria-invalid', 'true');
      el.setAttribute('title', best[id].messages.join('\n'));
      marked.push(id);
    });
    Object.keys(said).forEach(function (id) {
      var el = $(id);
      if (!el || best[id]) return;
      el.classList.add('accepted');
      el.setAttribute('title', said[id].join('\n'));
      marked.push(id);
    });
    A.pending(doc).forEach(function (a) {
      var id = targetId({ location: a });
      var el = id && $(id);
      if (!el) return;
      el.classList.add('applied-fix');
      el.setAttribute('title', (el.getAttribute('title') ? el.getAttribute('title') + '\n' : '') + '已按建议修改（原值 ' + (a.before || '空') + '），待确认');
      if (marked.indexOf(id) < 0) marked.push(id);
    });
  }

  function targetId(f) {
    var l = f.location;
    if (l.section === 'header') return cellId('header', -1, l.field);
    if (l.section === 'texts') return cellId('texts', -1, l.field);
    if (l.index >= 0) return cellId(l.section, l.index, l.field || 'name');
    return null;
  }

  function renderFindings() {
    var doc = activeDoc();
    var list = clear($('findings'));
    var calc = clear($('calculations'));
    if (!doc) { $('summary').textContent = ''; return; }
    var s = summaryOf(doc);
    $('summary').textContent = doc.pristine ? '空白表单：开始填写后显示检查结果。' : summaryText(s);
    var pack = $('applied-pack');
    if (pack) pack.textContent = packName(doc) ? '规则包：' + packName(doc) : '';
    $('summary').className = 'summary ' + (s.errors ? 'bad' : s.warnings ? 'warn' : 'ok');
    var every = findingsOf(doc), all = A.open(every), said = A.accepted(every);
    var applied = FormCheckFixes.panel(doc, h, function (i) {
      A.confirm(doc, i);
      renderFindings();
      renderBatch();
      save();
    });
    if (applied) list.appendChild(applied);
    ['error', 'warning', 'info'].forEach(function (sev) {
      var group = all.filter(function (f) { return f.severity === sev; });
      if (!group.length) return;
      var sectionGroups = {};
      group.forEach(function (f) { (sectionGroups[f.location.section] = sectionGroups[f.location.section] || []).push(f); });
      var ul = h('ul', { class: 'finding-list', role: 'list' });
      Object.keys(sectionGroups).forEach(function (sec) {
        ul.appendChild(h('li', { class: 'group', role: 'presentation', text: SECTION_LABEL[sec] || sec }));
        // Many import.* infos of one rule become one group row (findings-group.js).
        FormCheckFindingsGroup.append(ul, sectionGroups[sec], function (f) { return findingItem(doc, f); }, h, ruleTitle);
      });
      list.appendChild(h('section', { class: 'sev-group sev-' + sev, 'aria-label': SEVERITY_LABEL[sev] },
        h('h3', { text: SEVERITY_LABEL[sev] + '（' + group.length + '）' }), ul));
    });
    if (said.length) {
      // Accepted findings (已说明): listed with their reasons, not counted as open.
      var sl = h('ul', { class: 'finding-list', role: 'list' });
      said.forEach(function (f) { sl.appendChild(findingItem(doc, f)); });
      list.appendChild(h('section', { class: 'sev-group accepted-group', 'aria-label': '已说明' },
        h('h3', { text: '已说明（' + said.length + '）' }), sl));
    }
    if (!every.length) list.appendChild(h('p', { class: 'ok', text: '没有发现问题。' }));
    var r = doc.result || {};
    if (r.calculations && r.calculations.length) {
      var t = h('table', { class: 'calc', 'aria-label': '计算核对' },
        h('thead', null, h('tr', null, h('th', { text: '项目' }), h('th', { text: '填报' }), h('th', { text: '计算' }), h('th', { text: '结果' }))));
      var tb = h('tbody');
      r.calculations.forEach(function (c) {
        var label = { ok: '一致', rounding: '舍入差异', truncation: '截尾差异', mismatch: '不一致' }[c.status] || c.status;
        tb.appendChild(h('tr', { class: 'calc-' + c.status }, h('td', { text: c.label }), h('td', { text: c.reported }),
          h('td', { text: c.computed }), h('td', { text: label })));
      });
      t.appendChild(tb);
      calc.appendChild(h('h3', { text: '计算核对（填报值与计算值）' }));
      calc.appendChild(t);
    }
    if (r.score) {
      calc.appendChild(FormCheckScoreView.render(r.score, h, function (index) {
        focusCell({ location: { section: 'evaluation', index: index, field: 'actual' } });
      }));
    }
    markCells();
  }

  function findingItem(doc, f) {
    var li = h('li', { class: 'finding sev-' + f.severity + (f.accepted ? ' accepted' : '') });
    if (f.accepted) {
      li.appendChild(h('div', { class: 'accepted-note' }, h('strong', { text: '已说明' + (f.severity === 'error' ? '的错误' : '的警告') + '：' }),
        h('span', { class: 'reason', text: f.accepted.reason || '（未写理由）' })));
    }
    var go = h('button', { type: 'button', class: 'finding-go', 'aria-label': SEVERITY_LABEL[f.severity] + '：' + f.message + '（转到单元格）',
      onclick: function () { focusCell(f); } },
    h('span', { class: 'where', text: f.location.label + (f.location.cell ? '（' + f.location.cell + '）' : f.location.line ? '（第 ' + f.location.line + ' 行）' : '') }),
    h('span', { class: 'msg', text: f.message }));
    li.appendChild(go);
    var values = FormCheckFixes.values(f, h);
    if (values) li.appendChild(values);
    if (f.fix) li.appendChild(h('div', { class: 'fix', text: '建议：' + f.fix }));
    var tools = h('div', { class: 'tools' });
    tools.appendChild(h('button', { type: 'button', class: 'link rule-link', 'data-rule': f.rule, 'aria-label': '规则说明：' + ruleTitle(f.rule) + '（' + f.rule + '）',
      onclick: function () { showRule(f.rule); } }, ruleTitle(f.rule), h('small', { class: 'rule-id', text: ' ' + f.rule })));
    // The fix search's certain change is one click; its candidates are picked by the clerk.
    if (doc.model) {
      FormCheckFixes.tools(f, h, { fixable: ruleFixable, apply: function (changes) { applyFix(doc, changes, f.rule); } })
        .forEach(function (el) { tools.appendChild(el); });
    }
    if (doc.model) acceptTools(doc, f, li, tools);
    li.appendChild(tools);
    return li;
  }

  // 说明 on an open warning or error (a reason is required for an error),
  // 撤销说明 on an accepted one, 删除说明 on a statement that no longer matches.
  function acceptTools(doc, f, li, tools) {
    function checkAgain(message) {
      busy(true);
      status(message);
      recheckAll().then(function () { renderFindings(); renderBatch(); save(); busy(false); });
    }
    // Each change of the form's statements is one undo step (Ctrl+Z / Ctrl+Y).
    function edit(mutate, message, label) {
      var before = A.of(doc).accepted.slice();
      mutate();
      var after = A.of(doc).accepted.slice();
      function to(list) {
        if (!showDoc(doc)) return;
        A.of(doc).accepted = list.slice();
        checkAgain(message);
      }
      history.push({ label: label, undo: function () { to(before); }, redo: function () { to(after); } });
      checkAgain(message);
    }
    if (f.rule === 'accept.unmatched') {
      tools.appendChild(h('button', { type: 'button', class: 'small unaccept', text: '删除说明', 'aria-label': '删除说明：' + f.location.label,
        onclick: function () { edit(function () { A.unaccept(doc, f); }, '已删除说明。', '删除说明'); } }));
      return;
    }
    if (!A.acceptable(f)) return;
    if (f.accepted) {
      tools.appendChild(h('button', { type: 'button', class: 'small unaccept', text: '撤销说明', 'aria-label': '撤销说明：' + f.location.label,
        onclick: function () { edit(function () { A.unaccept(doc, f); }, '已撤销说明：' + f.location.label, '撤销说明'); } }));
      return;
    }
    tools.appendChild(h('button', { type: 'button', class: 'small accept', text: '说明', 'aria-label': '说明：' + f.message,
      onclick: function () {
        if (li.querySelector('.accept-form')) return;
        var reason = h('textarea', { class: 'accept-reason', rows: '2', 'aria-label': '说明理由',
          placeholder: f.severity === 'error' ? '必填：为什么这一错误可以保留（如本市的舍入惯例、表外安排的资金）' : '说明理由（如本市的舍入惯例）' });
        var note = h('p', { class: 'note', role: 'status' });
        var form = h('div', { class: 'accept-form' }, reason, note,
          h('button', { type: 'button', class: 'small accept-save', text: '保存说明', onclick: function () {
            var text = reason.value.trim();
            if (f.severity === 'error' && !text) { note.textContent = '错误必须写明说明理由。'; reason.focus(); return; }
            edit(function () { A.accept(doc, f, text); }, '已说明：' + f.location.label, '说明');
          } }),
          h('button', { type: 'button', class: 'small', text: '取消', onclick: function () { form.remove(); } }));
        li.appendChild(form);
        reason.focus();
      } }));
  }

  function focusCell(f) {
    if (state.view === 'source' && f.location && f.location.line) {
      var src = $(FormCheckSource.cellId(f.location.line, f.location.col || 1));
      if (src) {
        src.scrollIntoView({ block: 'center' });
        src.focus();
        src.classList.add('flash');
        setTimeout(function () { src.classList.remove('flash'); }, 1200);
        return;
      }
    }
    var id = targetId(f);
    var el = id && $(id);
    if (!el) {
      var sec = $('section-' + f.location.section.replace('.', '-'));
      if (sec) { sec.scrollIntoView({ block: 'start' }); sec.setAttribute('tabindex', '-1'); sec.focus(); }
      return;
    }
    el.scrollIntoView({ block: 'center' });
    el.focus();
    el.classList.add('flash');
    setTimeout(function () { el.classList.remove('flash'); }, 1200);
  }

  // Sets each cell of `changes` ([{ location, value }], FormCheckFixes.changesOf)
  // and keeps the change marked as applied until the clerk confirms it.
  function applyFix(doc, changes, rule) {
    var done = [], el = null;
    changes.forEach(function (c) {
      var loc = c.location;
      var at = { location: loc };
      var row = F.rows(doc.model, loc.section)[loc.index];
      if (!row) return;
      var field = loc.field || 'name', before = row[field] || '';
      row[field] = c.value;
      history.push(valueStep('应用修改', doc, targetId(at), function (v) { row[field] = v; }, before, c.value));
      var cell = $(targetId(at));
      if (cell) cell.value = c.value;
      el = el || cell;
      done.push({ location: loc, value: c.value, before: before });
    });
    if (!done.length) return;
    A.record(doc, done, rule);
    status('已按建议修改：' + done.map(function (c) { return '“' + c.location.label + '”改为 ' + c.value; }).join('，') + '（待确认）');
    busy(true);
    recheckAll().then(function () { renderFindings(); renderBatch(); save(); if (el) el.focus(); busy(false); });
  }

  // Whether a rule's `expected` may be written into its cell (rule metadata, FORMCHECK_RULES).
  function ruleFixable(id) {
    for (var i = 0; i < state.rules.length; i++) if (state.rules[i].id === id) return !!state.rules[i].fixable;
    return false;
  }

  function edited() {
    var d = activeDoc();
    if (d) d.pristine = false;
    status('已修改，正在重新检查…');
    if (!pendingEdit) { pendingEdit = true; busy(true); }
    recheckSoon();
  }
  var pendingEdit = false;

  // ------------------------------------------------------------ rules docs

  function showRule(id) {
    var base = id.replace(/\.rounding$/, '');
    openRules();
    var target = $('rule-' + id) || $('rule-' + base);
    if (target) { target.scrollIntoView({ block: 'start' }); target.focus(); }
  }

  function renderRules() {
    var list = clear($('rules-list'));
    state.rules.forEach(function (r) {
      list.appendChild(h('article', { id: 'rule-' + r.id, tabindex: '-1', class: 'rule' },
        h('h3', null, h('code', { text: r.id }), ' ', r.title),
        h('p', { class: 'meta', text: SEVERITY_LABEL[r.severity] + ' · ' + r.description }),
        h('p', { class: 'rule-docs', id: 'rule-docs-' + r.id, text: r.docs })));
    });
  }

  // The long documentation is read when the dialog first opens (FormCheck.rules()).
  var ruleDocsRead = false;
  function openRules() {
    var dialog = $('rules-dialog');
    if (!ruleDocsRead) {
      ruleDocsRead = true;
      FormCheck.rules().then(function (all) {
        all.forEach(function (r) { var p = $('rule-docs-' + r.id); if (p) p.textContent = r.docs; });
      });
    }
    if (!dialog.open) dialog.showModal();
  }

  // ------------------------------------------------------------ input

  function pasteCheck() {
    var text = $('paste').value;
    if (!text.trim()) { status('请先粘贴表格内容。'); return; }
    state.showPaste = false;
    $('paste').value = '';
    loadItems([{ path: '粘贴内容', text: text }]);
  }

  function showPaste() {
    state.showPaste = true;
    $('empty').hidden = false;
    $('paste').focus();
  }

  // Ctrl+V anywhere outside a form field checks the clipboard's table.
  function onPaste(e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    var text = e.clipboardData && e.clipboardData.getData('text/plain');
    if (!text || !text.trim()) return;
    e.preventDefault();
    loadItems([{ path: '粘贴内容', text: text }]);
  }

  // 新建 asks for the region's template (rule pack) and the year.
  var newKind = null;
  function askNew(kind) {
    newKind = kind;
    var select = clear($('new-pack'));
    F.packs(kind).forEach(function (p) { select.appendChild(h('option', { value: p.id, text: p.name })); });
    $('new-year').value = String(new Date().getFullYear());
    $('new-title').textContent = '新建' + F.kindName(kind);
    $('new-dialog').showModal();
  }

  // ------------------------------------------------------------ reading hints (原表 view)

  // Column roles are the template's: remembered on this computer for forms of the same pack and title.
  function templateKey(doc) {
    var m = doc.model || {};
    return 'formcheck.columns.' + ((doc.result && doc.result.profile) || '') + '.' + (m.title || '');
  }
  function rememberedColumns(doc) {
    try { return JSON.parse(localStorage.getItem(templateKey(doc)) || 'null'); } catch (e) { return null; }
  }

  // A statement re-reads the form: every row whose reading changed is listed
  // (not only the one the clerk set), and one undo step takes it all back.
  function setHint(doc, kind, key, value) {
    var before = readingState(doc);
    doc.hints = JSON.parse(JSON.stringify(doc.hints || { columns: {}, level1: {} }));
    if (value) doc.hints[kind][key] = value;
    else delete doc.hints[kind][key];
    if (kind === 'columns') rememberColumns(doc);
    reread(doc, '', false, function () {
      doc.changed = FormCheckSource.changed(kind, key, value, readingsOf(before), readingsOf(doc));
      var after = readingState(doc);
      history.push({ label: doc.changed.what, undo: function () { toReading(doc, before); }, redo: function () { toReading(doc, after); } });
      return doc.changed.message;
    });
  }
  function rememberColumns(doc) {
    try { localStorage.setItem(templateKey(doc), JSON.stringify((doc.hints || {}).columns || {})); } catch (e) { /* private mode */ }
  }
  function readingState(doc) {
    return { hints: doc.hints, model: doc.model, result: doc.result, importFindings: doc.importFindings, sourceGrid: doc.sourceGrid,
      source: doc.source, changed: doc.changed };
  }
  function readingsOf(s) { return FormCheckSource.readings(s.model, s.importFindings, s.source && s.source.fates); }
  function toReading(doc, s) {
    if (!showDoc(doc)) return;
    Object.keys(s).forEach(function (k) { doc[k] = s[k]; });
    rememberColumns(doc);
    (state.docs.length > 1 ? recheckAll() : Promise.resolve()).then(function () { render(); save(); });
  }

  // The 表单类型 / 规则包 chooser (family-chooser.js): read again as the chosen family, checked with the chosen pack.
  function chooseFamily(doc, form, profile) {
    doc.family = { form: form, profile: profile };
    doc.hints = doc.hints || { columns: {}, level1: {} };
    if (form) doc.hints.form = form;
    else delete doc.hints.form;
    reread(doc, '已按所选表单类型重新读取。');
  }

  // A later check of the model (an edit, a batch) chooses its pack by the
  // model's region, as the core does for any model JSON: the chosen pack's
  // region makes that choice the clerk's.
  function keepChosenPack(doc) {
    var id = doc.family && doc.family.profile;
    if (!id || !doc.model) return;
    F.packs(doc.model.kind).forEach(function (p) { if (p.id === id) doc.model.region = p.region; });
  }

  function applyRememberedColumns(doc) {
    var cols = doc.model && doc.model.kind === 'target' && rememberedColumns(doc);
    if (!cols || !Object.keys(cols).length) return Promise.resolve();
    doc.hints = { columns: cols, level1: {} };
    return reread(doc, '已按本机记住的列设置读取（原表视图中可更改）。', true);
  }

  // Reads the document's input again with its hints and checks it; done(),
  // when given, runs before the page is drawn and says the status message.
  function reread(doc, message, quiet, done) {
    if (!doc.item) return Promise.resolve();
    if (!quiet) busy(true);
    return FormCheck.checkMany([doc.item], { model: true, details: true, grid: true, hints: doc.hints,
      profile: (doc.family && doc.family.profile) || undefined }).then(function (r) {
      var file = r.files[0];
      doc.model = file.model || null;
      doc.result = file;
      keepChosenPack(doc);
      A.adopt(doc);
      FormCheckSource.keep(doc, file);
      // Read again with the clerk's statements: that is the reading edits are measured from.
      if (doc.workbook && file.source_sheets && doc.model) {
        doc.workbook.sheets = file.source_sheets;
        doc.workbook.original = JSON.parse(JSON.stringify(doc.model));
      }
      delete file.source_sheets;
      doc.importFindings = doc.model ? file.findings.filter(function (f) { return f.rule.indexOf('import.') === 0; }) : null;
      return state.docs.length > 1 ? recheckAll() : null;
    }).then(function () {
      if (quiet) return;
      if (done) message = done();
      render();
      save();
      status(message);
      busy(false);
    }, function (err) {
      status('重新读取失败：' + err.message);
      if (!quiet) busy(false);
    });
  }

  function newForm(kind, packId, year) {
    var model = F.template(kind, year, packId);
    state.docs.push({ path: '新建' + F.kindName(kind, true), model: model, result: null, importFindings: [], pristine: true,
      profile: packId || null });
    state.active = state.docs.length - 1;
    status('已新建' + F.kindName(kind) + (year ? '（' + year + ' 年度）' : '') + '：开始填写后显示检查结果。');
    recheckAll().then(render).then(save);
  }

  // ------------------------------------------------------------ export

  function download(name, blob) {
    var a = h('a', { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function baseName(doc) { return (doc.path || 'form').replace(/\.[^.]+$/, ''); }

  function exportJson() {
    var doc = activeDoc();
    if (!doc || !doc.model) return status('没有可导出的表单。');
    download(baseName(doc) + '.formcheck.json', new Blob([JSON.stringify(A.modelWith(doc), null, 2)], { type: 'application/json' }));
  }

  function exportXlsx() {
    var doc = activeDoc();
    if (!doc || !doc.model) return status('没有可导出的表单。');
    var checked = doc.result && !summaryOf(doc).errors;
    var name = baseName(doc).replace(/#.*$/, '') + (checked ? '-已校对.xlsx' : '-待修改.xlsx');
    // The clerk's own workbook, with the findings in it; the template-shaped
    // sheet for forms that started elsewhere (or when it cannot be written).
    if (doc.workbook && doc.workbook.file && FormCheckWorkbookExport.available()) {
      busy(true);
      return doc.workbook.file.arrayBuffer().then(function (buf) {
        return FormCheckWorkbookExport.annotate(new Uint8Array(buf), { findings: findingsOf(doc), original: doc.workbook.original,
          model: doc.model, sheets: doc.workbook.sheets, applied: A.pending(doc) });
      }).then(function (bytes) {
        download(name, new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        status('已导出原工作簿（问题写在单元格批注中）：' + name);
        busy(false);
      }, function (err) {
        busy(false);
        status('不能在原工作簿上标注（' + err.message + '），已按模板导出。');
        exportTemplateXlsx(doc);
      });
    }
    exportTemplateXlsx(doc);
  }

  function exportTemplateXlsx(doc) {
    // Named for what it is: only a form without open errors is “已校对”.
    var sheet = F.toSheet(doc.model);
    if (packName(doc)) sheet.layout.footer = '规则包：' + packName(doc);  // printed on every page, not a cell
    // Changes applied from the suggestions and not yet confirmed, listed under the form.
    var applied = A.appliedRows(doc), said = A.acceptedRows(findingsOf(doc));
    if (said.length) {
      sheet.rows.push([]);
      sheet.rows.push(['已说明的问题', '严重程度', '规则', '问题', '说明']);
      said.forEach(function (r) { sheet.rows.push(r); });
    }
    if (applied.length) {
      sheet.rows.push([]);
      sheet.rows.push(['已按建议修改（待确认）', '位置', '原值', '修改后']);
      applied.forEach(function (r) { sheet.rows.push(['已按建议修改'].concat(r)); });
    }
    var checked = doc.result && !summaryOf(doc).errors;
    download(baseName(doc) + (checked ? '-已校对.xlsx' : '-待修改.xlsx'), FormCheckOffice.writeXlsx(sheet.rows, '表单', sheet.layout));
  }

  // Spreadsheet apps run cells that start with = + - @ as formulas: neutralise them.
  function csvCell(v) {
    var s = String(v == null ? '' : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  function exportCsv() {
    var doc = activeDoc();
    if (!doc) return status('没有可导出的问题。');
    download(baseName(doc) + '-问题清单.csv', new Blob([csvText(doc)], { type: 'text/csv' }));
  }

  function csvText(doc) {
    // 已说明 (the last column): the reason a finding was accepted; it is then not open.
    var lines = [['规则包：' + packName(doc)], ['规则', '严重程度', '位置', '行', '说明', '应为', '填报', '修改建议', '已说明']];
    findingsOf(doc).forEach(function (f) {
      lines.push([f.rule, SEVERITY_LABEL[f.severity], f.location.label, f.location.cell || f.location.line || '', f.message,
        f.implied ? '按勾稽关系推算为 ' + f.implied : f.expected, f.actual, f.fix, f.accepted ? '已说明：' + f.accepted.reason : '']);
    });
    var applied = A.appliedRows(doc);
    if (applied.length) {
      lines.push([]);
      lines.push(['已按建议修改（待确认）', '位置', '原值', '修改后']);
      applied.forEach(function (r) { lines.push(['已按建议修改'].concat(r)); });
    }
    return '\ufeff' + lines.map(function (l) { return l.map(csvCell).join(','); }).join('\r\n') + '\r\n';
  }

  function printReport() {
    var doc = activeDoc();
    if (!doc) return status('没有可打印的检查结果。');
    buildReport(doc);
    window.print();
  }

  // The printed report: every loaded form (a batch prints as one report), the active one first.
  function buildReport(doc) {
    var list = [doc].concat(state.docs.filter(function (d) { return d !== doc; }));
    FormCheckReport.build($('report'), {
      h: h,
      titleOf: ruleTitle,
      docs: list.map(function (d) {
        return { doc: d, findings: A.open(findingsOf(d)), summaryText: summaryText(summaryOf(d)), packName: packName(d),
          kindName: d.model ? F.kindName(d.model.kind) : '', applied: A.appliedRows(d), accepted: A.acceptedRows(findingsOf(d)) };
      }),
    });
  }

  // A rule's Chinese title ("资金总额与收入合计"), its id when the catalog lacks it.
  function ruleTitle(id) {
    var base = id.replace(/\.rounding$/, '');
    for (var i = 0; i < state.rules.length; i++)
      if (state.rules[i].id === base) return state.rules[i].title + (base !== id ? '（截尾）' : '');
    return id;
  }

  // ------------------------------------------------------------ autosave

  var DB = 'formcheck', STORE = 'drafts';
  function db() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) return reject(new Error('no indexedDB'));
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function withStore(mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction(STORE, mode);
        var out = fn(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(out && out.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  var save = debounce(function () {
    var snapshot = {
      savedAt: Date.now(), active: state.active,
      docs: state.docs.map(function (d) {
        return { path: d.path, model: d.model, importFindings: d.importFindings, result: d.model ? null : d.result,
          sourceGrid: d.sourceGrid && d.sourceGrid.length < 2000000 ? d.sourceGrid : '', annotations: A.save(d),
          source: d.sourceGrid && d.sourceGrid.length < 2000000 ? d.source : null };
      }),
    };
    withStore('readwrite', function (s) { return s.put(snapshot, draftKey); }).then(function () {
      $('saved').textContent = '草稿已自动保存 ' + new Date().toLocaleTimeString('zh-CN');
    }, function () { $('saved').textContent = '无法自动保存草稿（浏览器禁用了本地存储）'; });
  }, 300);

  // Each tab keeps its own draft (its key lives in sessionStorage, so a reload
  // finds it again): two tabs never overwrite each other's work. A new tab
  // opens the most recent draft (then saves under its own key).
  var draftKey = (function () {
    var k = null;
    try { k = sessionStorage.getItem('formcheck-draft'); } catch (e) { /* storage disabled */ }
    if (!k) {
      k = 'draft-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
      try { sessionStorage.setItem('formcheck-draft', k); } catch (e) { /* storage disabled */ }
    }
    return k;
  })();
  function readDraft() {
    return withStore('readonly', function (s) { return s.get(draftKey); }).then(function (own) {
      if (own) return own;
      return new Promise(function (resolve) {
        withStore('readonly', function (s) {
          var req = s.openCursor(), best = null;
          req.onsuccess = function () {
            var c = req.result;
            if (!c) return resolve(best);
            if (c.value && (!best || c.value.savedAt > best.savedAt)) best = c.value;
            c.continue();
          };
          return req;
        }).catch(function () { resolve(null); });
      });
    }).catch(function () { return null; });
  }

  function restore(snapPromise) {
    return snapPromise.then(function (snap) {
      if (!snap || !snap.docs || !snap.docs.length) return false;
      state.docs = snap.docs.map(function (d) {
        var doc = { path: d.path, model: d.model, importFindings: d.importFindings, result: d.result, sourceGrid: d.sourceGrid || '',
          source: d.source || null };
        A.load(doc, d.annotations, d.applied);  // drafts before the annotations store kept only `applied`
        return doc;
      });
      state.active = Math.min(snap.active, state.docs.length - 1);
      return recheckAll().then(function () { render(); status('已恢复上次的草稿。'); return true; });
    }).catch(function () { return false; });
  }

  // 清空 asks first (an in-page dialog), and can be undone.
  function askClear() {
    if (!state.docs.length) return;
    $('clear-dialog').showModal();
  }

  function clearAll() {
    var saved = { docs: state.docs, active: state.active };
    if (saved.docs.length) history.push({
      label: '清空',
      undo: function () {
        state.docs = saved.docs;
        state.active = saved.active;
        render();
        save();
      },
      redo: function () { clearAll(); },
    });
    state.docs = [];
    state.active = -1;
    ++state.seq;  // a check still running belongs to the forms just cleared
    if (pendingEdit) { pendingEdit = false; busy(false); }
    withStore('readwrite', function (s) { return s.delete(draftKey); }).catch(function () {});
    $('saved').textContent = '';
    render();
    status('已清空。');
  }

  // ------------------------------------------------------------ wiring

  function setupDrop() {
    var zone = document.body;
    zone.addEventListener('dragover', function (e) { e.preventDefault(); document.body.classList.add('dragging'); });
    zone.addEventListener('dragleave', function (e) { if (!e.relatedTarget) document.body.classList.remove('dragging'); });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      document.body.classList.remove('dragging');
      var files = Array.prototype.slice.call(e.dataTransfer.files || []);
      if (files.length) loadItems(files);
    });
  }

  function setupSort() {
    Array.prototype.forEach.call(document.querySelectorAll('#batch th button'), function (b) {
      b.addEventListener('click', function () {
        var key = b.getAttribute('data-sort');
        state.sort = { key: key, dir: state.sort.key === key ? -state.sort.dir : (key === 'path' ? 1 : -1) };
        Array.prototype.forEach.call(document.querySelectorAll('#batch th'), function (th) { th.removeAttribute('aria-sort'); });
        b.parentNode.setAttribute('aria-sort', state.sort.dir > 0 ? 'ascending' : 'descending');
        renderBatch();
      });
    });
  }

  function main() {
    $('file').addEventListener('change', function (e) {
      var files = Array.prototype.slice.call(e.target.files || []);
      e.target.value = '';
      loadItems(files);
    });
    $('open-file').addEventListener('click', function () { $('file').click(); });
    $('check-paste').addEventListener('click', pasteCheck);
    FormCheckGrid.pasteBox($('paste'), pasteCheck);
    $('paste-table').addEventListener('click', showPaste);
    document.addEventListener('paste', onPaste);
    $('new-target').addEventListener('click', function () { askNew('target'); });
    $('new-selfeval').addEventListener('click', function () { askNew('selfeval'); });
    $('new-project-target').addEventListener('click', function () { askNew('project_target'); });
    $('new-project-selfeval').addEventListener('click', function () { askNew('project_selfeval'); });
    $('new-create').addEventListener('click', function () {
      $('new-dialog').close();
      newForm(newKind, $('new-pack').value, $('new-year').value.trim());
    });
    $('new-cancel').addEventListener('click', function () { $('new-dialog').close(); });
    $('export-json').addEventListener('click', exportJson);
    $('export-xlsx').addEventListener('click', exportXlsx);
    $('export-csv').addEventListener('click', exportCsv);
    $('print').addEventListener('click', printReport);
    $('drawer-toggle').addEventListener('click', function () {
      var panel = document.querySelector('.panel');
      var collapsed = panel.classList.toggle('collapsed');
      $('drawer-toggle').textContent = collapsed ? '展开' : '收起';
      $('drawer-toggle').setAttribute('aria-expanded', String(!collapsed));
    });
    $('clear').addEventListener('click', askClear);
    $('clear-confirm').addEventListener('click', function () { $('clear-dialog').close(); clearAll(); });
    $('clear-cancel').addEventListener('click', function () { $('clear-dialog').close(); });
    document.addEventListener('keydown', function (e) {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      var k = e.key.toLowerCase();
      if (k !== 'z' && k !== 'y') return;
      // Inside a field still being edited, the browser's own undo works on its text.
      var t = e.target;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA') && t.value !== (t.dataset.before || '') && t.dataset.before !== undefined) return;
      e.preventDefault();
      undo(k === 'y' || (k === 'z' && e.shiftKey));
    });
    $('cancel').addEventListener('click', function () { FormCheck.cancel(); });
    $('show-rules').addEventListener('click', openRules);
    $('close-rules').addEventListener('click', function () { $('rules-dialog').close(); });
    window.addEventListener('beforeprint', function () { var d = activeDoc(); if (d) buildReport(d); });
    setupDrop();
    setupSort();
    window.FormCheckDiffView.attach({ h: h, docs: function () { return state.docs; }, active: function () { return state.active; }, status: status });
    status('正在加载校验模块…');
    var draft = readDraft();  // in parallel with the module start
    // The catalog comes with the page (FORMCHECK_RULES); the module from the worker.
    Promise.all([FormCheck.ready(), FormCheck.rules({ docs: false })]).then(function (both) {
      $('version').textContent = 'v' + both[0].version;
      state.rules = both[1];
      renderRules();
      return restore(draft);
    }).then(function (restored) {
      if (!restored) status('就绪：打开或拖入表单文件，或粘贴表格内容。所有检查都在本机完成，数据不会离开此电脑。');
      render();
      document.body.setAttribute('data-ready', 'true');
      if (window.performance && performance.mark) performance.mark('formcheck-ready');
    }).catch(function (err) {
      status(err.message);
      document.body.setAttribute('data-ready', 'error');
    });
  }

  window.FormCheckApp = { state: state, open: open, loadItems: loadItems,
    csvText: function () { return activeDoc() ? csvText(activeDoc()) : ''; },
    buildReport: function () { if (activeDoc()) buildReport(activeDoc()); } };
  main();
})();
