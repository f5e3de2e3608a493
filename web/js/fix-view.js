/*
 * fix-view.js — the fix search's suggestions on the page, and the changes the
 * clerk applied from them. A `certain` fix (the one change the form's evidence
 * supports) is one click; candidates (候选) are listed for the clerk to pick,
 * each with its evidence. A chain fix changes every cell in `changes`. An
 * applied change stays marked (已按建议修改) in the form, the printed report
 * and the exports until the clerk confirms it against the source (the marks
 * are kept in the form's annotations, annotations.js).
 */
(function (root) {
  'use strict';

  // The cells a fix changes: [{ location, value }].
  function changesOf(x) {
    if (x.changes && x.changes.length) return x.changes.map(function (c) { return { location: c, value: c.value }; });
    return [{ location: x.location || x, value: x.value }];
  }

  function describe(x) {
    return changesOf(x).map(function (c, i) {
      return (i ? '，并将“' : '将“') + c.location.label + '”改为 ' + c.value;
    }).join('');
  }

  // The "应为" line: the located cell's value only when changing it is the
  // advice; otherwise what the identity implies, said as such.
  function values(f, h) {
    if (f.implied) {
      return h('div', { class: 'values' }, h('span', { text: '按勾稽关系推算为：' }), h('code', { text: f.implied }),
        h('span', { text: '　填报：' }), h('code', { text: f.actual }),
        h('span', { class: 'note', text: '（不一定是这一格填错，见修改建议）' }));
    }
    if (!f.expected && !f.actual) return null;
    // Only the values the finding has: no empty 应为 box beside a warning that states none.
    return h('div', { class: 'values' }, f.expected ? [h('span', { text: '应为：' }), h('code', { text: f.expected })] : null,
      f.expected && f.actual ? h('span', { text: '　' }) : null, f.actual ? [h('span', { text: '填报：' }), h('code', { text: f.actual })] : null);
  }

  // The buttons of a finding. opts: { apply(changes, f), fixable(ruleId) }.
  function tools(f, h, opts) {
    var out = [];
    if (f.fixes) {
      f.fixes.forEach(function (x) {
        if (x.certain) {
          out.push(h('button', { type: 'button', class: 'small apply', text: '应用修改',
            'aria-label': '应用修改：' + describe(x), onclick: function () { opts.apply(changesOf(x), f); } }));
        }
      });
      var candidates = f.fixes.filter(function (x) { return !x.certain; });
      if (candidates.length) {
        var list = h('ul', { class: 'candidates', 'aria-label': '候选修改（需选择）' });
        candidates.forEach(function (x) {
          list.appendChild(h('li', null,
            h('span', { text: describe(x) }),
            x.evidence && x.evidence.length ? h('small', { class: 'evidence', text: '　' + x.evidence.join('') }) : null,
            h('button', { type: 'button', class: 'small pick', text: '选用此项',
              'aria-label': '选用候选：' + describe(x), onclick: function () { opts.apply(changesOf(x), f); } })));
        });
        out.push(h('div', { class: 'candidates-box' },
          h('p', { class: 'note', text: '候选修改：仅凭本表无法确定是哪一处，请核对原始资料后选择一项。' }), list));
      }
    } else if (opts.fixable(f.rule) && f.expected && f.location.index >= 0) {
      out.push(h('button', { type: 'button', class: 'small apply', text: '应用修改',
        'aria-label': '应用修改：将“' + f.location.label + '”改为 ' + f.expected,
        onclick: function () { opts.apply([{ location: f.location, value: f.expected }], f); } }));
    }
    return out;
  }

  // ------------------------------------------------------------ applied changes
  // The marks themselves live in the form's annotations (annotations.js).

  // The list shown above the findings, each with a 确认 button.
  function panel(doc, h, onConfirm) {
    var list = root.FormCheckAnnotations.pending(doc);
    if (!list.length) return null;
    var ul = h('ul');
    list.forEach(function (a, i) {
      ul.appendChild(h('li', null, h('span', { text: a.label + '：' + (a.before || '（空）') + ' → ' + a.value }),
        h('button', { type: 'button', class: 'small confirm', text: '确认',
          'aria-label': '确认修改：' + a.label, onclick: function () { onConfirm(i); } })));
    });
    return h('section', { class: 'applied-fixes', 'aria-label': '已按建议修改' },
      h('h3', { text: '已按建议修改（' + list.length + '，待确认）' }),
      h('p', { class: 'note', text: '这些单元格按检查器的建议改过，请核对原始资料后逐项确认。' }), ul);
  }

  root.FormCheckFixes = { changesOf: changesOf, describe: describe, values: values, tools: tools, panel: panel };
})(typeof self !== 'undefined' ? self : this);
