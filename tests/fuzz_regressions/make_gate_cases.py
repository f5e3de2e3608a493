#!/usr/bin/env python3
"""Writes the upload-gate cases (issue #19) as fuzz regression inputs:
hostile office files, limits, amounts that cannot be read. The GoogleTest
suite replays every file under tests/fuzz_regressions/<target>/ through the
fuzz target's body (fuzz/fuzz_bodies.hpp), so each case stays covered.
Run from the repository root: python3 tests/fuzz_regressions/make_gate_cases.py
"""
import io, os, struct, zipfile, zlib, json, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'tests', 'fuzz_regressions')
SEED = open(os.path.join(ROOT, 'examples', '000_f35a91aedacdb67a.txt'), encoding='utf-8').read()


def put(target, name, data):
    with open(os.path.join(OUT, target, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))


def raw_zip(entries):
    """entries: (name, data bytes, deflate, flags, claimed size or None)"""
    body, cdir = b'', b''
    for name, data, deflate, flags, claimed in entries:
        n = name.encode()
        if deflate:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = c.compress(data) + c.flush()
        else:
            packed = data
        crc = zlib.crc32(data) & 0xffffffff
        size = len(data) if claimed is None else claimed
        off = len(body)
        body += struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, flags, 8 if deflate else 0, 0, 0, crc, len(packed), size, len(n), 0) + n + packed
        cdir += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, flags, 8 if deflate else 0, 0, 0, crc, len(packed), size, len(n), 0, 0, 0, 0, 0, off) + n
    return body + cdir + struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(entries), len(entries), len(cdir), len(body), 0)


WB = b'<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'
RELS = b'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'


def xlsx(sheet, **kw):
    return raw_zip([('xl/workbook.xml', WB, True, 0, None), ('xl/_rels/workbook.xml.rels', RELS, True, 0, None),
                    ('xl/worksheets/sheet1.xml', sheet, True, kw.get('flags', 0), kw.get('claimed'))])


def docx(body):
    return raw_zip([('word/document.xml', b'<w:document><w:body>' + body + b'</w:body></w:document>', True, 0, None)])


# ---- office files
put('office_zip', 'zip-bomb-lying-size.xlsx', xlsx(b'<worksheet><sheetData>' + b' ' * (120 << 20) + b'</sheetData></worksheet>', claimed=1024))
fixture = open(os.path.join(ROOT, 'tests', 'fixtures', 'office', '000_f35a91aedacdb67a.xlsx'), 'rb').read()
put('office_zip', 'truncated.xlsx', fixture[:len(fixture) // 2])
put('office_zip', 'column-GKGWBYL.xlsx', xlsx(b'<worksheet><sheetData><row r="300"><c r="GKGWBYL300" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'))
put('office_zip', 'formatted-row-200000.xlsx', xlsx(b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="200000" s="1" customFormat="1"><c r="A200000" s="1"/></row></sheetData></worksheet>'))
put('office_zip', 'gridspan-2e8.docx', docx(b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="200000000"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'))
put('office_zip', 'encrypted.xlsx', xlsx(b'<worksheet/>', flags=1))
put('office_zip', 'xxe.xlsx', xlsx(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>'))
put('office_zip', 'whole-sheet-merge.xlsx', xlsx(b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>'))

# ---- office XML (first byte: even = sheet, odd = document)
for i, x in enumerate([b'<worksheet><sheetData><row><c><v>1', b'<a b="1></a>', b'<!-- ', b'<w:body><w:tbl><w:tr><w:tc>',
                       b'<worksheet><sheetData><row r="-5"><c r="A-1"><v>NaN</v></c></row></sheetData></worksheet>']):
    put('office_xml', 'malformed-%d' % i, bytes([i]) + x)

# ---- text forms
lines = SEED.split('\n')
def seed_with(line, old, new):
    l = list(lines)
    assert old in l[line - 1]
    l[line - 1] = l[line - 1].replace(old, new, 1)
    return '\n'.join(l)
put('text_import', 'basic-600wan.txt', seed_with(20, '516.57', '600万'))
put('text_import', 'total-18-nines.txt', seed_with(10, '545.57', '999999999999999999'))
put('text_import', 'zero-lines-tolerance.txt', seed_with(10, '545.57', '545.60'))
put('text_import', 'unknown-income-line.txt', '\n'.join(lines[:18] + ['\t\t事业收入\t\t12.5\t'] + lines[18:]))
put('text_import', 'row-600-cells.txt', SEED + '\nx' + '\t' * 600 + '\n')
put('text_import', 'cell-300k-cjk.txt', SEED + '\n单位名称\t' + '中' * 100000 + '\n')
put('text_import', 'utf16le.txt', SEED.encode('utf-16'))
put('text_import', 'bare-number.txt', '1e999999\n')

# ---- model JSON (the target prepends "{")
model = json.loads(subprocess.run([os.path.join(ROOT, 'build', 'native', 'formcheck'), 'model',
                                   os.path.join(ROOT, 'examples', '000_f35a91aedacdb67a.txt')], capture_output=True, text=True).stdout)
for name, value in [('total-nan', '"NaN"'), ('total-1e400', '"1e400"'), ('total-raw-huge', '99999999999999999999999.999'), ('total-600wanyuan', '"600万元"')]:
    text = json.dumps(model, ensure_ascii=False).replace('"full": "545.57"', '"full": ' + value, 1)
    put('model_json', name + '.json', text[1:])
put('text_import', 'model-with-bom.json', b'\xef\xbb\xbf' + json.dumps(model, ensure_ascii=False).encode())
