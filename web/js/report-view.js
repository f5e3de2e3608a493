/*
 * report-view.js — the printed report (A4, or PDF through the browser's
 * print): a summary of every loaded form when there are several, then each
 * form's findings with a readable place (section · row · column, and the
 * cell or line), expected against filled value, the fix, and the rule by its
 * Chinese title with its id small beside it. Long quotes of the form (a
 * message citing an unread paragraph, values) are cut with an ellipsis so a
 * typical form fits on one page; the advice (修改建议) is printed whole.
 */
(function (root) {
  'use strict';

  var SEVERITY = { error: '错误', warning: '警告', info: '提示' };
  var RANK = { error: 0, warning: 1, info: 2 };

  function cut(text, n) {
    text = String(text == null ? '' : text).replace(/\s+/g, ' ').trim();
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }

  function place(f) {
    var l = f.location || {};
    var where = l.cell ? l.cell : l.line ? '第 ' + l.line + ' 行' : '';
    return cut(l.label || l.section || '', 60) + (where ? '（' + where + '）' : '');
  }

  // ctx: { h, docs: [{doc, findings (the open ones), summaryText, packName, kindName, applied: [[位置, 原值, 修改后]],
  //   accepted: [[位置, 严重程度, 规则, 问题, 说明]] (annotations.js acceptedRows)}], titleOf(ruleId) }
  function build(container, ctx) {
    var h = ctx.h;
    while (container.firstChild) container.removeChild(container.firstChild);
    container.appendChild(h('h1', { text: '预算绩效表单检查报告' }));
    container.appendChild(h('p', { class: 'meta', text: '检查时间：' + new Date().toLocaleString('zh-CN') +
      '　全部在本机检查，表单数据未离开此电脑。' }));
    if (ctx.docs.length > 1) {
      var sum = h('table', { class: 'batch-summary' }, h('thead', null, h('tr', null,
        ['文件', '表单', '单位', '年度', '结论'].map(function (x) { return h('th', { text: x }); }))));
      var sb = h('tbody');
      ctx.docs.forEach(function (d) {
        var m = d.doc.model || {};
        sb.appendChild(h('tr', null, h('td', { text: cut(d.doc.path, 40) }), h('td', { text: d.kindName || '未识别' }),
          h('td', { text: cut(m.unit, 30) }), h('td', { text: m.year || '' }), h('td', { text: d.summaryText })));
      });
      sum.appendChild(sb);
      container.appendChild(sum);
    }
    ctx.docs.forEach(function (d, i) {
      var m = d.doc.model || {};
      var section = h('section', { class: 'report-form' + (i > 0 || ctx.docs.length > 1 ? ' new-page' : '') });
      section.appendChild(h('h2', { text: cut(d.doc.path, 60) + (d.kindName ? '：' + d.kindName : '') }));
      section.appendChild(h('p', { class: 'meta', text: '单位：' + (m.unit || '—') + (m.project_name ? '　项目：' + m.project_name : '') +
        '　年度：' + (m.year || '—') + '　规则包：' + (d.packName || '—') }));
      section.appendChild(h('p', { class: 'summary', text: '结论：' + d.summaryText }));
      var findings = d.findings.slice().sort(function (a, b) { return RANK[a.severity] - RANK[b.severity]; });
      if (findings.length) {
        var t = h('table', { class: 'findings-table' },
          // Widths by class (style.css): the page's CSP allows no inline styles.
          h('colgroup', null, ['sev', 'place', 'msg', 'values', 'fix', 'rule'].map(function (c) { return h('col', { class: 'col-' + c }); })),
          h('thead', null, h('tr', null, ['严重程度', '位置', '问题', '应为 / 填报', '修改建议', '规则'].map(function (x) {
            return h('th', { text: x });
          }))));
        var tb = h('tbody');
        findings.forEach(function (f) {
          var values = f.implied ? '推算 ' + cut(f.implied, 36) + ' / ' + cut(f.actual, 40)
            : f.expected || f.actual ? cut(f.expected, 40) + ' / ' + cut(f.actual, 40) : '';
          tb.appendChild(h('tr', { class: 'sev-' + f.severity },
            h('td', { text: SEVERITY[f.severity] }), h('td', { text: place(f) }), h('td', { text: cut(f.message, 160) }),
            h('td', { text: values }), h('td', { text: f.fix || '' }),
            h('td', null, h('span', { text: ctx.titleOf(f.rule) }), h('br'), h('small', { text: f.rule }))));
        });
        t.appendChild(tb);
        section.appendChild(t);
      } else if (!(d.accepted && d.accepted.length)) {
        section.appendChild(h('p', { text: '没有发现问题。' }));
      }
      if (d.accepted && d.accepted.length) {
        // Findings the department explained (已说明): not open, listed with the reason for the reviewer.
        var ct = h('table', { class: 'accepted-table' },
          h('thead', null, h('tr', null, ['已说明的问题', '严重程度', '问题', '说明'].map(function (x) { return h('th', { text: x }); }))));
        var cb = h('tbody');
        d.accepted.forEach(function (r) {
          cb.appendChild(h('tr', null, h('td', { text: cut(r[0], 60) }), h('td', { text: r[1] }),
            h('td', null, h('span', { text: cut(r[3], 120) }), h('br'), h('small', { text: r[2] })), h('td', { text: cut(r[4], 160) })));
        });
        ct.appendChild(cb);
        section.appendChild(ct);
      }
      if (d.applied && d.applied.length) {
        // Changes written from the checker's suggestions that the clerk has not confirmed yet.
        var at = h('table', { class: 'applied-table' }, h('thead', null, h('tr', null,
          ['已按建议修改（待确认）', '原值', '修改后'].map(function (x) { return h('th', { text: x }); }))));
        var ab = h('tbody');
        d.applied.forEach(function (r) {
          ab.appendChild(h('tr', null, h('td', { text: cut(r[0], 60) }), h('td', { text: r[1] || '（空）' }), h('td', { text: r[2] })));
        });
        at.appendChild(ab);
        section.appendChild(at);
      }
      var score = d.doc.result && d.doc.result.score;
      if (score) section.appendChild(h('p', { text: '自评得分估算：' + score.total + ' 分（' + score.grade + '），仅供参考。' }));
      container.appendChild(section);
    });
  }

  root.FormCheckReport = { build: build, cut: cut };
})(typeof self !== 'undefined' ? self : this);
