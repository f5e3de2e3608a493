/*
 * office.js — the parts of .xlsx and .docx files inflated for the core's
 * office reader (C++, shared with the CLI: office_import.cpp), and .xlsx
 * written back for export. Unzip: the browser's DecompressionStream
 * ('deflate-raw'), capped by the bytes it produces. Nothing here touches the
 * network.
 */
(function (root) {
  'use strict';

  var MAX_ENTRY_BYTES = 160 * 1024 * 1024;  // as the core: limits::kMaxOfficePartBytes

  function u16(b, o) { return b[o] | (b[o + 1] << 8); }
  function u32(b, o) { return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }

  // A failure to unzip, said as the core's ZIP reader says it (zip_archive.cpp):
  // the core turns it into the finding the CLI gives (load_office_parts).
  function ZipFailure(reason, kind) {
    this.message = reason;
    this.zipFailure = true;
    this.kind = kind || '';
  }
  ZipFailure.prototype = Object.create(Error.prototype);

  /** Reads the central directory of a ZIP archive: name -> {method, offset, size, csize}. */
  function zipEntries(bytes) {
    if (bytes.length < 22) throw new ZipFailure('文件不完整（ZIP 结构过短）');
    var eocd = -1;
    for (var i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
      if (u32(bytes, i) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new ZipFailure('文件不完整或已损坏（找不到 ZIP 目录）');
    var count = u16(bytes, eocd + 10), p = u32(bytes, eocd + 16), entries = Object.create(null);
    if (count > 10000) throw new ZipFailure('压缩包中的文件过多（' + count + ' 个）');
    var dec = new TextDecoder('utf-8');
    for (var n = 0; n < count; n++) {
      if (p > bytes.length || bytes.length - p < 46 || u32(bytes, p) !== 0x02014b50) throw new ZipFailure('文件已损坏（ZIP 目录不完整）');
      var flags = u16(bytes, p + 8), method = u16(bytes, p + 10), csize = u32(bytes, p + 20), size = u32(bytes, p + 24);
      var nlen = u16(bytes, p + 28), xlen = u16(bytes, p + 30), clen = u16(bytes, p + 32), off = u32(bytes, p + 42);
      if (bytes.length - p - 46 < nlen) throw new ZipFailure('文件已损坏（ZIP 目录不完整）');
      var name = dec.decode(bytes.subarray(p + 46, p + 46 + nlen));
      // Two entries of one name: readers disagree on which is the part, so
      // the file is damaged rather than read either way (as the CLI says).
      if (name in entries) throw new ZipFailure('文件已损坏（压缩包中有两个名为 ' + name + ' 的条目）');
      entries[name] = { flags: flags, method: method, csize: csize, size: size, offset: off };
      p += 46 + nlen + xlen + clen;
    }
    return entries;
  }

  var MAX_TOTAL_BYTES = 256 * 1024 * 1024;  // limits::kMaxOfficeTotalBytes

  // Inflates with the browser's DecompressionStream, counting the bytes it
  // actually produces: a file that lies about its sizes (a zip bomb) is
  // stopped at `cap`, not trusted.
  // `recorded`: the size the archive records for the entry, the bound when it
  // is smaller than `cap` (more output than recorded is no honest file; the
  // core says it in the same words: zip_archive.cpp recorded_size_message).
  function inflateRaw(data, cap, recorded, name) {
    var byRecord = recorded !== undefined && recorded < 0xffffffff && recorded < cap;
    if (byRecord) cap = recorded;
    if (typeof DecompressionStream !== 'function') {
      return Promise.reject(new ZipFailure('此浏览器不能解压 Office 文件，请改用复制粘贴或 .txt'));
    }
    var reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    var chunks = [], total = 0;
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) return;
        total += r.value.length;
        if (total > cap) {
          reader.cancel();
          throw new ZipFailure(byRecord ? '文件已损坏（' + name + ' 解压后过大，超过压缩包记录的 ' + recorded + ' 字节）'
            : '解压后的内容过大（超过 ' + Math.floor(cap / 1024 / 1024) + ' MB）');
        }
        chunks.push(r.value);
        return pump();
      });
    }
    return pump().then(function () {
      var out = new Uint8Array(total), at = 0;
      chunks.forEach(function (c) { out.set(c, at); at += c.length; });
      return out;
    }, function (err) {
      if (err instanceof ZipFailure) throw err;
      throw new ZipFailure('文件已损坏（压缩数据无法解压）');
    });
  }

  function readEntry(bytes, entries, name, cap) {
    var e = entries[name];
    if (!e) return Promise.resolve(null);
    var limit = Math.min(cap === undefined ? MAX_ENTRY_BYTES : cap, MAX_ENTRY_BYTES);
    if (e.flags & 1) return Promise.reject(new ZipFailure('文件已加密（设有打开密码），请先在 Excel/WPS 中取消密码再导入'));
    var h = e.offset;
    if (h > bytes.length || bytes.length - h < 30 || u32(bytes, h) !== 0x04034b50) return Promise.reject(new ZipFailure('文件已损坏（' + name + ' 的位置不对）'));
    var start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
    if (start > bytes.length || bytes.length - start < e.csize) return Promise.reject(new ZipFailure('文件不完整（' + name + ' 被截断）'));
    var data = bytes.subarray(start, start + e.csize);
    var body = e.method === 0 ? (data.length > limit ? Promise.reject(new ZipFailure(name + ' 过大')) : Promise.resolve(data))
      : e.method === 8 ? inflateRaw(data, limit, e.size, name)
      : Promise.reject(new ZipFailure('不支持的压缩方式（' + e.method + '）'));
    return body.then(function (b) { return new TextDecoder('utf-8').decode(b); });
  }

  // The parts of an .xlsx/.docx the core's reader needs, inflated here (the
  // wasm build has no inflater; the browser's is native code): {kind, parts}.
  // Everything else — XML, shared strings, number formats, merges — is read
  // by the same C++ as the CLI's, so a file gives the same model everywhere.
  var XLSX_PARTS = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/;
  //
  // A file it cannot unzip resolves too, as {kind: 'damaged', parts: {reason,
  // kind}} or {kind: 'package'} (a ZIP that is not an Office file): the core
  // says it with the CLI's rule, message and advice.
  function readOfficeParts(bytes) {
    var entries;
    try {
      entries = zipEntries(bytes);
    } catch (err) {
      if (err instanceof ZipFailure) return Promise.resolve(damaged(err));
      return Promise.reject(err);
    }
    var kind = entries['xl/workbook.xml'] ? 'xlsx' : entries['word/document.xml'] ? 'docx' : null;
    if (!kind) return Promise.resolve({ kind: 'package', parts: {} });
    return readParts(bytes, entries, kind).catch(function (err) {
      if (err instanceof ZipFailure) return damaged(err, kind);
      throw err;
    });
  }
  function damaged(err, kind) {
    var parts = { reason: err.message };
    if (kind) parts.kind = kind;
    return { kind: 'damaged', parts: parts };
  }
  // A part's name from a relationship's target relative to `base`, "." and
  // ".." resolved ('' when it climbs out of the package), as the core does.
  function partName(base, target) {
    var joined = target.charAt(0) === '/' ? target.slice(1) : base + target, segs = [];
    var all = joined.split('/');
    for (var i = 0; i < all.length; i++) {
      if (all[i] === '..') {
        if (!segs.length) return '';
        segs.pop();
      } else if (all[i] !== '' && all[i] !== '.') {
        segs.push(all[i]);
      }
    }
    return segs.join('/');
  }
  function xmlAttr(s) {
    return s.replace(/&(lt|gt|quot|apos|amp);/g, function (m, e) { return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[e]; });
  }
  function readParts(bytes, entries, kind) {
    var parts = {}, used = 0;
    function read(n) {
      return readEntry(bytes, entries, n, MAX_TOTAL_BYTES - used).then(function (text) {
        if (text === null) return;
        used += text.length;
        parts[n] = text;
      });
    }
    if (kind === 'docx') return read('word/document.xml').then(function () { return { kind: kind, parts: parts }; });
    // The workbook's relationships first: the sheets are the parts they name
    // (wherever they are), with the usual names besides.
    return read('xl/_rels/workbook.xml.rels').then(function () {
      var wanted = Object.keys(entries).filter(function (n) { return XLSX_PARTS.test(n); });
      var rels = parts['xl/_rels/workbook.xml.rels'] || '', re = /\bTarget\s*=\s*(?:"([^"]*)"|'([^']*)')/g, m;
      while ((m = re.exec(rels))) {
        var n = partName('xl/', xmlAttr(m[1] !== undefined ? m[1] : m[2]));
        if (n && n in entries && wanted.indexOf(n) < 0) wanted.push(n);
      }
      return readAll(wanted.filter(function (n) { return !(n in parts); }), read);
    }).then(function () { return { kind: kind, parts: parts }; });
  }
  // One part at a time: the total is capped by bytes produced so far.
  function readAll(names, read) {
    return names.reduce(function (chain, n) { return chain.then(function () { return read(n); }); }, Promise.resolve());
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

  // A cell's value as Excel keeps it: a plain number (up to 15 significant
  // digits) as a number shown with the decimals it was written with, a plain
  // percentage as its fraction shown as a percentage, anything else as text —
  // so the file reads back to the same text.
  var PLAIN_NUMBER = /^-?\d+(\.(\d{1,4}))?$/, PLAIN_PERCENT = /^-?\d+(\.(\d{1,3}))?%$/;
  function cellXml(ref, v, style) {
    v = String(v);
    var m = PLAIN_NUMBER.exec(v);
    if (m && v.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15) {
      return '<c r="' + ref + '" s="' + (1 + (m[2] ? m[2].length : 0)) + '"><v>' + v + '</v></c>';
    }
    m = PLAIN_PERCENT.exec(v);
    if (m && v.length <= 16) {
      var d = m[2] ? m[2].length : 0;
      // The fraction as exact text: shift the decimal point two places left.
      var digits = v.slice(0, -1).replace('-', ''), neg = v[0] === '-';
      var parts = digits.split('.'), int = parts[0].padStart(3, '0'), frac = parts[1] || '';
      var fraction = (neg ? '-' : '') + (int.slice(0, -2).replace(/^0+(?=\d)/, '') || '0') + '.' + int.slice(-2) + frac;
      return '<c r="' + ref + '" s="' + (6 + d) + '"><v>' + fraction + '</v></c>';
    }
    return '<c r="' + ref + '" s="' + (style || 0) + '" t="inlineStr"><is><t xml:space="preserve">' + esc(v) + '</t></is></c>';
  }

  var STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<numFmts count="5"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="0.000"/>' +
    '<numFmt numFmtId="166" formatCode="0.0000"/><numFmt numFmtId="167" formatCode="0.0%"/><numFmt numFmtId="168" formatCode="0.000%"/></numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="14"/><name val="宋体"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="2"><border/><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/></border></borders>' +
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="12">' +
    // 0 text (wrapped, bordered); 1..5 numbers with 0..4 decimals; 6..9 percentages with 0..3 decimals; 10 title; 11 heading
    '<xf borderId="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
    [1, 164, 2, 165, 166].map(function (id) { return '<xf numFmtId="' + id + '" borderId="1" applyNumberFormat="1" applyBorder="1"/>'; }).join('') +
    [9, 167, 10, 168].map(function (id) { return '<xf numFmtId="' + id + '" borderId="1" applyNumberFormat="1" applyBorder="1"/>'; }).join('') +
    '<xf fontId="1" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>' +
    '<xf fontId="0" applyAlignment="1"><alignment vertical="center"/></xf>' +
    '</cellXfs></styleSheet>';

  // How wide text is in column-width units (the width of "0"): a CJK or
  // full-width character takes two.
  function textWidth(s) {
    var w = 0;
    for (var i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e7f ? 2 : 1;
    return w;
  }
  var LINE_POINTS = 14.4;  // one line of 11 pt 宋体
  // The height each row needs for its wrapped texts (0: the default height
  // does): a cell's text over the width of the columns it spans, line by line.
  function rowHeights(rows, layout, headings) {
    var widths = layout.widths || [], span = {};
    (layout.merges || []).forEach(function (m) { if (m[0] === m[2]) span[m[0] + ',' + m[1]] = m[3]; });
    return rows.map(function (row, r) {
      if (r === layout.title || headings[r]) return 0;
      var lines = 1;
      row.forEach(function (v, c) {
        if (v === '' || v == null) return;
        var last = span[r + ',' + c] !== undefined ? span[r + ',' + c] : c, w = 0;
        for (var k = c; k <= last; k++) w += widths[k] || 8.43;
        var usable = Math.max(1, w - 1);
        var n = String(v).split('\n').reduce(function (sum, p) { return sum + Math.max(1, Math.ceil(textWidth(p) / usable)); }, 0);
        lines = Math.max(lines, n);
      });
      return lines > 1 ? Math.min(409, Math.round((lines * LINE_POINTS + 4) * 10) / 10) : 0;
    });
  }

  /**
   * Writes a one-sheet .xlsx laid out like the template: merged label cells,
   * column widths, a title row, borders, numbers as numbers and percentages
   * as percentages (each shown with the decimals it was written with).
   * `layout`: {merges: [[row1, col1, row2, col2], ...] (0-based), widths: [14, ...], title: rowIndex,
   * headings: [rowIndex...], footer: text printed at the foot of every page (the rule pack)}.
   */
  function writeXlsx(rows, sheetName, layout) {
    layout = layout || {};
    var headings = {};
    (layout.headings || []).forEach(function (r) { headings[r] = true; });
    var cols = (layout.widths || []).map(function (w, i) {
      return '<col min="' + (i + 1) + '" max="' + (i + 1) + '" width="' + w + '" customWidth="1"/>';
    }).join('');
    var heights = rowHeights(rows, layout, headings);
    // fitToPage in sheetPr is what makes fitToWidth="1" print one page wide:
    // without it Excel and LibreOffice print at 100% and cut the table.
    var sheet = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
      (cols ? '<cols>' + cols + '</cols>' : '') + '<sheetData>' +
      rows.map(function (row, r) {
        var style = r === layout.title ? 10 : headings[r] ? 11 : 0;
        return '<row r="' + (r + 1) + '"' + (heights[r] ? ' ht="' + heights[r] + '" customHeight="1"' : '') + '>' + row.map(function (v, c) {
          if (v === '' || v == null) return style ? '' : '<c r="' + colName(c) + (r + 1) + '" s="0"/>';
          return cellXml(colName(c) + (r + 1), v, style);
        }).join('') + '</row>';
      }).join('') + '</sheetData>' +
      ((layout.merges || []).length ? '<mergeCells count="' + layout.merges.length + '">' +
        layout.merges.map(function (m) {
          return '<mergeCell ref="' + colName(m[1]) + (m[0] + 1) + ':' + colName(m[3]) + (m[2] + 1) + '"/>';
        }).join('') + '</mergeCells>' : '') +
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
      (layout.footer ? '<headerFooter><oddFooter>&amp;L' + esc(String(layout.footer).replace(/&/g, '&&')) + '&amp;R&amp;P / &amp;N</oddFooter></headerFooter>' : '') +
      '</worksheet>';
    return zip([
      { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>' },
      { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
      { name: 'xl/workbook.xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="' + esc(sheetName || 'Sheet1') + '" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>' },
      { name: 'xl/styles.xml', data: STYLES },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
  }

  root.FormCheckOffice = {
    readOfficeParts: readOfficeParts,
    writeXlsx: writeXlsx,
    // For workbook.js, which gives the clerk's own workbook back annotated.
    zipEntries: zipEntries,
    readEntry: readEntry,
    crc32: crc32,
  };
})(typeof self !== 'undefined' ? self : this);
