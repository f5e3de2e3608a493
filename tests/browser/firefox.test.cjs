// The single-file page in real Firefox (Debian's firefox-esr, driven by
// puppeteer-core over WebDriver BiDi), opened over file://: the same path a
// user with Firefox takes. Every test asserts the page made no network request.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const b = require('./browser.cjs');
const ff = require('./firefox.cjs');

const { seed, office } = b;
const { S2024, TARGET } = b.SEEDS;

let browser, userDataDir, page, net, errors;

test.before(async () => {
  ({ browser, userDataDir } = await ff.launch());
  page = await browser.newPage();
  net = ff.watchNetwork(page, [b.pageUrl]);
  errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(b.pageUrl);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
});
test.after(async () => {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});
test.afterEach(() => {
  assert.deepEqual(net, [], 'the page made network requests');
});

const idle = (n) => page.waitForFunction((k) => window.FormCheckApp.state.docs.length === k &&
  !document.body.hasAttribute('aria-busy'), { timeout: 60000 }, n);
const summary = () => page.$eval('#summary', (e) => e.textContent);
async function clear() {
  await page.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
  await idle(0);
}

test('Firefox: loads from file:// under the strict CSP, checker in a worker', async () => {
  assert.match(await page.$eval('#version', (e) => e.textContent), /^v\d/);
  assert.equal(await page.evaluate(() => typeof window.FormCheckModule), 'undefined');
  assert.equal(await page.evaluate(b.injectedScriptBlocked), true);
  assert.equal(await page.evaluate(() => window.__evil), undefined);
  assert.deepEqual(errors.filter((e) => !/Content-Security-Policy|Content Security Policy/.test(e)), []);
});

test('Firefox: pasted text is checked, findings listed, click goes to the cell', async () => {
  await clear();
  const text = fs.readFileSync(seed(S2024 + '.txt'), 'utf8');
  await page.evaluate((t) => { document.getElementById('paste').value = t; document.getElementById('check-paste').click(); }, text);
  await idle(1);
  assert.equal(await summary(), '1 个错误 / 2 个警告 / 3 条提示');
  await page.click('.sev-error .finding-go');
  const id = await page.evaluate(() => document.activeElement.id);
  assert.match(id, /^cell-evaluation-\d+-reason$/);
});

test('Firefox: .xlsx and .docx files import to the same form as the text', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(office(TARGET + '.xlsx'), office(TARGET + '.docx'), seed(TARGET + '.txt'));
  await idle(3);
  const counts = await page.evaluate(() => window.FormCheckApp.state.docs.map((d) => d.model.indicators.length));
  assert.equal(new Set(counts).size, 1, 'same indicator count: ' + counts);
  assert.ok(counts[0] > 0);
});

test('Firefox: apply fix, export CSV and JSON, the JSON re-imports', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(path.join(b.fixtures, 'changzhou-target-error.txt'));
  await idle(1);
  assert.match(await summary(), /^3 个错误/);
  await page.evaluate(() => [...document.querySelectorAll('.finding')]
    .find((f) => f.textContent.includes('money.income_total')).querySelector('button.apply').click());
  await page.waitForFunction(() => /^1 个错误/.test(document.getElementById('summary').textContent));
  assert.equal(await page.$eval('#cell-funds-income-0-full', (e) => e.value), '100.00');
  // Exports are blob downloads: catch the anchor the page clicks and read its blob.
  const exported = await page.evaluate(async () => {
    const got = [];
    const orig = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () { got.push({ name: this.download, url: this.href }); };
    try {
      document.getElementById('export-json').click();
      document.getElementById('export-csv').click();
    } finally { HTMLAnchorElement.prototype.click = orig; }
    return Promise.all(got.map(async (g) => {
      const bytes = new Uint8Array(await (await fetch(g.url)).arrayBuffer());
      return { name: g.name, bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, text: new TextDecoder().decode(bytes) };
    }));
  });
  assert.equal(exported.length, 2);
  const model = JSON.parse(exported[0].text);
  assert.equal(model.funds.income[0].full, '100.00');
  assert.ok(exported[1].bom, 'the CSV starts with a UTF-8 BOM so Excel reads it as UTF-8');
  assert.match(exported[1].text, /满意度/);
  // The exported JSON loads back as the corrected form.
  const file = path.join(userDataDir, exported[0].name);
  fs.writeFileSync(file, exported[0].text);
  await clear();
  await (await page.$('#file')).uploadFile(file);
  await idle(1);
  assert.match(await summary(), /^1 个错误/);
});

test('Firefox: drafts autosave to IndexedDB and come back after a reload', async () => {
  await clear();
  const input = await page.$('#file');
  await input.uploadFile(seed(TARGET + '.txt'));
  await idle(1);
  await page.evaluate(() => {
    const el = document.getElementById('cell-header--1-unit');
    el.value = '火狐自动保存测试';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => /草稿已自动保存/.test(document.getElementById('saved').textContent), { timeout: 20000 });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1, { timeout: 20000 });
  assert.equal(await page.$eval('#cell-header--1-unit', (e) => e.value), '火狐自动保存测试');
  await clear();
});
