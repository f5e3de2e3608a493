// 说明 (accepted findings) in Firefox ESR: the scenario of accept-steps.cjs.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const b = require('./browser.cjs');
const ff = require('./firefox.cjs');
const steps = require('./accept-steps.cjs');

let browser, userDataDir, page, net;
test.before(async () => {
  ({ browser, userDataDir } = await ff.launch());
  page = await browser.newPage();
  net = ff.watchNetwork(page, [b.pageUrl]);
  await page.goto(b.pageUrl);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
});
test.after(async () => {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});

test('Firefox: a finding accepted with a reason is 已说明, survives reload and export/import, re-opens on change', async () => {
  const dir = fs.mkdtempSync(path.join(userDataDir, 'accept-'));
  await steps.run({
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, { timeout: 60000 }, arg),
    upload: async (files) => (await page.$('#file')).uploadFile(...files),
    reload: async () => {
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    },
  }, dir);
  assert.deepEqual(net, [], 'the page made network requests');
});
