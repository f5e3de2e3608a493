/*
 * family-chooser.js — the 表单类型 / 规则包 chooser every loaded form shows
 * (one that was not recognised too), and the note naming the indicators whose
 * 一级 the reader inferred from their 二级 (model key level1_inferred).
 *
 * The family is the reader's to decide from the evidence; when the evidence
 * conflicts it stays undecided (import.ambiguous “表单类型”) and no content rule
 * runs until the user chooses here. The choice travels as the input's hint
 * "form" (wasm/bindings.cpp), the pack as the check's profile.
 */
(function (root) {
  'use strict';

  var KINDS = [
    ['', '自动识别'],
    ['target', '部门整体预算绩效目标表'],
    ['selfeval', '整体支出预算绩效自评报告'],
    ['project_target', '项目支出绩效目标表'],
    ['project_selfeval', '项目支出绩效自评表'],
  ];

  // True when the reader left the family undecided (its finding is there).
  function undecided(findings) {
    return (findings || []).some(function (f) {
      return f.rule === 'import.ambiguous' && f.location && f.location.label === '表单类型';
    });
  }

  /**
   * ctx: { h, kind: the family read ('' when none), chosen: {form, profile} the
   * user's earlier choice, findings, packs(kind) -> [{id, name}], onChoose(form, profile) }.
   */
  function render(ctx) {
    var h = ctx.h;
    var chosen = ctx.chosen || {};
    var open = undecided(ctx.findings);
    var box = h('div', { class: 'family-chooser' + (open ? ' undecided' : ''), id: 'family-chooser' });
    var kindSel = h('select', { id: 'family-kind', 'aria-label': '表单类型' });
    KINDS.forEach(function (k) {
      var o = h('option', { value: k[0], text: k[1] });
      if (k[0] === (chosen.form || '')) o.selected = true;
      kindSel.appendChild(o);
    });
    var packSel = h('select', { id: 'family-pack', 'aria-label': '规则包' });
    function fillPacks() {
      while (packSel.firstChild) packSel.removeChild(packSel.firstChild);
      packSel.appendChild(h('option', { value: '', text: '按表单自动选择' }));
      var kind = kindSel.value || ctx.kind || '';
      (kind ? ctx.packs(kind) : []).forEach(function (p) {
        var o = h('option', { value: p.id, text: p.name + '（' + p.id + '）' });
        if (p.id === chosen.profile) o.selected = true;
        packSel.appendChild(o);
      });
    }
    fillPacks();
    var apply = h('button', { type: 'button', id: 'family-apply', text: '按此重新读取',
      onclick: function () { ctx.onChoose(kindSel.value, packSel.value); } });
    kindSel.addEventListener('change', fillPacks);
    if (open) box.appendChild(h('p', { class: 'hint', text: '无法确定表单类型：请选择后重新读取（选定之前不检查表单内容）。' }));
    box.appendChild(h('label', { for: 'family-kind', text: '表单类型' }));
    box.appendChild(kindSel);
    box.appendChild(h('label', { for: 'family-pack', text: '规则包' }));
    box.appendChild(packSel);
    box.appendChild(apply);
    return box;
  }

  /** A note listing the indicators whose 一级 was inferred, or null when none was. */
  function inferred(ctx) {
    var m = ctx.model;
    var rows = (m && m.project_indicators) || [];
    var names = [];
    rows.forEach(function (r) {
      if (r.level1_inferred) names.push('“' + (r.name || '（无名称）') + '”→' + r.level1);
    });
    if (!names.length) return null;
    return ctx.h('p', { class: 'hint inferred-level1', id: 'inferred-level1',
      text: '原表未写一级指标（或只写了分值），以下指标的一级指标由二级指标推断：' + names.join('，') + '。' });
  }

  root.FormCheckFamily = { render: render, inferred: inferred, undecided: undecided, KINDS: KINDS };
})(typeof self !== 'undefined' ? self : this);
