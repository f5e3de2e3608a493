// The page's export of the clerk's own .xlsx (web/js/workbook.js), as both
// browsers' tests check it: caught in the page, then compared entry by entry
// with the original, read back by the CLI's reader and printed by LibreOffice.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');
const { execFileSync } = require('node:child_process');
const { root, fixtures, shots } = require('./browser.cjs');

const native = process.env.FORMCHECK_NATIVE || path.join(root, 'build', 'native', 'formcheck');
const workbookFixture = path.join(fixtures, 'workbook', 'changzhou-target-error-formula.xlsx');
const artifacts = path.join(root, 'build', 'artifacts');
// workbook.js itself, for naming a re-checked finding's cell as the export does.
const sandbox = { self: {}, TextEncoder, TextDecoder, Uint8Array, DataView, ArrayBuffer, Math, Object, Array, String, Promise, RegExp, parseInt, Error };
for (const f of ['office.js', 'workbook.js']) vm.runInNewContext(fs.readFileSync(path.join(root, 'web', 'js', f), 'utf8'), sandbox);
const workbook = sandbox.self.FormCheckWorkbook;

// Every entry of a ZIP: name -> {method, raw (compressed bytes), data (contents)}.
function unzip(buf) {
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const out = new Map();
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20), nlen = buf.readUInt16LE(p + 28);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8'), off = buf.readUInt32LE(p + 42);
    const start = off + 30 + buf.readUInt16LE(off + 26) + buf.readUInt16LE(off + 28);
    const raw = buf.subarray(start, start + csize);
    assert.ok(!out.has(name), 'one entry per name: ' + name);
    out.set(name, { method, raw, data: method === 8 ? zlib.inflateRawSync(raw) : raw });
    p += 46 + nlen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

// Sets a form cell as typing does (an input event), in either driver.
function edit(page, id, value) {
  return page.evaluate((a) => {
    const el = document.getElementById(a.id);
    el.value = a.value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, { id, value });
}

// Clicks 导出 Excel and catches the download the page makes (a blob URL on
// an anchor it clicks): {name, base64, status}.
function exportXlsx(page) {
  return page.evaluate(async () => {
    const orig = HTMLAnchorElement.prototype.click;
    let got;
    try {
      got = await new Promise((resolve, reject) => {
        HTMLAnchorElement.prototype.click = function () { resolve({ name: this.download, url: this.href }); };
        document.getElementById('export-xlsx').click();
        setTimeout(() => reject(new Error('no download within 30 s')), 30000);
      });
    } finally { HTMLAnchorElement.prototype.click = orig; }
    const bytes = new Uint8Array(await (await fetch(got.url)).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return { name: got.name, base64: btoa(s), status: document.getElementById('status').textContent };
  });
}

const strip = (o) => (Array.isArray(o) ? o.map(strip)
  : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'src' && k !== 'unsure').map(([k, v]) => [k, strip(v)])) : o);
const text = (xml) => xml.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const TOUCHED = new Set(['xl/worksheets/sheet1.xml', 'xl/styles.xml', '[Content_Types].xml',
  'xl/worksheets/_rels/sheet1.xml.rels', 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']);
const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7', edited: 'FFE2EFDA' };

/**
 * Checks an annotated export of workbookFixture against what the page shows:
 * `findings` (the page's), `model` (the page's model, edits included),
 * `sheets` (where its grid came from), `edits` ({ref: value}). Prints it to PDF with LibreOffice
 * as `name`.pdf in build/screenshots and build/artifacts (with the .xlsx).
 */
function verifyAnnotated(exported, { findings, model, sheets, edits, name }) {
  const out = Buffer.from(exported.base64, 'base64');
  const before = unzip(fs.readFileSync(workbookFixture)), after = unzip(out);
  for (const [n, e] of before) {
    assert.ok(after.has(n), 'kept: ' + n);
    if (TOUCHED.has(n)) continue;
    assert.ok(e.raw.equals(after.get(n).raw), 'compressed bytes identical: ' + n);
    assert.ok(e.data.equals(after.get(n).data), 'contents identical: ' + n);
  }
  for (const n of after.keys()) assert.ok(before.has(n) || TOUCHED.has(n), 'nothing else added: ' + n);
  const sheet = after.get('xl/worksheets/sheet1.xml').data.toString('utf8');
  const comments = after.get('xl/comments1.xml').data.toString('utf8');
  const styles = after.get('xl/styles.xml').data.toString('utf8');
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)[1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g);
  const fills = /<fills[^>]*>([\s\S]*?)<\/fills>/.exec(styles)[1].match(/<fill>[\s\S]*?<\/fill>/g);
  const fillOf = (ref) => {
    const s = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)[1]);
    return fills[Number(/fillId="(\d+)"/.exec(xfs[s])[1])];
  };
  const cellOf = (f) => f.location.cell || ((c) => c && c.sheet + '!' + c.ref)(workbook.cellOf(sheets, f.location));
  const placed = findings.filter((f) => cellOf(f));
  assert.ok(placed.length >= 1, 'the form has findings at cells');
  for (const f of placed) {
    const ref = cellOf(f).split('!')[1];
    const c = new RegExp(`<comment ref="${ref}"[^>]*>([\\s\\S]*?)</comment>`).exec(comments);
    assert.ok(c, 'a comment at ' + ref);
    assert.ok(text(c[1]).includes(f.message), `the comment at ${ref} says: ${f.message}`);
    const strongest = placed.filter((g) => cellOf(g) === cellOf(f)).map((g) => g.severity)
      .sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b))[0];
    assert.match(fillOf(ref), new RegExp(FILL[strongest]), 'filled as its strongest finding: ' + ref);
  }
  // The formula cell keeps its formula.
  assert.match(sheet, /<c r="E7" s="\d+" t="n"><f>E8\+E10\+10<\/f><v>110<\/v><\/c>/);
  for (const [ref, value] of Object.entries(edits)) {
    assert.match(sheet, new RegExp(`<c r="${ref}" s="\\d+"(?: t="inlineStr")?>(<v>${value}</v>|<is><t xml:space="preserve">${value}</t></is>)</c>`),
      'the edited value is in ' + ref);
    assert.match(text(new RegExp(`<comment ref="${ref}"[^>]*>([\\s\\S]*?)</comment>`).exec(comments)[1]), new RegExp(`改为“${value}”`));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-annotated-'));
  const file = path.join(dir, name + '.xlsx');
  fs.writeFileSync(file, out);
  // Read back by the CLI's reader: the page's model, edits and all.
  assert.deepEqual(strip(JSON.parse(execFileSync(native, ['model', file]))), strip(model));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, file],
    { stdio: 'ignore', timeout: 180000 });
  const pdf = path.join(dir, name + '.pdf');
  assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
  fs.mkdirSync(shots, { recursive: true });
  fs.mkdirSync(artifacts, { recursive: true });
  fs.copyFileSync(pdf, path.join(shots, name + '.pdf'));
  // build/artifacts too: page.test.cjs empties build/screenshots when it starts,
  // after firefox.test.cjs has run.
  fs.copyFileSync(pdf, path.join(artifacts, name + '.pdf'));
  fs.copyFileSync(file, path.join(artifacts, name + '.xlsx'));
}

/**
 * Checks a template-shaped export (a form that did not come from an .xlsx):
 * printed one A4 page wide, wrapped texts as tall as their lines, no "## " in
 * the title; LibreOffice prints it to build/screenshots/`name`.pdf.
 */
function verifyTemplate(exported, { title, name }) {
  const out = Buffer.from(exported.base64, 'base64');
  const sheet = unzip(out).get('xl/worksheets/sheet1.xml').data.toString('utf8');
  assert.match(sheet, /<sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
  assert.match(sheet, /<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
  assert.match(sheet, /<row r="\d+" ht="[\d.]+" customHeight="1">/, 'wrapped texts get their height');
  const first = /<row r="1"[^>]*>([\s\S]*?)<\/row>/.exec(sheet)[1];
  assert.equal(text(first), title);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-template-'));
  const file = path.join(dir, name + '.xlsx');
  fs.writeFileSync(file, out);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, file],
    { stdio: 'ignore', timeout: 180000 });
  const pdf = fs.readFileSync(path.join(dir, name + '.pdf'));
  assert.match(pdf.toString('latin1'), /\/MediaBox\s*\[\s*0 0 841\.\d+ 595\.\d+\s*\]/, 'A4 landscape');
  fs.mkdirSync(shots, { recursive: true });
  fs.writeFileSync(path.join(shots, name + '.pdf'), pdf);
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(artifacts, name + '.pdf'), pdf);
}

module.exports = { unzip, edit, exportXlsx, verifyAnnotated, verifyTemplate, workbookFixture };
