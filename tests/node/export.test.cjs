// The page's Excel export (forms.js toSheet + office.js writeXlsx) looks like
// the template — merged label cells, column widths, numbers stored as numbers
// and percentages as percentages — reads back, through the same reader the
// CLI uses, to the model it was written from, and opens in LibreOffice, which
// prints it to PDF (build/screenshots/export-*.pdf, for review).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { execFileSync } = require('node:child_process');
const { root, examplesDir } = require('./helpers.cjs');

const native = process.env.FORMCHECK_NATIVE || path.join(root, 'build', 'native', 'formcheck');
const sandbox = { self: {}, Blob, TextEncoder, Uint8Array, DataView, ArrayBuffer, Uint32Array, Math, Object, Array, String, Promise };
for (const f of ['office.js', 'forms.js']) vm.runInNewContext(fs.readFileSync(path.join(root, 'web', 'js', f), 'utf8'), sandbox);
const { FormCheckForms: forms, FormCheckOffice: office } = sandbox.self;
const strip = (o) => (Array.isArray(o) ? o.map(strip)
  : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'src').map(([k, v]) => [k, strip(v)])) : o);

for (const seed of ['000_f35a91aedacdb67a', '001_f2b30ced5db2740f', '002_38699f7d4c788424', 'project-target-example',
  'project-selfeval-example']) {
  test(`export of ${seed}: template layout, and it reads back to the same model`, async () => {
    const model = JSON.parse(execFileSync(native, ['model', path.join(examplesDir, seed + '.txt')]));
    const sheet = forms.toSheet(model);
    sheet.layout.footer = '规则包：测试 & 样例';  // as the page names the applied pack
    const bytes = Buffer.from(await office.writeXlsx(sheet.rows, '表单', sheet.layout).arrayBuffer());
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-export-')), seed + '.xlsx');
    fs.writeFileSync(file, bytes);
    // The parts are stored, so the sheet XML is in the file as written.
    const xml = bytes.toString('utf8');
    assert.match(xml, /<mergeCell ref="A1:[F-I]1"\/>/, 'the title spans the table');
    assert.ok(sheet.layout.merges.length > (model.kind.startsWith('project') ? 5 : 20), 'group labels are merged cells');
    assert.match(xml, /<col min="1" max="1" width="\d+"/);
    // Printed one A4 page wide: fitToWidth only counts with fitToPage on.
    assert.match(xml, /<worksheet [^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
    assert.match(xml, /<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
    // A long text gets the height of its wrapped lines.
    const tall = [...xml.matchAll(/<row r="(\d+)" ht="([\d.]+)" customHeight="1">/g)];
    assert.ok(tall.length >= 1, 'rows with wrapped texts are as tall as their lines');
    for (const [, , ht] of tall) assert.ok(Number(ht) > 15 && Number(ht) <= 409, ht);
    assert.match(xml, /<oddFooter>&amp;L规则包：测试 &amp;&amp; 样例&amp;R&amp;P \/ &amp;N<\/oddFooter>/, 'the pack is printed at the foot');
    if (model.kind === 'target') {
      assert.match(xml, /<c r="E\d+" s="3"><v>545\.57<\/v><\/c>/, 'money is a number shown with its two decimals');
      assert.match(xml, /<mergeCell ref="A\d+:A\d+"\/>/, '一级指标 cells are merged down their group');
    } else if (model.kind === 'selfeval' || model.kind === 'project_selfeval') {
      assert.match(xml, /s="8"><v>-?\d+\.\d+<\/v>/, 'an execution rate such as 95.09% is stored as a percentage');
    }
    const back = JSON.parse(execFileSync(native, ['model', file]));
    assert.deepEqual(strip(back), strip(model));
    // LibreOffice (Debian's, headless) opens it and prints it to PDF: the
    // merged labels as a person sees them, kept for review in build/screenshots.
    const shots = path.join(root, 'build', 'screenshots');
    fs.mkdirSync(shots, { recursive: true });
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.dirname(file)}/lo`, '--convert-to', 'pdf',
      '--outdir', path.dirname(file), file], { stdio: 'ignore', timeout: 120000 });
    const pdf = file.replace(/\.xlsx$/, '.pdf');
    const head = fs.readFileSync(pdf).subarray(0, 5).toString('latin1');
    assert.equal(head, '%PDF-');
    assert.ok(fs.statSync(pdf).size > 20000, 'the PDF has the form in it');
    fs.copyFileSync(pdf, path.join(shots, `export-${seed}.pdf`));
    // A4 landscape (842 × 595 pt).
    assert.match(fs.readFileSync(pdf).toString('latin1'), /\/MediaBox\s*\[\s*0 0 841\.\d+ 595\.\d+\s*\]/);
  });
}

test('the template export prints one page wide in LibreOffice, gives wrapped texts their height, and drops "## " from the title', async () => {
  const model = JSON.parse(execFileSync(native, ['model', path.join(examplesDir, 'changzhou-target-example.txt')]));
  model.title = '## ' + model.title;
  model.texts.functions = '负责全市科技发展规划的拟订和组织实施，'.repeat(12);
  const sheet = forms.toSheet(model);
  assert.equal(sheet.rows[0][0], model.title.slice(3), 'no Markdown heading mark in the title');
  const bytes = Buffer.from(await office.writeXlsx(sheet.rows, '表单', sheet.layout).arrayBuffer());
  const xml = bytes.toString('utf8');
  const row = sheet.rows.findIndex((r) => r[2] === model.texts.functions) + 1;
  const ht = new RegExp(`<row r="${row}" ht="([\\d.]+)" customHeight="1">`).exec(xml);
  assert.ok(ht, 'the long 单位主要职能 row has a height');
  // 228 CJK characters over the merged columns C:G (98 units): 5 lines.
  assert.ok(Number(ht[1]) >= 5 * 14, ht[1]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-export-fit-'));
  const file = path.join(dir, 'fit.xlsx');
  fs.writeFileSync(file, bytes);
  // LibreOffice reads the setting as on: saved again, its sheet says fitToPage.
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
    '--outdir', path.join(dir, 'out'), file], { stdio: 'ignore', timeout: 120000 });
  const resaved = execFileSync('unzip', ['-p', path.join(dir, 'out', 'fit.xlsx'), 'xl/worksheets/sheet1.xml']).toString('utf8');
  assert.match(resaved, /<pageSetUpPr fitToPage="(true|1)"\/>/);
  assert.match(resaved, /fitToWidth="1"/);
  const back = JSON.parse(execFileSync(native, ['model', file]));
  assert.equal(back.title, model.title.slice(3));
});
