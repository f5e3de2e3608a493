// Writes the inputs of the scaling and batch benchmarks (bench.sh):
//   DIR/scaling/rows-N.txt and rows-N.xlsx for N = 10,000 .. 280,000 (the
//     model JSON is made by the native CLI beside them), to show time per row
//     is flat for every input kind;
//   DIR/batch/form-I.xlsx, 1,000 small office files for the batch timing.
//   node bench/make-scaling-forms.cjs DIR
const fs = require('node:fs');
const path = require('node:path');
const gen = require('../tests/gen/generate.cjs');

const dir = process.argv[2];
const zlib = require('node:zlib');

// An .xlsx as Excel writes one (deflated parts), with the rows as inline strings.
const esc = (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (i) => { let s = ''; for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s; return s; };
function zip(files) {
  const parts = [], dir = [];
  let off = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text), packed = zlib.deflateRawSync(data), n = Buffer.from(name), crc = zlib.crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6); h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(packed.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8); c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(packed.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(off, 42);
    parts.push(h, n, packed);
    dir.push(c, n);
    off += 30 + n.length + packed.length;
  }
  const d = Buffer.concat(dir), e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0); e.writeUInt16LE(files.length, 8); e.writeUInt16LE(files.length, 10);
  e.writeUInt32LE(d.length, 12); e.writeUInt32LE(off, 16);
  return Buffer.concat([...parts, d, e]);
}
const toXlsx = (text) => zip([
  ['xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'],
  ['xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'],
  ['xl/worksheets/sheet1.xml', '<worksheet><sheetData>' + text.split('\n').map((l, r) => '<row r="' + (r + 1) + '">' +
    l.split('\t').map((v, c) => (v ? '<c r="' + col(c) + (r + 1) + '" t="inlineStr"><is><t>' + esc(v) + '</t></is></c>' : '')).join('') +
    '</row>').join('') + '</sheetData></worksheet>'],
]);

(async () => {
fs.mkdirSync(path.join(dir, 'scaling'), { recursive: true });
fs.mkdirSync(path.join(dir, 'batch'), { recursive: true });
for (const n of [10000, 30000, 100000, 280000]) {  // 280,000 rows: ~294,000 lines, under the 300,000 limit
  const text = gen.report(7, n);
  fs.writeFileSync(path.join(dir, 'scaling', `rows-${n}.txt`), text);
  fs.writeFileSync(path.join(dir, 'scaling', `rows-${n}.xlsx`), toXlsx(text));
}
for (let i = 1; i <= 1000; i++) fs.writeFileSync(path.join(dir, 'batch', `form-${i}.xlsx`), toXlsx(gen.form(i, 20 + (i % 60))));
})();
