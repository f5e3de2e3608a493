// Launches Debian's Chromium through playwright-core (no browser download)
// and records every request a page makes, so tests can assert there are none.
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const pageUrl = 'file://' + path.join(dist, 'formcheck.html');
const shots = path.join(root, 'build', 'screenshots');
const seedsDir = path.join(root, 'examples'); // the bundled seed forms
const fixtures = path.join(root, 'tests', 'fixtures');

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formcheck-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1366, height: 768 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-file-access-from-files=false'],
  });
  return { context, userDataDir };
}

// Any request that is not the page itself, a data: URL or a blob: URL is network.
function watchNetwork(context, allowed) {
  const requests = [];
  context.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:') || allowed.some((a) => u === a || u.startsWith(a))) return;
    requests.push(u);
  });
  return requests;
}

async function openPage(context, url = pageUrl) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, errors };
}

async function shot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: false });
}

// Runs in the page (pass it to page.evaluate, in either browser driver):
// resolves true when the CSP refuses a script injected into the document.
function injectedScriptBlocked() {
  return new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__evil = 1';
    document.body.appendChild(s);
    setTimeout(() => resolve(false), 1000);
  });
}

// The seed forms and the office fixtures made from them.
const seed = (name) => path.join(seedsDir, name);
const office = (name) => path.join(fixtures, 'office', name);
const SEEDS = { TARGET: '000_f35a91aedacdb67a', S2024: '001_f2b30ced5db2740f', S2022: '002_38699f7d4c788424' };

// Loads files through the page's file input and waits until each is a
// checked document and the page is idle.
async function loadFiles(page, files) {
  const before = await page.evaluate(() => window.FormCheckApp.state.docs.length);
  await page.setInputFiles('#file', files);
  await page.waitForFunction((n) => window.FormCheckApp.state.docs.length === n && !document.body.hasAttribute('aria-busy'),
    before + files.length, { timeout: 60000 });
}

/**
 * The set-up every Chromium test file shares: one browser for the file, and
 * after each test the assertion that the page made no network request.
 * Returns { context() (the browser context), fresh() (a page with an empty
 * batch: {page, errors}), loadFiles }.
 */
function chromiumSuite(test, { clearShots = false } = {}) {
  const assert = require('node:assert/strict');
  const s = {};
  test.before(async () => {
    if (clearShots) fs.rmSync(shots, { recursive: true, force: true });
    ({ context: s.context, userDataDir: s.userDataDir } = await launch());
    s.net = watchNetwork(s.context, [pageUrl]);
  });
  test.after(async () => {
    await s.context.close();
    fs.rmSync(s.userDataDir, { recursive: true, force: true });
  });
  test.afterEach(() => {
    assert.deepEqual(s.net, [], 'the page made network requests');
  });
  return {
    context: () => s.context,
    fresh: async () => {
      const r = await openPage(s.context);
      await r.page.evaluate(() => { document.getElementById('clear').click(); if (document.getElementById('clear-dialog').open) document.getElementById('clear-confirm').click(); });
      return r;
    },
    loadFiles,
  };
}

module.exports = { launch, watchNetwork, openPage, shot, injectedScriptBlocked, seed, office, SEEDS, pageUrl, dist, root,
  loadFiles, chromiumSuite,
  seedsDir, fixtures, shots };
