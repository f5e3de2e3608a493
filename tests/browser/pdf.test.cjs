// PDFs in the page (issue 27), in real Chromium over file://: pdf.js is read
// from the page itself only when a PDF is opened, runs in a worker from a
// blob under the page's CSP, and requests nothing; the page reads a printed
// form as its .docx, and a hostile PDF gets the core's one message.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const b = require('./browser.cjs');

const pdf = (p) => path.join(b.fixtures, 'pdf', p);
const NAME = 'project-target-example';

const { context, loadFiles } = b.chromiumSuite(test);

const docs = (page) => page.evaluate(() => window.FormCheckApp.state.docs.map((d) => ({
  path: d.path, model: d.model, result: d.result,
  findings: (d.importFindings || []).concat(d.result ? d.result.findings.filter((f) => !(d.importFindings && f.rule.startsWith('import.'))) : []),
})));

test('a printed form reads as its .docx, pdf.js decoded only when a PDF is opened', async () => {
  const { page, errors } = await b.openPage(context());
  await page.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
  await loadFiles(page, [b.office(NAME + '.docx')]);
  assert.equal(await page.evaluate(() => window.FormCheckPdf.decoded), false);
  await loadFiles(page, [pdf('writer/' + NAME + '.pdf')]);
  assert.equal(await page.evaluate(() => window.FormCheckPdf.decoded), true);
  const all = await docs(page);
  const strip = (o) => JSON.parse(JSON.stringify(o, (k, v) => (k === 'src' || k.endsWith('_src') ? undefined
    : typeof v === 'string' ? v.replace(/\s+/g, '') : v)));
  assert.ok(all[1].model, 'the PDF was read as a form');
  assert.deepEqual(strip(all[1].model), strip(all[0].model));
  assert.deepEqual(all[1].findings.map((f) => f.rule).sort(), all[0].findings.map((f) => f.rule).sort());
  assert.deepEqual(errors, []);
  await page.close();
});

test('an encrypted and a scanned PDF each get one message', async () => {
  const { page } = await b.openPage(context());
  await page.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
  await loadFiles(page, [pdf('bad/encrypted.pdf'), pdf('bad/scanned.pdf')]);
  const all = await docs(page);
  const messages = all.map((d) => d.findings.filter((f) => f.rule === 'import.pdf').map((f) => f.message));
  assert.equal(messages[0].length, 1);
  assert.match(messages[0][0], /加密/);
  assert.equal(messages[1].length, 1);
  assert.match(messages[1][0], /扫描件/);
  await page.close();
});
