/*
 * annotations.js — one store of annotations per form: the findings the clerk
 * accepted with a reason (说明, shown as 已说明) and the cells changed from the
 * checker's suggestions (已按建议修改, until confirmed). The marks in the form,
 * the findings panel, the printed report and every export read this store.
 * It is saved with the draft; the acceptances also travel in the JSON export
 * as the model's `accepted` list, which the C++ core matches to the findings
 * (shared/formcheck/acceptance.hpp: by rule, section, field and label, never
 * by row number; a change to the values the finding was computed from
 * re-opens it, and a statement that matches nothing becomes accept.unmatched).
 *
 * API (doc: a page document {model, result, annotations}):
 *   of(doc)                      -> {accepted: [statement], applied: [mark]} (created on first use)
 *   acceptable(f)                -> whether finding f may be accepted (a warning or error about the form)
 *   accept(doc, f, reason)       records a statement for finding f (replacing one for the same place)
 *   unaccept(doc, f)             drops the statement for f (f may be its accept.unmatched warning)
 *   isAccepted(f)                -> f.accepted ({reason, by}) as the core set it, or null
 *   accepted(findings)           -> the accepted ones; open(findings) -> the others
 *   record(doc, changes, rule)   notes cells written by 应用修改/选用: [{location, value, before}]
 *   pending(doc), confirm(doc, i), at(doc, location) -> applied marks
 *   modelWith(doc)               -> the model with `accepted` (what is checked and exported as JSON)
 *   adopt(doc)                   moves a checked model's `accepted` into the store (after an import)
 *   save(doc) / load(doc, saved) the draft's copy (older drafts kept applied marks as `applied`)
 *   acceptedRows(findings)       -> [[位置, 严重程度, 规则, 问题, 说明]] for the report and exports
 *   appliedRows(doc)             -> [[位置, 原值, 修改后]]
 */
(function (root) {
  'use strict';

  function of(doc) {
    if (!doc.annotations) doc.annotations = { accepted: [], applied: [] };
    return doc.annotations;
  }

  function acceptable(f) {
    return (f.severity === 'error' || f.severity === 'warning') && f.rule.indexOf('import.') !== 0 &&
      f.rule.indexOf('accept.') !== 0;
  }

  // A statement names the finding as its JSON does; `expected` holds what the
  // finding computed (its implied value, else its expected value).
  function statementOf(f, reason) {
    var l = f.location;
    var s = { rule: f.rule, location: { section: l.section, index: l.index, field: l.field, label: l.label },
      actual: f.actual, expected: f.implied || f.expected || '', reason: reason };
    if (f.fingerprint) s.fingerprint = f.fingerprint;
    return s;
  }

  function samePlace(s, l) {
    return s.location.section === l.section && s.location.field === l.field && s.location.label === l.label;
  }

  function accept(doc, f, reason) {
    var a = of(doc);
    a.accepted = a.accepted.filter(function (s) { return !(s.rule === f.rule && samePlace(s, f.location)); });
    a.accepted.push(statementOf(f, String(reason || '').trim()));
  }

  function unaccept(doc, f) {
    var a = of(doc);
    // An accept.unmatched warning names the statement's place and actual, not its rule.
    var stale = f.rule === 'accept.unmatched';
    a.accepted = a.accepted.filter(function (s) {
      if (!samePlace(s, f.location)) return true;
      return stale ? s.actual !== f.actual : s.rule !== f.rule;
    });
  }

  function isAccepted(f) { return (f && f.accepted) || null; }
  function accepted(findings) { return findings.filter(function (f) { return !!f.accepted; }); }
  function open(findings) { return findings.filter(function (f) { return !f.accepted; }); }

  // ------------------------------------------------------------ applied changes

  function key(l) { return l.section + '|' + l.index + '|' + l.field; }

  function record(doc, changes, rule) {
    var a = of(doc);
    a.applied = a.applied.filter(function (m) {
      return !changes.some(function (c) { return key(c.location) === key(m); });
    });
    changes.forEach(function (c) {
      a.applied.push({ section: c.location.section, index: c.location.index, field: c.location.field,
        label: c.location.label, value: c.value, before: c.before == null ? '' : c.before, rule: rule || '' });
    });
  }

  function pending(doc) { return (doc && doc.annotations && doc.annotations.applied) || []; }
  function confirm(doc, i) { of(doc).applied.splice(i, 1); }
  function at(doc, location) {
    var k = key(location), list = pending(doc);
    for (var i = 0; i < list.length; i++) if (key(list[i]) === k) return list[i];
    return null;
  }

  // ------------------------------------------------------------ model, draft, exports

  function modelWith(doc) {
    if (!doc.model) return null;
    var list = (doc.annotations && doc.annotations.accepted) || [];
    var m = Object.assign({}, doc.model);
    delete m.accepted;
    if (list.length) m.accepted = list.map(function (s) { return JSON.parse(JSON.stringify(s)); });
    return m;
  }

  function adopt(doc) {
    if (!doc.model || !doc.model.accepted) return;
    of(doc).accepted = doc.model.accepted;
    delete doc.model.accepted;
  }

  function save(doc) {
    var a = of(doc);
    return { accepted: a.accepted.slice(), applied: a.applied.slice() };
  }

  function load(doc, saved, legacyApplied) {
    doc.annotations = { accepted: (saved && saved.accepted) || [], applied: (saved && saved.applied) || legacyApplied || [] };
  }

  var SEVERITY = { error: '错误', warning: '警告', info: '提示' };

  function acceptedRows(findings) {
    return accepted(findings).map(function (f) {
      var l = f.location || {};
      return [l.label + (l.cell ? '（' + l.cell + '）' : ''), SEVERITY[f.severity] + '·已说明', f.rule, f.message, f.accepted.reason];
    });
  }

  function appliedRows(doc) {
    return pending(doc).map(function (m) { return [m.label, m.before, m.value]; });
  }

  root.FormCheckAnnotations = { of: of, acceptable: acceptable, statementOf: statementOf, accept: accept, unaccept: unaccept,
    isAccepted: isAccepted, accepted: accepted, open: open, record: record, pending: pending, confirm: confirm, at: at,
    modelWith: modelWith, adopt: adopt, save: save, load: load, acceptedRows: acceptedRows, appliedRows: appliedRows };
})(typeof self !== 'undefined' ? self : this);
