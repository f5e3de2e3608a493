/*
 * score-view.js — the self-evaluation score estimate, made transparent: the
 * total, the 预算执行率 points, and each indicator's points with why (met,
 * ratio, qualitative tier) and what it costs the total, so a unit sees what
 * its weak points cost. Data: the `score` of a check result (score.cpp).
 */
(function (root) {
  'use strict';

  // `h` is the page's element builder (app.js); `goTo(index)` focuses a 自评表 row.
  function render(score, h, goTo) {
    var box = h('section', { class: 'score-view', 'aria-label': '自评得分估算' });
    box.appendChild(h('h3', { text: '自评得分估算' }));
    box.appendChild(h('p', { class: 'score', text: score.total + ' 分（' + score.grade + '）' }));
    var be = score.budget_execution || {};
    box.appendChild(h('p', { class: 'score-budget', text: '预算执行率 ' + (be.rate || '（无）') + '：' + be.points + ' / ' + be.weight +
      ' 分' + (be.loss && be.loss !== '0.00' ? '，失 ' + be.loss + ' 分' : '') + '。' }));
    var lines = score.indicators || [];
    var losing = lines.filter(function (l) { return l.counted && l.loss !== '0.00'; })
      .sort(function (a, b) { return parseFloat(b.loss) - parseFloat(a.loss); });
    var skipped = lines.filter(function (l) { return !l.counted; });
    if (losing.length) {
      box.appendChild(h('p', { class: 'hint', text: '失分的指标（按失分从多到少；提高这些指标的完成值最能提高总分）：' }));
      var t = h('table', { class: 'calc score-table', 'aria-label': '失分的指标' },
        h('thead', null, h('tr', null, h('th', { text: '指标' }), h('th', { text: '目标值' }), h('th', { text: '完成值' }),
          h('th', { text: '得分' }), h('th', { text: '失分' }), h('th', { text: '依据' }))));
      var tb = h('tbody');
      losing.forEach(function (l) {
        var name = h('button', { type: 'button', class: 'link', text: l.category + '·' + l.name,
          'aria-label': '转到自评表：' + l.name, onclick: function () { goTo(l.index); } });
        tb.appendChild(h('tr', null, h('td', null, name), h('td', { text: l.target }), h('td', { text: l.actual }),
          h('td', { text: l.points + ' / ' + l.max_points }), h('td', { class: 'loss', text: l.loss }), h('td', { text: l.basis })));
      });
      t.appendChild(tb);
      box.appendChild(t);
    } else if (lines.length) {
      box.appendChild(h('p', { class: 'hint', text: '计分的指标都得了满分。' }));
    }
    if (skipped.length) {
      box.appendChild(h('p', { class: 'hint', text: '未计分的指标（' + skipped.length + ' 个）：' +
        skipped.slice(0, 5).map(function (l) { return l.name + '（' + l.basis + '）'; }).join('；') + (skipped.length > 5 ? '……' : '') }));
    }
    if (score.indicators_omitted) box.appendChild(h('p', { class: 'hint', text: '另有 ' + score.indicators_omitted + ' 个指标未列出（只列失分最多的 100 个）。' }));
    box.appendChild(h('p', { class: 'hint', text: score.note }));
    return box;
  }

  root.FormCheckScoreView = { render: render };
})(typeof self !== 'undefined' ? self : this);
