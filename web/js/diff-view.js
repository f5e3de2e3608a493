/*
 * diff-view.js — 对比: two loaded versions of one form (the draft and the
 * revision, this year's and last year's) compared by the core
 * (shared/formcheck/form_diff.cpp through FormCheck.diff: the same result as
 * `formcheck diff`). The clerk picks the older and the newer version among the
 * loaded files; the view lists the changes grouped by section, each changed
 * cell old → new, rows added, removed or renamed, and the findings resolved,
 * new and unchanged. The forms are compared as they are now (edits included).
 *
 *   FormCheckDiffView.attach({h, docs(), active(), status(text)})  wires 对比… and its dialog
 *   FormCheckDiffView.render(container, diff, h)                    draws a diff result
 */
/* global FormCheck */
(function (root) {
  'use strict';

  var TYPE = { changed: '修改', added: '新增', removed: '删除', renamed: '改名' };
  var SEVERITY = { error: '错误', warning: '警告', info: '提示' };
  var FINDINGS = [['resolved', '已解决'], ['new', '新出现'], ['unchanged', '未变']];

  function $(id) { return document.getElementById(id); }

  function place(at) {
    if (!at) return '';
    var where = at.cell ? at.cell : at.line ? '第 ' + at.line + ' 行' : '';
    return where ? '（' + (at.version === 'old' ? '旧版' : '') + where + '）' : '';
  }

  // Column titles of a model section, from the page's form layout.
  function titles(section) {
    var out = {}, all = root.FormCheckForms ? root.FormCheckForms.SECTIONS : {};
    Object.keys(all).forEach(function (k) {
      all[k].forEach(function (s) { if (s.key === section) s.columns.forEach(function (c) { out[c[0]] = c[1]; }); });
    });
    return out;
  }

  function valuesText(c) {
    var t = titles(c.section), v = c.values || {};
    return Object.keys(v).map(function (k) { return (t[k] || k) + ' ' + v[k]; }).join('，');
  }

  function summaryText(d) {
    var s = d.summary;
    if (d.equal) return '两个版本相同：没有修改的单元格，检查结果也没有变化（' + s.findings_unchanged + ' 条问题未变）。';
    return '单元格修改 ' + s.changed + ' 处，新增行 ' + s.added + ' 行，删除行 ' + s.removed + ' 行，指标改名 ' + s.renamed +
      ' 个；检查结果：已解决 ' + s.findings_resolved + ' 条，新出现 ' + s.findings_new + ' 条，未变 ' + s.findings_unchanged + ' 条。';
  }

  // A long text (a narrative section) cut, its length said; the cell's
  // tooltip has it whole.
  function cut(text) {
    text = String(text == null ? '' : text);
    var chars = Array.from(text);
    return chars.length > 120 ? chars.slice(0, 120).join('') + '…（共 ' + chars.length + ' 字）' : text;
  }

  function changeRow(c, h) {
    var what = c.type === 'changed' ? (c.row ? c.row + '·' : '') + c.field_title : c.row;
    var was = c.type === 'added' ? '' : c.type === 'removed' ? valuesText(c) : c.old;
    var now = c.type === 'removed' ? '' : c.type === 'added' ? valuesText(c) : c.new;
    return h('tr', { class: 'diff-' + c.type },
      h('td', { text: TYPE[c.type] || c.type }),
      h('td', { text: what + place(c.at) }),
      h('td', { class: 'old', text: cut(was), title: was.length > 120 ? was : null }),
      h('td', { class: 'arrow', text: '→' }),
      h('td', { class: 'new', text: cut(now), title: now.length > 120 ? now : null }));
  }

  function render(container, d, h) {
    while (container.firstChild) container.removeChild(container.firstChild);
    container.appendChild(h('h2', { id: 'diff-title', tabindex: '-1' }, '版本对比 ',
      h('button', { type: 'button', class: 'small', id: 'diff-close', onclick: function () { container.hidden = true; } }, '关闭')));
    container.appendChild(h('p', { class: 'hint', text: '旧版：' + d.old.path + '　新版：' + d.new.path }));
    if (d.family) {
      container.appendChild(h('p', { class: 'bad', text: '表单种类不同：旧版是' + d.family.old_title + '，新版是' +
        d.family.new_title + '；只比较了表头和文字部分。' }));
    }
    container.appendChild(h('p', { class: 'summary', id: 'diff-summary', text: summaryText(d) }));
    var section = null, body = null;
    d.changes.forEach(function (c) {
      if (c.section_title !== section) {
        section = c.section_title;
        body = h('tbody');
        container.appendChild(h('h3', { text: section }));
        container.appendChild(h('table', { class: 'diff-changes', 'data-section': c.section },
          h('thead', null, h('tr', null, ['变化', '位置', '原值', '', '新值'].map(function (t) { return h('th', { scope: 'col', text: t }); }))),
          body));
      }
      body.appendChild(changeRow(c, h));
    });
    if (!d.findings) return;
    FINDINGS.forEach(function (g) {
      var list = d.findings[g[0]];
      if (!list.length) return;
      var box = h('details', { class: 'diff-findings', 'data-group': g[0], open: g[0] !== 'unchanged' },
        h('summary', { text: '检查结果·' + g[1] + ' ' + list.length + ' 条' }),
        h('ul', null, list.map(function (f) {
          return h('li', { class: f.severity },
            '[' + (SEVERITY[f.severity] || f.severity) + '] ' + f.label + place(f.at) + '：' + f.message + ' ',
            h('small', { class: 'rule-id', text: f.rule }));
        })));
      container.appendChild(box);
    });
  }

  function attach(ctx) {
    var dialog = $('diff-dialog');
    function comparable() {
      return ctx.docs().map(function (d, i) { return { doc: d, index: i }; }).filter(function (e) { return e.doc.model; });
    }
    function fill(select, list, chosen) {
      while (select.firstChild) select.removeChild(select.firstChild);
      list.forEach(function (e) {
        var m = e.doc.model;
        select.appendChild(ctx.h('option', { value: String(e.index), selected: e.index === chosen,
          text: e.doc.path + (m.unit || m.year ? '（' + [m.unit, m.year].filter(Boolean).join(' ') + '）' : '') }));
      });
    }
    $('diff-open').addEventListener('click', function () {
      var list = comparable();
      if (list.length < 2) return ctx.status('对比需要两个已识别的表单。');
      // The active form as the newer version and the one loaded before it as
      // the older; when the active one is the first, the first two in order.
      var active = ctx.active(), at = Math.max(1, list.findIndex(function (e) { return e.index === active; }));
      fill($('diff-new'), list, list[at].index);
      fill($('diff-old'), list, list[at - 1].index);
      dialog.showModal();
    });
    $('diff-cancel').addEventListener('click', function () { dialog.close(); });
    // 清空 closes the forms, and so their comparison.
    $('clear-confirm').addEventListener('click', function () { $('diff').hidden = true; });
    $('diff-run').addEventListener('click', function () {
      var pair = $('diff-old').value + '-' + $('diff-new').value;
      var docs = ctx.docs(), older = docs[+$('diff-old').value], newer = docs[+$('diff-new').value];
      dialog.close();
      if (older === newer) return ctx.status('请选择两个不同的文件进行对比。');
      ctx.status('正在对比 ' + older.path + ' 与 ' + newer.path + '…');
      var input = function (d) { return { path: d.path, text: JSON.stringify(d.model) }; };
      FormCheck.diff(input(older), input(newer)).then(function (d) {
        var view = $('diff');
        render(view, d, ctx.h);
        view.dataset.pair = pair;  // which two loaded forms it shows (by their place in the list)
        view.hidden = false;
        $('diff-title').focus();
        ctx.status('对比完成：' + summaryText(d));
      }, function (err) {
        ctx.status('对比失败：' + err.message);
      });
    });
  }

  root.FormCheckDiffView = { attach: attach, render: render };
})(typeof self !== 'undefined' ? self : this);
