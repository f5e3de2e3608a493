#!/usr/bin/env python3
"""Writes the office cases of issue 24 ("Every cell accounted for"):

- as fuzz regression inputs (tests/fuzz_regressions/office_zip/, replayed by
  tests/core/fuzz_regressions_test.cpp through the fuzz body), and
- as fixtures the node differential test reads through the page's path
  (web/js/office.js + wasm) and the CLI's, which must agree byte for byte
  (tests/fixtures/office-issue24/, tests/node/differential.test.cjs).

Cases: two ZIP entries of one name, uncached and shared formulas (evaluated,
unevaluable, stale), a phonetic run in an inline string, a hidden Word run, a
deleted revision and both branches of an mc:AlternateContent, a reference
past Excel's grid, cyclic relationships, a ZIP that is not an Office file, a
PNG and a PDF named .xlsx.
Run from the repository root: python3 tests/fuzz_regressions/make_issue24_cases.py
"""
import os, struct, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FUZZ = os.path.join(ROOT, 'tests', 'fuzz_regressions', 'office_zip')
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures', 'office-issue24')


def raw_zip(entries):
    """entries: (name, data bytes); every entry deflated."""
    body, cdir = b'', b''
    for name, data in entries:
        n = name.encode()
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = c.compress(data) + c.flush()
        crc = zlib.crc32(data) & 0xffffffff
        off = len(body)
        body += struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, 8, 0, 0, crc, len(packed), len(data), len(n), 0) + n + packed
        cdir += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, 8, 0, 0, crc, len(packed), len(data), len(n), 0, 0, 0, 0, 0, off) + n
    return body + cdir + struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(entries), len(entries), len(cdir), len(body), 0)


WB = b'<workbook xmlns:r="r"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
RELS = b'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'


def sheet(rows):
    return b'<worksheet><sheetData>' + rows.encode() + b'</sheetData></worksheet>'


def xlsx(rows, rels=RELS, extra=()):
    return raw_zip([('xl/workbook.xml', WB), ('xl/_rels/workbook.xml.rels', rels), ('xl/worksheets/sheet1.xml', sheet(rows))] + list(extra))


def docx(body):
    return raw_zip([('word/document.xml', b'<w:document xmlns:w="w" xmlns:mc="mc"><w:body>' + body.encode() + b'</w:body></w:document>')])


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


FORMULAS = (
    '<row r="1">' + inline('A1', '项目') + inline('B1', '预算数') + inline('C1', '执行数') + inline('D1', '执行率') + '</row>'
    '<row r="2">' + inline('A2', '甲') + '<c r="B2"><v>120</v></c><c r="C2"><v>90</v></c>'
    '<c r="D2" s="0"><f t="shared" ref="D2:D4" si="0">ROUND(C2/B2*100,2)</f></c></row>'
    '<row r="3">' + inline('A3', '乙') + '<c r="B3"><v>80</v></c><c r="C3"><v>80</v></c><c r="D3"><f t="shared" si="0"/></c></row>'
    '<row r="4">' + inline('A4', '合计') + '<c r="B4"><f>SUM(B2:B3)</f></c><c r="C4"><f>SUM(C2:C3)</f><v>200</v></c>'
    '<c r="D4"><f t="shared" si="0"/></c></row>'
    '<row r="5">' + inline('A5', '其他') + '<c r="B5"><f>VLOOKUP(A5,A2:B4,2)</f></c><c r="C5"><f>C5+1</f></c>'
    '<c r="D5"><f>Other!A1</f></c></row>'
)

CASES = {
    'duplicate-entry.xlsx': raw_zip([('xl/workbook.xml', WB), ('xl/_rels/workbook.xml.rels', RELS),
                                     ('xl/worksheets/sheet1.xml', sheet('<row r="1">' + inline('A1', '100') + '</row>')),
                                     ('xl/worksheets/sheet1.xml', sheet('<row r="1">' + inline('A1', '200') + '</row>'))]),
    'formulas-uncached.xlsx': xlsx(FORMULAS),
    'phonetic-run.xlsx': xlsx('<row r="1"><c r="A1" t="inlineStr"><is><r><t>10</t></r><rPh sb="0" eb="1"><t>0</t></rPh>'
                              '<r><t>0</t></r></is></c></row>'),
    'hidden-deleted-alternate.docx': docx(
        '<w:p><w:r><w:t>0</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>100</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>10</w:t></w:r><w:del w:id="1"><w:r><w:t>9</w:t></w:r></w:del><w:r><w:t>0</w:t></w:r></w:p>'
        '<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>100</w:t></w:r></mc:Choice>'
        '<mc:Fallback><w:r><w:t>100</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>'),
    'past-the-grid.xlsx': xlsx('<row r="1"><c r="XFE1"><v>1</v></c></row>'),
    'cyclic-relationship.xlsx': xlsx('<row r="1">' + inline('A1', 'x') + '</row>',
                                     rels=b'<Relationships><Relationship Id="rId1" Target="workbook.xml"/></Relationships>'),
    'not-office.xlsx': raw_zip([('a.txt', b'x')]),
    'png-named.xlsx': b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00',
    'pdf-named.xlsx': b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n',
    'truncated-directory.xlsx': xlsx('<row r="1">' + inline('A1', 'x') + '</row>')[:-30],
}

os.makedirs(FIXTURES, exist_ok=True)
for name, data in CASES.items():
    with open(os.path.join(FIXTURES, name), 'wb') as f:
        f.write(data)
    if data[:4] == b'PK\x03\x04':
        # The fuzz body prepends a ZIP signature to what it is given.
        with open(os.path.join(FUZZ, 'issue24-' + name), 'wb') as f:
            f.write(data[4:])
