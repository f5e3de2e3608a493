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

module.exports = { launch, watchNetwork, openPage, shot, injectedScriptBlocked, seed, office, SEEDS, pageUrl, dist, root,
  seedsDir, fixtures, shots };
