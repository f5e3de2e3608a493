/*
 * findings-group.js — keeps the findings list usable when the reader reports
 * very many import.* infos (a table of 200,000 rows it does not recognise
 * gives 200,000 import.unrecognized). Past GROUP_AFTER findings of one such
 * rule in a section, they collapse into one group row that says how many
 * there are; opening it shows them PAGE at a time ("再显示"), so the list never
 * holds more elements than a person scrolls through. Other findings are
 * listed one by one as before. The CLI's text output caps the same findings
 * (docs/api.md); the JSON results keep them all.
 */
(function (root) {
  'use strict';

  var GROUP_AFTER = 20;
  var PAGE = 200;

  function groupable(f) { return f.severity === 'info' && f.rule.indexOf('import.') === 0; }

  /**
   * Appends `findings` (one section of one severity) to the list `ul`:
   * item(f) makes one finding's <li>; h is the page's element helper;
   * title(rule) names a rule.
   */
  function append(ul, findings, item, h, title) {
    var byRule = {};
    findings.forEach(function (f) { if (groupable(f)) (byRule[f.rule] = byRule[f.rule] || []).push(f); });
    var grouped = {};
    Object.keys(byRule).forEach(function (rule) { if (byRule[rule].length > GROUP_AFTER) grouped[rule] = true; });
    var placed = {};
    findings.forEach(function (f) {
      if (!grouped[f.rule]) { ul.appendChild(item(f)); return; }
      if (placed[f.rule]) return;
      placed[f.rule] = true;
      ul.appendChild(groupRow(byRule[f.rule], item, h, title));
    });
  }

  function groupRow(list, item, h, title) {
    var shown = 0;
    var inner = h('ul', { class: 'finding-list', role: 'list', hidden: 'hidden' });
    var more = h('button', { type: 'button', class: 'small finding-more' });
    var toggle = h('button', { type: 'button', class: 'finding-group-toggle', 'aria-expanded': 'false' });
    var name = (title ? title(list[0].rule) + ' ' : '') + list[0].rule;
    function label() {
      toggle.textContent = (inner.hidden ? '展开' : '收起') + '：' + name + '，共 ' + list.length + ' 条';
      more.hidden = inner.hidden || shown >= list.length;
      more.textContent = '再显示 ' + Math.min(PAGE, list.length - shown) + ' 条（还有 ' + (list.length - shown) + ' 条）';
    }
    function page() {
      var frag = document.createDocumentFragment();
      var end = Math.min(list.length, shown + PAGE);
      for (; shown < end; shown++) frag.appendChild(item(list[shown]));
      inner.appendChild(frag);
      label();
    }
    toggle.addEventListener('click', function () {
      if (inner.hidden) inner.removeAttribute('hidden'); else inner.setAttribute('hidden', 'hidden');
      toggle.setAttribute('aria-expanded', String(!inner.hidden));
      if (!inner.hidden && shown === 0) page(); else label();
    });
    more.addEventListener('click', page);
    label();
    return h('li', { class: 'finding-group sev-' + list[0].severity, 'data-rule': list[0].rule, 'data-count': String(list.length) },
      toggle, inner, more);
  }

  root.FormCheckFindingsGroup = { append: append, GROUP_AFTER: GROUP_AFTER, PAGE: PAGE };
})(typeof self !== 'undefined' ? self : this);
