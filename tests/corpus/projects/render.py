#!/usr/bin/env python3
"""Renders the transcribed project forms (tests/corpus/projects/<id>.tsv) into the
renderings a clerk has, and checks the corpus files against each other.

For each <id>.tsv (with its <id>.meta.json) it writes, next to it:
  <id>.clip.txt  the Excel clipboard text: cells separated by TAB, every row ended by
                 CRLF, every row as wide as the grid; a cell holding a line break, a tab
                 or a double quote is wrapped in double quotes with inner quotes doubled.
  <id>.xlsx      one sheet, the grid with the merges recorded in meta.json ("merges").
  <id>.docx      one table, the same merges (gridSpan / vMerge).
The .xlsx/.docx writers use the standard library only (zipfile + hand-written XML):
no office program is installed here. Cells are text cells, except a cell whose text is
a plain decimal number that a general-format cell shows unchanged ("80", "89.974";
not "0.00", "100.00%", "≥50个"): that one becomes a numeric cell, as a clerk's sheet has it.

TSV convention: one line per row, cells separated by TAB; inside a cell "\\n" stands for
a line break, "\\t" for a tab and "\\\\" for a backslash. A merged block keeps its text in
its first (top-left) cell and leaves the cells it covers empty.

usage: python3 render.py [--check] [ID ...]
  --check  only validate (TSV parses, merges lie inside the grid, do not overlap and
           cover only empty cells, meta/gold parse and agree on id/family/held_out);
           exit status 1 on any problem.
"""
import json
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape as xml_escape

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # zip entry time: outputs are byte-stable across runs


def unescape_cell(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            out.append({'n': '\n', 't': '\t', '\\': '\\'}.get(n, '\\' + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    rows = [[unescape_cell(c) for c in l.split('\t')] for l in lines]
    width = max((len(r) for r in rows), default=0)
    return [r + [''] * (width - len(r)) for r in rows], width


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def col_letters(i):
    s, i = '', i + 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def parse_range(ref):
    m = re.fullmatch(r'([A-Z]+)(\d+):([A-Z]+)(\d+)', ref)
    if not m:
        raise ValueError('bad merge range %r' % ref)
    r0, c0, r1, c1 = int(m.group(2)) - 1, col_index(m.group(1)), int(m.group(4)) - 1, col_index(m.group(3))
    if r1 < r0 or c1 < c0:
        raise ValueError('reversed merge range %r' % ref)
    return r0, c0, r1, c1


def merges_of(meta):
    return [parse_range(m) for m in meta.get('merges', [])]


def validate(fid, rows, width, meta, gold):
    problems = []
    if meta.get('id') != fid or gold.get('id') != fid:
        problems.append('id mismatch between file name, meta.json and gold.json')
    if meta.get('family') != gold.get('family'):
        problems.append('family differs: meta %r, gold %r' % (meta.get('family'), gold.get('family')))
    if meta.get('family') not in ('project_target', 'project_selfeval'):
        problems.append('unknown family %r' % meta.get('family'))
    if 'held_out' not in meta:
        problems.append('meta.json lacks held_out')
    for key in ('source', 'province', 'year', 'format', 'cut_off', 'transcription'):
        if key not in meta:
            problems.append('meta.json lacks %s' % key)
    taken = {}
    for ref, (r0, c0, r1, c1) in zip(meta.get('merges', []), merges_of(meta)):
        if r1 >= len(rows) or c1 >= width:
            problems.append('merge %s lies outside the %dx%d grid' % (ref, len(rows), width))
            continue
        if (r0, c0) == (r1, c1):
            problems.append('merge %s is a single cell' % ref)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) in taken:
                    problems.append('merge %s overlaps %s at %s%d' % (ref, taken[(r, c)], col_letters(c), r + 1))
                taken[(r, c)] = ref
                if (r, c) != (r0, c0) and rows[r][c] != '':
                    problems.append('merge %s covers the non-empty cell %s%d' % (ref, col_letters(c), r + 1))
    problems += gold_cells_missing(rows, gold)
    return problems


def gold_cells_missing(rows, gold):
    """Every indicator name and value, and every funds value given per column, must be the
    text of some cell of the transcription: the gold may not hold what the table does not."""
    cells = {c for r in rows for c in r if c}
    want = []
    if gold.get('project_name'):
        want.append(('project_name', gold['project_name']))
    for ind in gold.get('indicators', []):
        for k in ('level1', 'level2', 'level3', 'values_unsplit'):
            if ind.get(k):
                want.append((k, ind[k]))
        want += list(ind.get('values', {}).items())
    for name, row in ((gold.get('funds') or {}).get('rows') or {}).items():
        if isinstance(row, dict):
            want += [(name + '/' + k, v) for k, v in row.items() if isinstance(v, str)]
    return ['gold %s %r is not the text of any cell' % (k, v) for k, v in want if v not in cells]


def clip_text(rows):
    def cell(s):
        if any(ch in s for ch in '\n\t"'):
            return '"' + s.replace('"', '""') + '"'
        return s
    return ''.join('\t'.join(cell(c) for c in r) + '\r\n' for r in rows)


PLAIN_NUMBER = re.compile(r'-?(0|[1-9][0-9]{0,14})(\.[0-9]{0,8}[1-9])?')


def xlsx_bytes(rows, width, merges):
    def cell_xml(r, c, s):
        ref = '%s%d' % (col_letters(c), r + 1)
        if s == '':
            return ''
        if PLAIN_NUMBER.fullmatch(s):
            return '<c r="%s"><v>%s</v></c>' % (ref, s)
        return '<c r="%s" t="inlineStr" s="1"><is><t xml:space="preserve">%s</t></is></c>' % (ref, xml_escape(s))
    sheet_rows = []
    for r, row in enumerate(rows):
        cells = ''.join(cell_xml(r, c, s) for c, s in enumerate(row))
        sheet_rows.append('<row r="%d">%s</row>' % (r + 1, cells))
    merge_xml = ''
    if merges:
        merge_xml = '<mergeCells count="%d">%s</mergeCells>' % (len(merges), ''.join(
            '<mergeCell ref="%s%d:%s%d"/>' % (col_letters(c0), r0 + 1, col_letters(c1), r1 + 1)
            for r0, c0, r1, c1 in merges))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<cols><col min="1" max="%d" width="18" customWidth="1"/></cols>'
             '<sheetData>%s</sheetData>%s</worksheet>') % (max(width, 1), ''.join(sheet_rows), merge_xml)
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
              '<alignment wrapText="1" vertical="center"/></xf></cellXfs></styleSheet>')
    parts = {
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '</Types>',
        '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>',
        'xl/worksheets/sheet1.xml': sheet,
        'xl/styles.xml': styles,
    }
    return zip_bytes(parts)


def docx_bytes(rows, width, merges):
    # Which merge starts at / covers each cell.
    start, covered = {}, {}
    for m in merges:
        r0, c0, r1, c1 = m
        start[(r0, c0)] = m
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = m

    def para(s):
        runs = []
        for i, line in enumerate(s.split('\n')):
            if i:
                runs.append('<w:r><w:br/></w:r>')
            if line:
                runs.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % xml_escape(line))
        return '<w:p>%s</w:p>' % ''.join(runs)

    body = []
    grid = ''.join('<w:gridCol w:w="1200"/>' for _ in range(width))
    trs = []
    for r, row in enumerate(rows):
        tcs, c = [], 0
        while c < width:
            m = start.get((r, c)) or covered.get((r, c))
            if m and m[1] == c:  # first column of a block (its top row or a row below)
                r0, c0, r1, c1 = m
                props = ''
                if c1 > c0:
                    props += '<w:gridSpan w:val="%d"/>' % (c1 - c0 + 1)
                if r1 > r0:
                    props += '<w:vMerge w:val="restart"/>' if r == r0 else '<w:vMerge/>'
                text = rows[r0][c0] if r == r0 else ''
                tcs.append('<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (props, para(text)))
                c = c1 + 1
                continue
            tcs.append('<w:tc>%s</w:tc>' % para(row[c]))
            c += 1
        trs.append('<w:tr>%s</w:tr>' % ''.join(tcs))
    body.append('<w:tbl><w:tblPr><w:tblBorders>'
                '<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
                '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
                '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
                '</w:tblBorders></w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl><w:p/>' % (grid, ''.join(trs)))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body>%s</w:body></w:document>') % ''.join(body)
    parts = {
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>',
        '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>',
        'word/document.xml': document,
    }
    return zip_bytes(parts)


def zip_bytes(parts):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode('utf-8'))
    return buf.getvalue()


def main(argv):
    check_only = '--check' in argv
    ids = [a for a in argv if not a.startswith('--')]
    if not ids:
        ids = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith('.tsv'))
    failed = False
    for fid in ids:
        base = os.path.join(HERE, fid)
        rows, width = read_tsv(base + '.tsv')
        with open(base + '.meta.json', encoding='utf-8') as f:
            meta = json.load(f)
        with open(base + '.gold.json', encoding='utf-8') as f:
            gold = json.load(f)
        problems = validate(fid, rows, width, meta, gold)
        for p in problems:
            print('%s: %s' % (fid, p), file=sys.stderr)
        failed |= bool(problems)
        if check_only or problems:
            continue
        merges = merges_of(meta)
        with open(base + '.clip.txt', 'w', encoding='utf-8', newline='') as f:
            f.write(clip_text(rows))
        with open(base + '.xlsx', 'wb') as f:
            f.write(xlsx_bytes(rows, width, merges))
        with open(base + '.docx', 'wb') as f:
            f.write(docx_bytes(rows, width, merges))
    print('%d forms %s%s' % (len(ids), 'checked' if check_only else 'rendered', ', with problems' if failed else ''))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
