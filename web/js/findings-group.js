/*
 * findings-group.js — keeps the findings list usable when the reader reports
 * very many import.* infos (a table of 200,000 rows it does not recognise
 * gives 200,000 import.unrecognized). Past GROUP_AFTER findings of one such
 * rule in a section, they are one group row that says how many there are; its
 * button shows them PAGE at a time, so the list never holds more elements
 * than a person scrolls through. Other findings are listed one by one. The
 * CLI's text output caps the same findings (docs/api.md); JSON keeps them all.
 */
(function (root) {
  'use strict';

  var GROUP_AFTER = 20, PAGE = 200;

  // Appends `findings` (one section of one severity) to the list `ul`: item(f)
  // makes one finding's <li>, h is the page's element helper, title(rule) names a rule.
  function append(ul, findings, item, h, title) {
    var by = {};
    findings.forEach(function (f) {
      if (f.severity === 'info' && !f.rule.indexOf('import.')) (by[f.rule] = by[f.rule] || []).push(f);
    });
    findings.forEach(function (f) {
      var list = by[f.rule];
      if (!list || list.length <= GROUP_AFTER) return ul.appendChild(item(f));
      if (list[0] !== f) return;
      var shown = 0, inner = h('ul', { class: 'finding-list', role: 'list' });
      var more = h('button', { type: 'button', class: 'finding-group-toggle', onclick: function () {
        for (var end = Math.min(list.length, shown + PAGE); shown < end; shown++) inner.appendChild(item(list[shown]));
        label();
      } });
      var label = function () {
        more.hidden = shown >= list.length;
        more.textContent = (shown ? '再显示 ' + PAGE + ' 条' : '展开') + '：' + title(f.rule) + ' ' + f.rule + '，共 ' + list.length +
          ' 条，还有 ' + (list.length - shown) + ' 条';
      };
      label();
      ul.appendChild(h('li', { class: 'finding-group', 'data-rule': f.rule, 'data-count': list.length }, inner, more));
    });
  }

  root.FormCheckFindingsGroup = { append: append };
})(typeof self !== 'undefined' ? self : this);
