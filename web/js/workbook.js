/*
 * workbook.js — the clerk's own .xlsx given back with the findings in it
 * (docs/export.md). Every entry of the package is copied as it was, its
 * compressed bytes untouched, except the parts the notes need: each sheet
 * that gets a note (its cells' new fill and edited values), that sheet's
 * comment part, VML drawing (Excel draws a comment's box from it) and
 * relationships, styles.xml (one fill per kind of note and a copy of each
 * cell format a noted cell used, with that fill) and [Content_Types].xml.
 * A cell that holds a formula keeps it: its comment gives the value.
 *
 *   FormCheckWorkbook.notes({findings, original, model, sheets, applied}) -> [{sheet, ref, kind, lines, value?}]
 *   FormCheckWorkbook.annotate(bytes, notes) -> Promise<Uint8Array>
 *
 * Runs in the page's workbook worker (built from this file and office.js,
 * carried lazily: build-page.mjs) and in node (tests/node/workbook.test.cjs).
 */
/* global FormCheckOffice */
(function (root) {
  'use strict';

  var O = root.FormCheckOffice;
  var SEVERITY = { error: '错误', warning: '警告', info: '提示' };
  // Fills by kind of note, the strongest first (a cell with an error and an
  // edit is filled as an error).
  var FILLS = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7', edited: 'FFE2EFDA' };
  var ORDER = ['error', 'warning', 'info', 'edited'];
  var NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  var NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  var NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

  function WorkbookFailure(message) { this.message = message; }
  WorkbookFailure.prototype = Object.create(Error.prototype);

  // ------------------------------------------------------------ cells of the model

  // "E7" for a grid position, as the core's SheetOrigin::cell names it: the
  // columns merged cells span to the right were dropped from the grid.
  function colName(i) {
    var s = '';
    for (i++; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
    return s;
  }
  function cellOf(sheets, at) {
    if (!at || !(at.line > 0) || !(at.col > 0)) return null;
    for (var i = 0; i < (sheets || []).length; i++) {
      var o = sheets[i];
      if (at.line < o.first_line || at.line >= o.first_line + o.rows) continue;
      var r = at.line - o.first_line, hidden = [];
      (o.merges || []).forEach(function (m) { if (r >= m[0] && r <= m[2] && m[3] > m[1]) hidden.push([m[1] + 1, m[3]]); });
      hidden.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      var c = at.col - 1;
      hidden.forEach(function (h) { if (h[0] <= c) c = Math.max(c, c + (h[1] - Math.max(h[0], 0) + 1)); });
      return { sheet: o.sheet, ref: colName(Math.min(c, 16383)) + (r + 1) };
    }
    return null;
  }
  function splitCell(name) {
    var bang = name ? name.lastIndexOf('!') : -1;
    return bang > 0 ? { sheet: name.slice(0, bang), ref: name.slice(bang + 1) } : null;
  }

  var ROW_SECTIONS = ['funds.income', 'funds.expense', 'indicators', 'budget_info', 'evaluation', 'key_tasks',
    'project_funds', 'project_indicators'];
  function rowsOf(m, section) {
    if (!m) return [];
    var parts = section.split('.');
    var v = parts.length > 1 ? (m[parts[0]] || {})[parts[1]] : m[section];
    return Array.isArray(v) ? v : [];
  }

  // The values the clerk changed (edits, applied fixes): each field whose
  // value differs from the file's reading, at the cell it was read from.
  // A field with no source cell (a row the clerk added) cannot be placed.
  // A row's place in the file: rows are matched by it, not by index, so a
  // row the clerk inserted or deleted does not shift the others' edits.
  function placeKey(row) { return row && row.src && row.src.line > 0 ? row.src.line + ':' + row.src.col : null; }
  function edits(original, model, sheets) {
    var out = [], unplaced = [];
    function put(at, label, was, now) {
      var c = cellOf(sheets, at);
      if (c) out.push({ sheet: c.sheet, ref: c.ref, label: label, was: was, value: now });
      else unplaced.push(label + '：' + (was ? '原值“' + was + '”，' : '') + '改为“' + now + '”');
    }
    ROW_SECTIONS.forEach(function (section) {
      var before = {};
      rowsOf(original, section).forEach(function (r) { if (placeKey(r)) before[placeKey(r)] = r; });
      rowsOf(model, section).forEach(function (row) {
        var old = before[placeKey(row)];
        if (!old || !row.src.cells) {
          // A row the clerk added: no cell of the file holds it.
          var filled = Object.keys(row).filter(function (k) { return k !== 'src' && k !== 'role' && row[k] != null && String(row[k]) !== ''; });
          if (!old && filled.length) unplaced.push('新增一行（' + section + '）：' + filled.map(function (k) { return row[k]; }).join(' / '));
          return;
        }
        Object.keys(row).forEach(function (field) {
          if (field === 'src' || field === 'role') return;
          var a = old[field] == null ? '' : String(old[field]), b = row[field] == null ? '' : String(row[field]);
          if (a !== b) put(row.src.cells[field], (row.name || old.name || '') + '·' + field, a, b);
        });
      });
    });
    var src = (model && model.src) || {};
    ['unit', 'year', 'project_name', 'total_score'].forEach(function (k) {
      if (original && model && String(original[k] || '') !== String(model[k] || '')) put(src[k], k, original[k] || '', model[k] || '');
    });
    var ts = src.texts || {}, texts = Object.assign({}, (original || {}).texts || {}, (model || {}).texts || {});
    Object.keys(texts).forEach(function (k) {
      var a = ((original || {}).texts || {})[k] || '', b = ((model || {}).texts || {})[k] || '';
      if (a !== b) put(ts[k], k, a, b);
    });
    out.unplaced = unplaced;
    return out;
  }

  /**
   * The notes for a workbook: one per cell, with the lines of its comment,
   * its kind (the fill) and, where the clerk changed it, the new value.
   * Findings without a cell are noted on the first sheet's A1, so none is lost.
   */
  function notes(input) {
    var byCell = Object.create(null), list = [];
    function at(sheet, ref) {
      var k = sheet + '!' + ref;
      if (!byCell[k]) { byCell[k] = { sheet: sheet, ref: ref, kind: 'edited', lines: [] }; list.push(byCell[k]); }
      return byCell[k];
    }
    function stronger(n, kind) { if (ORDER.indexOf(kind) < ORDER.indexOf(n.kind)) n.kind = kind; }
    var sheets = input.sheets || [];
    // The form's own sheet (a workbook may hold several forms): where its title or unit was read.
    var src = (input.model && input.model.src) || {}, own = cellOf(sheets, src.unit) || cellOf(sheets, src.year);
    var first = own ? own.sheet : sheets.length ? sheets[0].sheet : null, unplaced = [];
    (input.findings || []).forEach(function (f) {
      // A finding of a re-check (of the model JSON) has no cell name, only
      // the grid position its model field came from.
      var c = splitCell(f.location && f.location.cell) || cellOf(sheets, f.location);
      // An accepted finding (说明) travels with its reason, for the reviewer.
      var text = '[' + (SEVERITY[f.severity] || f.severity) + (f.accepted ? '·已说明' : '') + '] ' + f.message +
        (f.expected ? '\n应为：' + f.expected : '') + (f.fix ? '\n修改建议：' + f.fix : '') +
        (f.accepted ? '\n说明：' + f.accepted.reason : '');
      if (!c) return unplaced.push(text);
      var n = at(c.sheet, c.ref);
      n.lines.push(text);
      stronger(n, f.severity);
    });
    var appliedAt = Object.create(null);
    (input.applied || []).forEach(function (a) { appliedAt[a.section + '|' + a.index + '|' + a.field] = a; });
    var changed = edits(input.original, input.model, sheets);
    changed.forEach(function (e) {
      var n = at(e.sheet, e.ref);
      n.value = e.value;
      n.was = e.was;
      n.lines.unshift('[已修改] 原值“' + e.was + '”，改为“' + e.value + '”。');
    });
    Object.keys(appliedAt).forEach(function (k) {
      var a = appliedAt[k], row = rowsOf(input.model, a.section)[a.index];
      var c = row && row.src && row.src.cells ? cellOf(sheets, row.src.cells[a.field]) : null;
      if (c) at(c.sheet, c.ref).lines.unshift('[已按建议修改，待确认]');
    });
    if (changed.unplaced.length && first) {
      var e = at(first, 'A1');
      e.lines = e.lines.concat(['以下修改没有对应的单元格（请在表中补上）：'], changed.unplaced);
    }
    if (unplaced.length && first) {
      var n = at(first, 'A1');
      n.lines = n.lines.concat(['以下问题没有对应的单元格：'], unplaced);
      (input.findings || []).forEach(function (f) {
        if (!splitCell(f.location && f.location.cell) && !cellOf(sheets, f.location)) stronger(n, f.severity);
      });
    }
    return list;
  }

  // ------------------------------------------------------------ ZIP

  function u16(b, o) { return b[o] | (b[o + 1] << 8); }
  function u32(b, o) { return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }

  // The central directory with each record's raw bytes and each entry's raw
  // span (local header, data, data descriptor), for copying them verbatim.
  function directory(bytes) {
    var eocd = -1;
    for (var i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
      if (u32(bytes, i) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new WorkbookFailure('原文件不是完整的 ZIP');
    var count = u16(bytes, eocd + 10), start = u32(bytes, eocd + 16), p = start, list = [];
    if (count === 0xffff || start === 0xffffffff) throw new WorkbookFailure('原文件是 ZIP64 格式');
    var dec = new TextDecoder('utf-8');
    for (var n = 0; n < count; n++) {
      if (u32(bytes, p) !== 0x02014b50) throw new WorkbookFailure('原文件的 ZIP 目录不完整');
      var nlen = u16(bytes, p + 28), len = 46 + nlen + u16(bytes, p + 30) + u16(bytes, p + 32);
      list.push({ name: dec.decode(bytes.subarray(p + 46, p + 46 + nlen)), offset: u32(bytes, p + 42),
        record: bytes.subarray(p, p + len) });
      p += len;
    }
    var byOffset = list.slice().sort(function (a, b) { return a.offset - b.offset; });
    byOffset.forEach(function (e, k) { e.end = k + 1 < byOffset.length ? byOffset[k + 1].offset : start; });
    return list;
  }

  function u8(s) { return typeof s === 'string' ? new TextEncoder().encode(s) : s; }

  // The new package: `replace` (name -> text) and `add` ([{name, data}]) are
  // written stored; every other entry is its original bytes.
  function rebuild(bytes, list, replace, add) {
    var out = [], central = [], offset = 0, enc = new TextEncoder();
    function stored(name, data) {
      var nm = enc.encode(name), crc = O.crc32(data);
      var h = new DataView(new ArrayBuffer(30));
      h.setUint32(0, 0x04034b50, true); h.setUint16(4, 20, true); h.setUint16(6, 0x0800, true);
      h.setUint32(14, crc, true); h.setUint32(18, data.length, true); h.setUint32(22, data.length, true);
      h.setUint16(26, nm.length, true);
      var c = new DataView(new ArrayBuffer(46));
      c.setUint32(0, 0x02014b50, true); c.setUint16(4, 20, true); c.setUint16(6, 20, true); c.setUint16(8, 0x0800, true);
      c.setUint32(16, crc, true); c.setUint32(20, data.length, true); c.setUint32(24, data.length, true);
      c.setUint16(28, nm.length, true); c.setUint32(42, offset, true);
      out.push(new Uint8Array(h.buffer), nm, data);
      central.push(new Uint8Array(c.buffer), nm);
      offset += 30 + nm.length + data.length;
    }
    list.forEach(function (e) {
      if (e.name in replace) return stored(e.name, u8(replace[e.name]));
      var rec = e.record.slice();
      new DataView(rec.buffer).setUint32(42, offset, true);
      out.push(bytes.subarray(e.offset, e.end));
      central.push(rec);
      offset += e.end - e.offset;
    });
    add.forEach(function (f) { stored(f.name, u8(f.data)); });
    var size = central.reduce(function (s, b) { return s + b.length; }, 0), count = list.length + add.length;
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, count, true); end.setUint16(10, count, true);
    end.setUint32(12, size, true); end.setUint32(16, offset, true);
    var all = out.concat(central, [new Uint8Array(end.buffer)]);
    var total = all.reduce(function (s, b) { return s + b.length; }, 0), res = new Uint8Array(total), at = 0;
    all.forEach(function (b) { res.set(b, at); at += b.length; });
    return res;
  }

  // ------------------------------------------------------------ XML

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  }
  function unesc(s) {
    return s.replace(/&(lt|gt|quot|apos|amp);/g, function (m, e) { return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[e]; });
  }
  function attr(tag, name) {
    var m = new RegExp('\\s' + name + '\\s*=\\s*(?:"([^"]*)"|\'([^\']*)\')').exec(tag);
    return m ? unesc(m[1] !== undefined ? m[1] : m[2]) : null;
  }
  function setAttr(tag, name, value) {
    var re = new RegExp('(\\s' + name + '\\s*=\\s*)(?:"[^"]*"|\'[^\']*\')');
    if (re.test(tag)) return tag.replace(re, '$1"' + esc(value) + '"');
    return tag.replace(/\s*(\/?>)$/, ' ' + name + '="' + esc(value) + '"$1');
  }
  // The prefix of the root element ("" or "x:") and its name.
  function rootPrefix(xml, local) {
    var m = new RegExp('<([A-Za-z_][\\w.-]*:)?' + local + '[\\s>]').exec(xml);
    if (!m) throw new WorkbookFailure('缺少 <' + local + '>');
    return m[1] || '';
  }
  function partName(base, target) {
    var joined = target.charAt(0) === '/' ? target.slice(1) : base + target, segs = [];
    joined.split('/').forEach(function (s) {
      if (s === '..') segs.pop();
      else if (s !== '' && s !== '.') segs.push(s);
    });
    return segs.join('/');
  }
  function relsOf(xml) {
    var out = [], re = /<(?:[\w.-]+:)?Relationship\b[^>]*>/g, m;
    while ((m = re.exec(xml || ''))) out.push({ id: attr(m[0], 'Id'), type: attr(m[0], 'Type') || '', target: attr(m[0], 'Target') || '' });
    return out;
  }
  function relsPath(part) {
    var slash = part.lastIndexOf('/');
    return part.slice(0, slash + 1) + '_rels/' + part.slice(slash + 1) + '.rels';
  }
  function freeId(rels) {
    for (var n = 1; ; n++) if (!rels.some(function (r) { return r.id === 'rId' + n; })) return 'rId' + n;
  }
  function addRels(xml, items) {
    var body = items.map(function (r) {
      return '<Relationship Id="' + r.id + '" Type="' + r.type + '" Target="' + esc(r.target) + '"/>';
    }).join('');
    if (!xml) return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="' + NS_PKG_REL + '">' + body + '</Relationships>';
    var close = xml.lastIndexOf('</');
    return xml.slice(0, close) + body + xml.slice(close);
  }

  function refParts(ref) {
    var m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) return null;
    var col = 0;
    for (var i = 0; i < m[1].length; i++) col = col * 26 + (m[1].charCodeAt(i) - 64);
    return { col: col - 1, row: parseInt(m[2], 10) - 1 };
  }

  // ------------------------------------------------------------ styles

  // Appends one fill per kind of note and, for every (format, kind) a noted
  // cell needs, a copy of that cell format with the fill: returns the index
  // of the copy. Nothing in the file's own formats changes.
  function Styles(xml) {
    var p = rootPrefix(xml, 'styleSheet');
    var fillsRe = new RegExp('<' + p + 'fills\\b[^>]*>([\\s\\S]*?)</' + p + 'fills>');
    var xfsRe = new RegExp('<' + p + 'cellXfs\\b[^>]*>([\\s\\S]*?)</' + p + 'cellXfs>');
    var fm = fillsRe.exec(xml), xm = xfsRe.exec(xml);
    if (!xm) throw new WorkbookFailure('styles.xml 中没有单元格格式');
    var fillCount = fm ? (fm[1].match(new RegExp('<' + p + 'fill\\b', 'g')) || []).length : 0;
    var xfs = xm[1].match(new RegExp('<' + p + 'xf\\b[^>]*?(?:/>|>[\\s\\S]*?</' + p + 'xf>)', 'g')) || [];
    var numFmts = {};
    var nre = new RegExp('<' + p + 'numFmt\\b[^>]*>', 'g'), nm;
    while ((nm = nre.exec(xml))) numFmts[attr(nm[0], 'numFmtId')] = attr(nm[0], 'formatCode') || '';
    var fillId = {}, newFills = [], newXfs = [], made = {};
    this.percent = function (s) {
      var xf = xfs[s || 0] || '', id = attr(xf.match(/^<[^>]*>/)[0], 'numFmtId') || '0';
      return id === '9' || id === '10' || /%/.test(numFmts[id] || '');
    };
    this.withFill = function (s, kind) {
      s = s || 0;
      var key = s + '|' + kind;
      if (key in made) return made[key];
      if (!(kind in fillId)) {
        fillId[kind] = fillCount + newFills.length;
        newFills.push('<' + p + 'fill><' + p + 'patternFill patternType="solid"><' + p + 'fgColor rgb="' + FILLS[kind] +
          '"/><' + p + 'bgColor indexed="64"/></' + p + 'patternFill></' + p + 'fill>');
      }
      var xf = xfs[s] || xfs[0] || '<' + p + 'xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>';
      var open = xf.match(/^<[^>]*>/)[0];
      var changed = setAttr(setAttr(open, 'fillId', String(fillId[kind])), 'applyFill', '1');
      made[key] = xfs.length + newXfs.length;
      newXfs.push(changed + xf.slice(open.length));
      return made[key];
    };
    this.xml = function () {
      var out = xml;
      if (!newXfs.length) return out;
      out = out.replace(xfsRe, function (all, body) {
        var open = all.match(/^<[^>]*>/)[0];
        return setAttr(open, 'count', String(xfs.length + newXfs.length)) + body + newXfs.join('') + '</' + p + 'cellXfs>';
      });
      if (fm) {
        out = out.replace(fillsRe, function (all, body) {
          var open = all.match(/^<[^>]*>/)[0];
          return setAttr(open, 'count', String(fillCount + newFills.length)) + body + newFills.join('') + '</' + p + 'fills>';
        });
      } else {
        // No <fills>: the two fills every workbook reserves, then ours, before <borders> or <cellStyleXfs>.
        var fills = '<' + p + 'fills count="' + (2 + newFills.length) + '"><' + p + 'fill><' + p + 'patternFill patternType="none"/></' + p +
          'fill><' + p + 'fill><' + p + 'patternFill patternType="gray125"/></' + p + 'fill>' + newFills.join('') + '</' + p + 'fills>';
        var at = out.search(new RegExp('<' + p + '(borders|cellStyleXfs|cellXfs)\\b'));
        out = out.slice(0, at) + fills + out.slice(at);
      }
      return out;
    };
    if (!fm) fillCount = 2;
  }

  // ------------------------------------------------------------ sheet

  var PLAIN_NUMBER = /^-?\d+(\.\d+)?$/, PLAIN_PERCENT = /^-?\d+(\.\d+)?%$/;

  function shiftLeft2(v) {
    var neg = v[0] === '-', digits = v.replace('-', '').slice(0, -1), parts = digits.split('.');
    var int = parts[0].padStart(3, '0'), frac = parts[1] || '';
    var s = (int.slice(0, -2).replace(/^0+(?=\d)/, '') || '0') + '.' + int.slice(-2) + frac;
    s = s.replace(/\.?0+$/, '');
    return (neg && s !== '0' ? '-' : '') + (s || '0');
  }

  // A cell's content for a new value: a number as a number, a percentage as
  // its fraction where the cell shows percentages, any other text inline.
  function valueXml(p, value, percentCell) {
    if (PLAIN_NUMBER.test(value)) return { t: null, body: '<' + p + 'v>' + value + '</' + p + 'v>' };
    if (PLAIN_PERCENT.test(value) && percentCell) return { t: null, body: '<' + p + 'v>' + shiftLeft2(value) + '</' + p + 'v>' };
    return { t: 'inlineStr', body: '<' + p + 'is><' + p + 't xml:space="preserve">' + esc(value) + '</' + p + 't></' + p + 'is>' };
  }

  // The sheet with its noted cells restyled and edited, and a legacyDrawing
  // reference (the comments' VML) when `drawingId` is given.
  function rewriteSheet(xml, sheetNotes, styles, drawingId) {
    var p = rootPrefix(xml, 'worksheet');
    var sdOpen = new RegExp('<' + p + 'sheetData\\b[^>]*?(/?)>').exec(xml);
    if (!sdOpen) throw new WorkbookFailure('工作表中没有 sheetData');
    var bodyStart = sdOpen.index + sdOpen[0].length, bodyEnd, selfClosed = sdOpen[1] === '/';
    if (selfClosed) {
      xml = xml.slice(0, sdOpen.index) + '<' + p + 'sheetData></' + p + 'sheetData>' + xml.slice(bodyStart);
      bodyStart = sdOpen.index + ('<' + p + 'sheetData>').length;
    }
    bodyEnd = xml.indexOf('</' + p + 'sheetData>', bodyStart);
    var body = xml.slice(bodyStart, bodyEnd);
    // Rows: [{r, start, end, open, inner}] in file order.
    var rowRe = new RegExp('<' + p + 'row\\b[^>]*?(?:/>|>([\\s\\S]*?)</' + p + 'row>)', 'g'), m, rows = [];
    while ((m = rowRe.exec(body))) {
      var open = m[0].match(/^<[^>]*>/)[0], r = attr(open, 'r');
      if (r === null) throw new WorkbookFailure('工作表的行没有行号');
      rows.push({ r: parseInt(r, 10), start: m.index, end: m.index + m[0].length, open: open, inner: m[1] || '', self: !m[1] && /\/>$/.test(open) });
    }
    var byRow = {};
    sheetNotes.forEach(function (n) {
      var at = refParts(n.ref);
      if (!at) return;
      (byRow[at.row + 1] = byRow[at.row + 1] || []).push({ note: n, col: at.col });
    });
    var edits = [];  // [{start, end, text}] in body, applied from the end
    Object.keys(byRow).map(Number).sort(function (a, b) { return a - b; }).forEach(function (rn) {
      var cells = byRow[rn].sort(function (a, b) { return a.col - b.col; });
      var row = null;
      for (var i = 0; i < rows.length; i++) if (rows[i].r === rn) { row = rows[i]; break; }
      if (!row) {
        var before = rows.filter(function (x) { return x.r > rn; })[0];
        var at = before ? before.start : body.length;
        edits.push({ start: at, end: at, text: '<' + p + 'row r="' + rn + '">' + cells.map(function (c) { return newCell(c); }).join('') + '</' + p + 'row>' });
        return;
      }
      var inner = row.inner, cellRe = new RegExp('<' + p + 'c\\b[^>]*?(?:/>|>[\\s\\S]*?</' + p + 'c>)', 'g'), cm, list = [];
      while ((cm = cellRe.exec(inner))) {
        var copen = cm[0].match(/^<[^>]*>/)[0], ref = attr(copen, 'r');
        if (ref === null) throw new WorkbookFailure('工作表的单元格没有位置');
        list.push({ col: refParts(ref).col, start: cm.index, end: cm.index + cm[0].length, text: cm[0], open: copen });
      }
      var out = inner, shift = 0, inserted = false;
      cells.forEach(function (c) {
        var found = null, next = null;
        list.forEach(function (x) { if (x.col === c.col) found = x; else if (x.col > c.col && !next) next = x; });
        var text, s, e;
        if (found) { text = changeCell(found, c.note); s = found.start; e = found.end; }
        else { text = newCell(c); s = e = next ? next.start : inner.length; inserted = true; }
        out = out.slice(0, s + shift) + text + out.slice(e + shift);
        shift += text.length - (e - s);
      });
      var ropen = row.self ? row.open.replace(/\s*\/>$/, '>') : row.open;
      // A new cell may lie outside the row's spans (an optional hint): dropped.
      if (inserted) ropen = ropen.replace(/\s+spans\s*=\s*"[^"]*"/, '');
      edits.push({ start: row.start, end: row.end, text: ropen + out + '</' + p + 'row>' });
    });
    function newCell(c) {
      var ref = c.note.ref, s = styles.withFill(0, c.note.kind);
      if (c.note.value === undefined || c.note.value === '') return '<' + p + 'c r="' + ref + '" s="' + s + '"/>';
      var v = valueXml(p, c.note.value, false);
      return '<' + p + 'c r="' + ref + '" s="' + s + '"' + (v.t ? ' t="' + v.t + '"' : '') + '>' + v.body + '</' + p + 'c>';
    }
    function changeCell(x, note) {
      var orig = parseInt(attr(x.open, 's') || '0', 10);
      var open = setAttr(x.open.replace(/\s*\/>$/, '>'), 's', String(styles.withFill(orig, note.kind)));
      var selfClosed = /\/>$/.test(x.open), inner = selfClosed ? '' : x.text.slice(x.open.length, x.text.length - ('</' + p + 'c>').length);
      var hasFormula = new RegExp('<' + p + 'f\\b').test(inner);
      if (note.value === undefined || hasFormula) return open + inner + '</' + p + 'c>';
      if (note.value === '') return open.replace(/\s+t="[^"]*"/, '').replace(/>$/, '/>');
      var v = valueXml(p, note.value, styles.percent(orig));
      open = open.replace(/\s+t\s*=\s*"[^"]*"/, '');
      if (v.t) open = setAttr(open, 't', v.t);
      // Keep what else the cell held (phonetic runs go with the old text).
      return open + v.body + '</' + p + 'c>';
    }
    edits.sort(function (a, b) { return b.start - a.start; });
    edits.forEach(function (e) { body = body.slice(0, e.start) + e.text + body.slice(e.end); });
    xml = xml.slice(0, bodyStart) + body + xml.slice(bodyEnd);
    if (drawingId) xml = addLegacyDrawing(xml, p, drawingId);
    return xml;
  }

  // <legacyDrawing r:id=".."/> where the schema puts it: before the elements
  // that follow it in CT_Worksheet, else before </worksheet>.
  var AFTER_LEGACY = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
  function addLegacyDrawing(xml, p, id) {
    var rp = /xmlns:([\w.-]+)\s*=\s*"http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(xml.slice(0, xml.indexOf('>', xml.search(new RegExp('<' + p + 'worksheet\\b'))) + 1));
    var prefix = rp ? rp[1] : 'fcr';
    if (!rp) xml = xml.replace(new RegExp('<' + p + 'worksheet\\b'), '$& xmlns:fcr="' + NS_REL + '"');
    var el = '<' + p + 'legacyDrawing ' + prefix + ':id="' + id + '"/>';
    var at = -1;
    AFTER_LEGACY.forEach(function (name) {
      var i = xml.search(new RegExp('<' + p + name + '\\b'));
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    if (at < 0) at = xml.lastIndexOf('</' + p + 'worksheet>');
    return xml.slice(0, at) + el + xml.slice(at);
  }

  function commentsXml(sheetNotes) {
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="' + NS_MAIN + '"><authors><author>formcheck</author></authors><commentList>' +
      sheetNotes.map(function (n) {
        return '<comment ref="' + n.ref + '" authorId="0"><text><r><t xml:space="preserve">' + esc(n.lines.join('\n')) + '</t></r></text></comment>';
      }).join('') + '</commentList></comments>';
  }
  var SHAPETYPE = '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';
  // Drawing n (1-based among the new ones) owns shape ids 1024n+1…: Excel
  // wants a shape id unique in the workbook, and idmap names its block.
  function vmlXml(sheetNotes, n) {
    return '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="' + n + '"/></o:shapelayout>' + SHAPETYPE + vmlShapes(sheetNotes, 1024 * n + 1) + '</xml>';
  }
  // An existing drawing keeps its shapes; ours follow them, with ids past theirs.
  function mergeVml(xml, sheetNotes) {
    var top = 1024;
    (xml.match(/_x0000_s(\d+)/g) || []).forEach(function (m) { top = Math.max(top, parseInt(m.slice(8), 10)); });
    var type = /_x0000_t202/.test(xml) ? '' : SHAPETYPE;
    var close = xml.lastIndexOf('</xml>');
    return xml.slice(0, close) + type + vmlShapes(sheetNotes, top + 1) + xml.slice(close);
  }
  function vmlShapes(sheetNotes, first) {
    return sheetNotes.map(function (n, i) {
        var at = refParts(n.ref);
        return '<v:shape id="_x0000_s' + (first + i) + '" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:' +
          Math.min(400, 30 + 14 * n.lines.join('\n').split('\n').length) + 'pt;z-index:' + (i + 1) + ';visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">' +
          '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
          '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>' + at.row +
          '</x:Row><x:Column>' + at.col + '</x:Column></x:ClientData></v:shape>';
    }).join('');
  }

  // Appends comments to a sheet's existing comment part (the clerk's own stay).
  function mergeComments(xml, sheetNotes) {
    var p = rootPrefix(xml, 'comments');
    var authors = xml.match(new RegExp('<' + p + 'author\\b', 'g')) || [];
    var id = authors.length;
    xml = xml.replace(new RegExp('</' + p + 'authors>'), '<' + p + 'author>formcheck</' + p + 'author>$&');
    var add = sheetNotes.filter(function (n) {
      // A cell with a comment of the clerk's: ours is added to it (one comment a cell).
      var re = new RegExp('(<' + p + 'comment\\b[^>]*\\sref="' + n.ref + '"[^>]*>[\\s\\S]*?)(</' + p + 'text>)');
      if (!re.test(xml)) return true;
      xml = xml.replace(re, '$1<' + p + 'r><' + p + 't xml:space="preserve">' + esc('\n' + n.lines.join('\n')).replace(/\$/g, '$$$$') + '</' + p + 't></' + p + 'r>$2');
      return false;
    }).map(function (n) {
      return '<' + p + 'comment ref="' + n.ref + '" authorId="' + id + '"><' + p + 'text><' + p + 'r><' + p + 't xml:space="preserve">' +
        esc(n.lines.join('\n')) + '</' + p + 't></' + p + 'r></' + p + 'text></' + p + 'comment>';
    }).join('');
    return xml.replace(new RegExp('</' + p + 'commentList>'), add + '$&');
  }

  // ------------------------------------------------------------ the package

  function annotate(bytes, noteList) {
    var list = directory(bytes), names = {};
    list.forEach(function (e) { names[e.name] = true; });
    var entries = O.zipEntries(bytes);
    function read(name) { return names[name] ? O.readEntry(bytes, entries, name) : Promise.resolve(null); }
    var parts = {};
    var wanted = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'];
    return Promise.all(wanted.map(read)).then(function (t) {
      wanted.forEach(function (n, i) { parts[n] = t[i]; });
      if (!parts['xl/workbook.xml'] || !parts['[Content_Types].xml']) throw new WorkbookFailure('原文件不是 Excel 工作簿');
      var rels = relsOf(parts['xl/_rels/workbook.xml.rels']), byId = {};
      rels.forEach(function (r) { byId[r.id] = r; });
      // Sheet name -> part.
      var sheetPart = {}, re = /<(?:[\w.-]+:)?sheet\b[^>]*>/g, m;
      while ((m = re.exec(parts['xl/workbook.xml']))) {
        var rid = null, a = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(m[0]);
        if (a) rid = a[1];
        if (rid && byId[rid]) sheetPart[attr(m[0], 'name')] = partName('xl/', byId[rid].target);
      }
      var stylesRel = rels.filter(function (r) { return /\/styles$/.test(r.type); })[0];
      var stylesName = stylesRel ? partName('xl/', stylesRel.target) : null;
      if (!stylesName || !names[stylesName]) throw new WorkbookFailure('原文件没有样式部件');
      var bySheet = {};
      noteList.forEach(function (n) {
        if (!sheetPart[n.sheet] || !names[sheetPart[n.sheet]]) return;
        (bySheet[sheetPart[n.sheet]] = bySheet[sheetPart[n.sheet]] || []).push(n);
      });
      var sheetNames = Object.keys(bySheet);
      var more = [stylesName];
      sheetNames.forEach(function (s) { more.push(s, relsPath(s)); });
      return readAll(more).then(function () {
        // The comment and VML parts the sheets have already: ours join them.
        var own = {}, extra = [];
        sheetNames.forEach(function (sheet) {
          var srels = relsOf(parts[relsPath(sheet)]), base = sheet.slice(0, sheet.lastIndexOf('/') + 1);
          var c = srels.filter(function (r) { return /\/comments$/.test(r.type); })[0];
          // The comments' drawing is the one <legacyDrawing> names (a VML
          // drawing can also hold header/footer pictures: legacyDrawingHF).
          var ld = /<(?:[\w.-]+:)?legacyDrawing\s[^>]*?[\w.-]+:id\s*=\s*"([^"]*)"/.exec(parts[sheet] || '');
          var v = ld ? srels.filter(function (r) { return r.id === ld[1] && /\/vmlDrawing$/.test(r.type); })[0] : null;
          own[sheet] = { rels: srels, base: base, comments: c && partName(base, c.target), vml: v && partName(base, v.target) };
          [own[sheet].comments, own[sheet].vml].forEach(function (n) { if (n && names[n]) extra.push(n); });
        });
        return readAll(extra).then(function () { return build(own); });
      });
      function build(own) {
        var styles = new Styles(parts[stylesName]);
        var replace = {}, add = [], types = parts['[Content_Types].xml'], overrides = '', vml = false, used = {};
        // Blocks of shape ids the workbook's own drawings may use: ours come after them.
        var drawings = 0, existingDrawings = Object.keys(names).filter(function (n) { return /\.vml$/i.test(n); }).length;
        function fresh(pattern) {
          for (var k = 1; ; k++) {
            var n = pattern.replace('N', k);
            if (!names[n] && !used[n]) { used[n] = true; return n; }
          }
        }
        sheetNames.forEach(function (sheet) {
          var o = own[sheet], notesHere = bySheet[sheet].filter(function (n) { return n.lines.length; });
          var drawingId = null, newRels = [], ids = o.rels.slice();
          if (notesHere.length) {
            if (o.comments && parts[o.comments]) {
              replace[o.comments] = mergeComments(parts[o.comments], notesHere);
            } else {
              var cPart = fresh('xl/commentsN.xml'), cId = freeId(ids);
              ids.push({ id: cId });
              add.push({ name: cPart, data: commentsXml(notesHere) });
              newRels.push({ id: cId, type: NS_REL + '/comments', target: relTarget(o.base, cPart) });
              overrides += '<Override PartName="/' + cPart + '" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>';
            }
            if (o.vml && parts[o.vml]) {
              replace[o.vml] = mergeVml(parts[o.vml], notesHere);
            } else {
              var vPart = fresh('xl/drawings/vmlDrawingN.vml');
              drawingId = freeId(ids);
              drawings++;
              add.push({ name: vPart, data: vmlXml(notesHere, drawings + existingDrawings) });
              newRels.push({ id: drawingId, type: NS_REL + '/vmlDrawing', target: relTarget(o.base, vPart) });
              vml = true;
            }
            if (newRels.length) {
              var relName = relsPath(sheet), relText = addRels(parts[relName], newRels);
              if (parts[relName] != null) replace[relName] = relText;
              else add.push({ name: relName, data: relText });
            }
          }
          replace[sheet] = rewriteSheet(parts[sheet], bySheet[sheet], styles, drawingId);
        });
        replace[stylesName] = styles.xml();
        var tp = rootPrefix(types, 'Types');
        var more = (vml && !/Extension\s*=\s*"vml"/i.test(types) ?
          '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' : '') + overrides;
        if (more) replace['[Content_Types].xml'] = types.replace(new RegExp('</' + tp + 'Types>'), (tp ? more.replace(/<(Default|Override)/g, '<' + tp + '$1') : more) + '$&');
        return rebuild(bytes, list, replace, add);
      }
    });
    function readAll(ns) {
      return Promise.all(ns.map(read)).then(function (t) { ns.forEach(function (n, i) { parts[n] = t[i]; }); });
    }
  }
  function relTarget(base, part) {
    // A target relative to the sheet's folder (xl/worksheets/ -> ../commentsN.xml).
    var from = base.split('/').filter(Boolean), to = part.split('/');
    var k = 0;
    while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
    var up = [];
    for (var i = k; i < from.length; i++) up.push('..');
    return up.concat(to.slice(k)).join('/');
  }

  root.FormCheckWorkbook = { notes: notes, annotate: annotate, cellOf: cellOf, WorkbookFailure: WorkbookFailure };
})(typeof self !== 'undefined' ? self : this);
