/*
 * office.js — .xlsx and .docx in the browser, turned into the grid the core
 * recognizes ({rows: string[][]}), and .xlsx written back for export.
 * Unzip: the browser's DecompressionStream('deflate-raw'); XML: DOMParser.
 * Nothing here touches the network.
 */
(function (root) {
  'use strict';

  var MAX_ENTRY_BYTES = 64 * 1024 * 1024;

  function u16(b, o) { return b[o] | (b[o + 1] << 8); }
  function u32(b, o) { return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }

  /** Reads the central directory of a ZIP archive: name -> {method, offset, size, csize}. */
  function zipEntries(bytes) {
    var eocd = -1;
    for (var i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
      if (u32(bytes, i) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new Error('不是有效的 Office 文件（ZIP 结构损坏）。');
    var count = u16(bytes, eocd + 10), p = u32(bytes, eocd + 16), entries = {};
    var dec = new TextDecoder('utf-8');
    for (var n = 0; n < count; n++) {
      if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new Error('Office 文件目录损坏。');
      var method = u16(bytes, p + 10), csize = u32(bytes, p + 20), size = u32(bytes, p + 24);
      var nlen = u16(bytes, p + 28), xlen = u16(bytes, p + 30), clen = u16(bytes, p + 32), off = u32(bytes, p + 42);
      var name = dec.decode(bytes.subarray(p + 46, p + 46 + nlen));
      entries[name] = { method: method, csize: csize, size: size, offset: off };
      p += 46 + nlen + xlen + clen;
    }
    return entries;
  }

  function inflateRaw(data) {
    if (typeof DecompressionStream !== 'function') {
      return Promise.reject(new Error('此浏览器不支持解压 Office 文件，请改用复制粘贴或 .txt。'));
    }
    var stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function readEntry(bytes, entries, name) {
    var e = entries[name];
    if (!e) return Promise.resolve(null);
    if (e.size > MAX_ENTRY_BYTES) return Promise.reject(new Error('Office 文件内容过大。'));
    var h = e.offset;
    if (u32(bytes, h) !== 0x04034b50) return Promise.reject(new Error('Office 文件内容损坏。'));
    var start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
    var data = bytes.subarray(start, start + e.csize);
    var body = e.method === 0 ? Promise.resolve(data) : e.method === 8 ? inflateRaw(data)
      : Promise.reject(new Error('不支持的压缩方式。'));
    return body.then(function (b) { return new TextDecoder('utf-8').decode(b); });
  }

  function xml(text) {
    var doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length) throw new Error('Office 文件中的 XML 无法解析。');
    return doc;
  }

  // Elements by local name, whatever the namespace prefix.
  function byName(node, local) {
    var out = [], all = node.getElementsByTagName('*');
    for (var i = 0; i < all.length; i++) if (all[i].localName === local) out.push(all[i]);
    return out;
  }
  function children(node, local) {
    var out = [];
    for (var c = node.firstElementChild; c; c = c.nextElementSibling) if (c.localName === local) out.push(c);
    return out;
  }
  function textOf(node, local) {
    return byName(node, local).map(function (t) { return t.textContent; }).join('');
  }

  // ------------------------------------------------------------------ xlsx

  function colIndex(ref) {
    var n = 0;
    for (var i = 0; i < ref.length; i++) {
      var c = ref.charCodeAt(i);
      if (c < 65 || c > 90) break;
      n = n * 26 + (c - 64);
    }
    return n - 1;
  }
  function rowIndex(ref) { return parseInt(ref.replace(/^[A-Z]+/, ''), 10) - 1; }

  // Shifts a decimal string by k places (×10^k) without binary floating point.
  function shiftDecimal(s, k) {
    var neg = s[0] === '-';
    if (neg) s = s.slice(1);
    var parts = s.split('.'), int = parts[0], frac = parts[1] || '';
    frac += '0'.repeat(Math.max(0, k - frac.length));
    int += frac.slice(0, k);
    frac = frac.slice(k);
    int = int.replace(/^0+(?=\d)/, '');
    return (neg ? '-' : '') + int + (frac ? '.' + frac : '');
  }

  // Rounds a decimal string to d places, half away from zero, as text.
  function roundDecimal(s, d) {
    var neg = s[0] === '-';
    if (neg) s = s.slice(1);
    var parts = s.split('.'), int = parts[0], frac = (parts[1] || '') + '0'.repeat(d + 1);
    var digits = (int + frac.slice(0, d)).split('').map(Number);
    if (Number(frac[d]) >= 5) {
      for (var i = digits.length - 1; i >= 0; i--) {
        if (digits[i] < 9) { digits[i]++; break; }
        digits[i] = 0;
        if (i === 0) digits.unshift(1);
      }
    }
    var all = digits.join(''), cut = all.length - d;
    var out = (all.slice(0, cut).replace(/^0+(?=\d)/, '') || '0') + (d > 0 ? '.' + all.slice(cut) : '');
    return (neg && /[1-9]/.test(out) ? '-' : '') + out;
  }

  // What Excel shows for a number cell with this number format.
  function formatNumber(raw, fmt) {
    // The shortest text that reads back as the same double: "15.81", not "15.810000000000002".
    var s = String(Number(raw));
    if (/e/i.test(s)) s = raw;
    if (!fmt) return s;
    var percent = fmt.indexOf('%') >= 0;
    var m = /0\.(0+)/.exec(fmt);
    var decimals = m ? m[1].length : (/^[#,0]+%?$/.test(fmt.replace(/\\|"|_\)|\[.*?\]/g, '')) ? 0 : -1);
    if (percent) s = shiftDecimal(s, 2);
    if (decimals >= 0) s = roundDecimal(s, decimals);
    return percent ? s + '%' : s;
  }

  var BUILTIN_FORMATS = { 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%' };

  function readStyles(doc) {
    if (!doc) return [];
    var custom = {};
    byName(doc, 'numFmt').forEach(function (f) { custom[f.getAttribute('numFmtId')] = f.getAttribute('formatCode'); });
    var xfs = byName(doc, 'cellXfs')[0];
    if (!xfs) return [];
    return children(xfs, 'xf').map(function (xf) {
      var id = xf.getAttribute('numFmtId');
      return custom[id] || BUILTIN_FORMATS[id] || '';
    });
  }

  function parseRange(ref) {
    var parts = ref.split(':');
    var a = parts[0], b = parts[1] || parts[0];
    return { r1: rowIndex(a), c1: colIndex(a), r2: rowIndex(b), c2: colIndex(b) };
  }

  function sheetToGrid(doc, shared, styles) {
    var rows = [];
    byName(doc, 'row').forEach(function (row) {
      var r = row.getAttribute('r') ? parseInt(row.getAttribute('r'), 10) - 1 : rows.length;
      var cells = rows[r] || (rows[r] = []);
      children(row, 'c').forEach(function (c, k) {
        var ref = c.getAttribute('r'), ci = ref ? colIndex(ref) : k;
        var t = c.getAttribute('t'), v = children(c, 'v')[0], f = children(c, 'f')[0], value = '';
        // Typing "=100%" or "=2场" into Excel or WPS makes a formula (the
        // latter shows #NAME?); a formula that is only a constant with a unit is
        // what the user meant to write, operator included.
        if (f && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*(%|[^\x00-\x7f]+)?\s*$/.test(f.textContent)) value = '=' + f.textContent.trim();
        else if (t === 's') value = v ? (shared[parseInt(v.textContent, 10)] || '') : '';
        else if (t === 'inlineStr') value = textOf(c, 't');
        else if (t === 'b') value = v && v.textContent === '1' ? 'TRUE' : 'FALSE';
        else if (t === 'str' || t === 'e') value = v ? v.textContent : '';
        else if (v) value = formatNumber(v.textContent, styles[parseInt(c.getAttribute('s') || '0', 10)]);
        cells[ci] = value;
      });
    });
    // Merged cells: a region is one logical cell. Its value sits in the
    // top-left cell; the columns a merge spans to the right are dropped (so
    // values keep their places relative to their labels), and the rows it
    // spans below keep an empty cell, which the recognizer reads as
    // "continues the group above".
    var dropped = {};
    byName(doc, 'mergeCell').forEach(function (m) {
      var g = parseRange(m.getAttribute('ref') || '');
      if (!(g.r2 >= g.r1 && g.c2 >= g.c1) || (g.r2 - g.r1 + 1) * (g.c2 - g.c1 + 1) > 1e6) return;
      for (var r = g.r1; r <= g.r2; r++) for (var c = g.c1 + 1; c <= g.c2; c++) dropped[r + ':' + c] = true;
    });
    for (var k = 0; k < rows.length; k++) rows[k] = rows[k] || [];
    return rows.map(function (cells, r) {
      var out = [];
      for (var j = 0; j < (cells || []).length; j++) {
        if (dropped[r + ':' + j]) continue;
        out.push(cells[j] === undefined ? '' : cells[j]);
      }
      return out;
    });
  }

  function readXlsx(bytes) {
    var entries = zipEntries(bytes);
    return Promise.all([
      readEntry(bytes, entries, 'xl/workbook.xml'), readEntry(bytes, entries, 'xl/_rels/workbook.xml.rels'),
      readEntry(bytes, entries, 'xl/sharedStrings.xml'), readEntry(bytes, entries, 'xl/styles.xml'),
    ]).then(function (r) {
      if (!r[0]) throw new Error('不是 Excel 工作簿（缺少 xl/workbook.xml）。');
      var wb = xml(r[0]), rels = r[1] ? xml(r[1]) : null;
      var shared = r[2] ? byName(xml(r[2]), 'si').map(function (si) { return textOf(si, 't'); }) : [];
      var styles = r[3] ? readStyles(xml(r[3])) : [];
      var targets = {};
      if (rels) byName(rels, 'Relationship').forEach(function (x) { targets[x.getAttribute('Id')] = x.getAttribute('Target'); });
      var sheets = byName(wb, 'sheet').map(function (s) {
        var rid = s.getAttribute('r:id') || s.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
        var target = targets[rid] || 'worksheets/sheet1.xml';
        return { name: s.getAttribute('name'), path: target.charAt(0) === '/' ? target.slice(1) : 'xl/' + target };
      });
      // The form is on the first sheet; further sheets are appended so nothing is lost.
      return Promise.all(sheets.map(function (s) { return readEntry(bytes, entries, s.path); })).then(function (texts) {
        var rows = [];
        texts.forEach(function (t, i) {
          if (!t) return;
          if (i > 0) rows.push([]);
          Array.prototype.push.apply(rows, sheetToGrid(xml(t), shared, styles));
        });
        return { rows: rows };
      });
    });
  }

  // ------------------------------------------------------------------ docx

  function paragraphText(p) {
    var out = '';
    var all = p.getElementsByTagName('*');
    for (var i = 0; i < all.length; i++) {
      var n = all[i].localName;
      if (n === 't') out += all[i].textContent;
      else if (n === 'tab') out += ' ';
      else if (n === 'br' || n === 'cr') out += ' ';
    }
    return out;
  }

  function readDocx(bytes) {
    var entries = zipEntries(bytes);
    return readEntry(bytes, entries, 'word/document.xml').then(function (text) {
      if (!text) throw new Error('不是 Word 文档（缺少 word/document.xml）。');
      var body = byName(xml(text), 'body')[0], rows = [];
      for (var node = body.firstElementChild; node; node = node.nextElementSibling) {
        if (node.localName === 'p') {
          rows.push([paragraphText(node)]);
        } else if (node.localName === 'tbl') {
          children(node, 'tr').forEach(function (tr) {
            var cells = [];
            children(tr, 'tc').forEach(function (tc) {
              var pr = children(tc, 'tcPr')[0];
              var span = pr && children(pr, 'gridSpan')[0] ? parseInt(children(pr, 'gridSpan')[0].getAttribute('w:val') || '1', 10) : 1;
              var vmerge = pr && children(pr, 'vMerge')[0];
              var continued = vmerge && vmerge.getAttribute('w:val') !== 'restart';
              // A vertically merged continuation is an empty cell (the group continues).
              var value = continued ? '' : children(tc, 'p').map(paragraphText).join(' ');
              cells.push(value);
              for (var k = 1; k < span; k++) cells.push('');
            });
            rows.push(cells);
          });
          rows.push([]);
        }
      }
      return { rows: rows };
    });
  }

  // ------------------------------------------------------------ xlsx write

  var CRC_TABLE = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();
  function crc32(b) {
    var c = 0xffffffff;
    for (var i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  // A ZIP with stored (uncompressed) entries: small code, valid for Excel/WPS/LibreOffice.
  function zip(files) {
    var enc = new TextEncoder(), parts = [], central = [], offset = 0;
    files.forEach(function (f) {
      var name = enc.encode(f.name), data = typeof f.data === 'string' ? enc.encode(f.data) : f.data, crc = crc32(data);
      var h = new DataView(new ArrayBuffer(30));
      h.setUint32(0, 0x04034b50, true); h.setUint16(4, 20, true); h.setUint16(6, 0x0800, true);
      h.setUint32(14, crc, true); h.setUint32(18, data.length, true); h.setUint32(22, data.length, true);
      h.setUint16(26, name.length, true);
      var c = new DataView(new ArrayBuffer(46));
      c.setUint32(0, 0x02014b50, true); c.setUint16(4, 20, true); c.setUint16(6, 20, true); c.setUint16(8, 0x0800, true);
      c.setUint32(16, crc, true); c.setUint32(20, data.length, true); c.setUint32(24, data.length, true);
      c.setUint16(28, name.length, true); c.setUint32(42, offset, true);
      parts.push(new Uint8Array(h.buffer), name, data);
      central.push(new Uint8Array(c.buffer), name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (s, b) { return s + b.length; }, 0);
    var e = new DataView(new ArrayBuffer(22));
    e.setUint32(0, 0x06054b50, true); e.setUint16(8, files.length, true); e.setUint16(10, files.length, true);
    e.setUint32(12, size, true); e.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [new Uint8Array(e.buffer)]),
      { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  }
  function colName(i) {
    var s = '';
    for (i++; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
    return s;
  }

  /** Writes rows of strings as a one-sheet .xlsx (text kept exactly as shown). */
  function writeXlsx(rows, sheetName) {
    var sheet = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      rows.map(function (row, r) {
        return '<row r="' + (r + 1) + '">' + row.map(function (v, c) {
          if (v === '' || v == null) return '';
          return '<c r="' + colName(c) + (r + 1) + '" t="inlineStr"><is><t xml:space="preserve">' + esc(v) + '</t></is></c>';
        }).join('') + '</row>';
      }).join('') + '</sheetData></worksheet>';
    return zip([
      { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>' },
      { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
      { name: 'xl/workbook.xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="' + esc(sheetName || 'Sheet1') + '" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
  }

  root.FormCheckOffice = {
    readXlsx: readXlsx,
    readDocx: readDocx,
    writeXlsx: writeXlsx,
    formatNumber: formatNumber,
  };
})(typeof self !== 'undefined' ? self : this);
