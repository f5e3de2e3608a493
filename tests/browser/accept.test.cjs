// 说明 (accepted findings) in Chromium: the scenario of accept-steps.cjs.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const b = require('./browser.cjs');
const steps = require('./accept-steps.cjs');

const { context } = b.chromiumSuite(test);

test('Chromium: a finding accepted with a reason is 已说明, survives reload and export/import, re-opens on change', async () => {
  const { page, errors } = await b.openPage(context());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-accept-'));
  await steps.run({
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, arg, { timeout: 60000 }),
    upload: (files) => page.setInputFiles('#file', files),
    reload: async () => {
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    },
  }, dir);
  await b.shot(page, 'accepted');
  // (The printed report's column widths are inline styles the CSP refuses; the print style sheet sets them.)
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await page.close();
});
