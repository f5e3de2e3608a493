// The 说明 (accepted finding) scenario, run in Chromium (accept.test.cjs) and
// Firefox ESR (accept-firefox.test.cjs) through a small driver adapter:
//   { evaluate(fn, arg), waitFor(fn, arg), upload(files), reload() }
// Accept the 2024 report's error with a reason; it is 已说明, not open, and
// listed in the CSV, the printed report and the JSON export; it survives a
// reload and an export/import; a change to a value it was computed from
// re-opens it and the stale statement is reported and can be deleted.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const b = require('./browser.cjs');

const REASON = '本市非税收入按财政统一口径说明，不在本表分析。';

const summary = (d) => d.evaluate(() => document.getElementById('summary').textContent);
const idle = (d, n) => d.waitFor((k) => window.FormCheckApp.state.docs.length === k && !document.body.hasAttribute('aria-busy'), n);

async function clear(d) {
  await d.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
  await idle(d, 0);
}

// Exports are blob downloads: catch the anchor the page clicks and read its blob.
function exported(d, button) {
  return d.evaluate(async (id) => {
    const got = [];
    const orig = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () { got.push({ name: this.download, url: this.href }); };
    try { document.getElementById(id).click(); } finally { HTMLAnchorElement.prototype.click = orig; }
    const text = new TextDecoder().decode(new Uint8Array(await (await fetch(got[0].url)).arrayBuffer()));
    return { name: got[0].name, text };
  }, button);
}

// This tab's draft as saved in IndexedDB: the statements of its first form.
function savedStatements(d) {
  return d.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('formcheck', 1);
    req.onsuccess = () => {
      const get = req.result.transaction('drafts', 'readonly').objectStore('drafts').get(sessionStorage.getItem('formcheck-draft'));
      get.onsuccess = () => {
        const snap = get.result;
        resolve(snap && snap.docs[0] && snap.docs[0].annotations ? snap.docs[0].annotations.accepted.length : -1);
      };
      get.onerror = () => resolve(-1);
    };
    req.onerror = () => resolve(-1);
  }));
}

async function run(d, dir) {
  await clear(d);
  await d.upload([b.seed(b.SEEDS.S2024 + '.txt')]);
  await idle(d, 1);
  assert.equal(await summary(d), '1 个错误 / 2 个警告 / 3 条提示');
  const errorCell = await d.evaluate(() => document.querySelector('input.sev-error, textarea.sev-error').id);
  // An error needs a reason.
  await d.evaluate(() => document.querySelector('.finding.sev-error button.accept').click());
  await d.evaluate(() => document.querySelector('.accept-form .accept-save').click());
  assert.match(await d.evaluate(() => document.querySelector('.accept-form .note').textContent), /必须写明说明理由/);
  assert.equal(await summary(d), '1 个错误 / 2 个警告 / 3 条提示');
  await d.evaluate((r) => {
    document.querySelector('.accept-form textarea').value = r;
    document.querySelector('.accept-form .accept-save').click();
  }, REASON);
  await d.waitFor(() => /已说明：1 个错误/.test(document.getElementById('summary').textContent) && !document.body.hasAttribute('aria-busy'));
  // Not open: no error group, the statement listed with its reason, the cell no longer marked as an error.
  assert.equal(await summary(d), '0 个错误 / 2 个警告 / 3 条提示（已说明：1 个错误）');
  assert.deepEqual(await d.evaluate(() => [...document.querySelectorAll('.sev-group h3')].map((h) => h.textContent)),
    ['警告（2）', '提示（3）', '已说明（1）']);
  assert.match(await d.evaluate(() => document.querySelector('.accepted-group').textContent), new RegExp('已说明的错误：' + REASON));
  assert.deepEqual(await d.evaluate((id) => [...document.getElementById(id).classList].filter((c) => /sev-|accepted/.test(c)), errorCell), ['accepted']);
  // The CSV, the printed report and the JSON export list it with its reason.
  assert.match(await d.evaluate(() => window.FormCheckApp.csvText()), new RegExp('"eval.reason_missing","错误",.*"已说明：' + REASON + '"'));
  await d.evaluate(() => window.FormCheckApp.buildReport());
  assert.match(await d.evaluate(() => document.querySelector('#report .accepted-table').textContent), new RegExp('错误·已说明.*' + REASON));
  assert.match(await d.evaluate(() => document.querySelector('#report .summary').textContent), /已说明：1 个错误/);
  const json = await exported(d, 'export-json');
  const model = JSON.parse(json.text);
  assert.equal(model.accepted.length, 1);
  assert.equal(model.accepted[0].rule, 'eval.reason_missing');
  assert.equal(model.accepted[0].reason, REASON);
  // Saved with the draft: back after a reload.
  for (let i = 0; (await savedStatements(d)) !== 1; i++) {
    if (i > 100) throw new Error('the draft was not saved with its statement');
    await new Promise((r) => setTimeout(r, 100));
  }
  await d.reload();
  await idle(d, 1);
  await d.waitFor(() => /已说明：1 个错误/.test(document.getElementById('summary').textContent));
  // Re-opens when a value the finding was computed from changes (the row's deviation, written with one more decimal).
  const index = await d.evaluate(() => window.FormCheckApp.state.docs[0].result.findings.find((f) => f.rule === 'eval.reason_missing').location.index);
  await d.evaluate((i) => {
    const el = document.getElementById('cell-evaluation-' + i + '-deviation');
    el.value = el.value.replace('%', '0%');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, index);
  await d.waitFor(() => /^1 个错误/.test(document.getElementById('summary').textContent) && !document.body.hasAttribute('aria-busy'));
  assert.ok(await d.evaluate(() => [...document.querySelectorAll('.sev-warning .finding')].some((f) => /说明未生效/.test(f.textContent))));
  await d.evaluate(() => [...document.querySelectorAll('.finding')].find((f) => /说明未生效/.test(f.textContent)).querySelector('button.unaccept').click());
  await d.waitFor(() => ![...document.querySelectorAll('.finding')].some((f) => /说明未生效/.test(f.textContent)) && !document.body.hasAttribute('aria-busy'));
  assert.equal(await d.evaluate(() => window.FormCheckApp.state.docs[0].annotations.accepted.length), 0);
  // Ctrl+Z brings the deleted statement back, Ctrl+Y deletes it again.
  const key = (k) => d.evaluate((x) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: x, ctrlKey: true, bubbles: true })), k);
  await key('z');
  await d.waitFor(() => window.FormCheckApp.state.docs[0].annotations.accepted.length === 1 && !document.body.hasAttribute('aria-busy') &&
    [...document.querySelectorAll('.finding')].some((f) => /说明未生效/.test(f.textContent)));
  await key('y');
  await d.waitFor(() => window.FormCheckApp.state.docs[0].annotations.accepted.length === 0 && !document.body.hasAttribute('aria-busy') &&
    ![...document.querySelectorAll('.finding')].some((f) => /说明未生效/.test(f.textContent)));
  // The exported JSON imports with its statement: 已说明 again.
  const file = path.join(dir, json.name);
  fs.writeFileSync(file, json.text);
  await clear(d);
  await d.upload([file]);
  await idle(d, 1);
  assert.equal(await summary(d), '0 个错误 / 2 个警告 / 3 条提示（已说明：1 个错误）');
  assert.equal(await d.evaluate(() => window.FormCheckApp.state.docs[0].annotations.accepted.length), 1);
  assert.equal(await d.evaluate(() => window.FormCheckApp.state.docs[0].model.accepted), undefined);
}

module.exports = { run };
