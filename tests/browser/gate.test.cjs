// The embedding example: an intranet upload page that keeps its submit button
// disabled while the chosen form has errors. Served over http from 127.0.0.1
// (as an intranet server would), using only the public FormCheck API.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const b = require('./browser.cjs');

let server, origin, context, userDataDir, net;

test.before(async () => {
  server = spawn(process.execPath, [path.join(b.root, 'build-scripts', 'serve.mjs'), '--port', '0'], { cwd: b.root });
  origin = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(d));
      if (m) resolve(m[0].replace(/\/$/, ''));
    });
    server.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
  ({ context, userDataDir } = await b.launch());
  net = b.watchNetwork(context, [origin + '/']);
});
test.after(async () => {
  await context.close();
  server.kill();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});

test('upload gate blocks submit while errors remain', async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(origin + '/examples/upload-gate.html');
  assert.equal(await page.isDisabled('#submit'), true);
  await page.setInputFiles('#form-file', path.join(b.fixtures, 'changzhou-target-error.txt'));
  await page.waitForFunction(() => /错误/.test(document.getElementById('gate-status').textContent), null, { timeout: 30000 });
  assert.equal(await page.isDisabled('#submit'), true);
  assert.equal(await page.$$eval('#gate-errors li', (li) => li.length), 3);
  await page.setInputFiles('#form-file', path.join(b.fixtures, 'changzhou-target-fixed.txt'));
  await page.waitForFunction(() => /检查通过/.test(document.getElementById('gate-status').textContent), null, { timeout: 30000 });
  assert.equal(await page.isDisabled('#submit'), false);
  assert.deepEqual(errors, []);
  assert.deepEqual(net, [], 'no request outside the serving origin');
  await page.close();
});

test('the served page is the same checker (dist/ works as static files)', async () => {
  const page = await context.newPage();
  await page.goto(origin + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.setInputFiles('#file', b.seed(b.SEEDS.TARGET + '.txt'));
  await page.waitForFunction(() => window.FormCheckApp.state.docs.length === 1 && !document.body.hasAttribute('aria-busy'));
  assert.equal(await page.textContent('#summary'), '通过');
  assert.deepEqual(net, []);
  await page.close();
});
