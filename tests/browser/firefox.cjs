// Launches Debian's Firefox ESR through puppeteer-core over WebDriver BiDi
// (stock Firefox speaks it; playwright-core needs a patched Firefox, and no
// browser is downloaded). Records every request so tests can assert there are none.
const puppeteer = require('puppeteer-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const executablePath = process.env.FIREFOX || '/usr/bin/firefox-esr';

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formcheck-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir,
    defaultViewport: { width: 1366, height: 768 },
    // The machine has no network: keep Firefox from trying (updates, telemetry, safe browsing).
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  return { browser, userDataDir };
}

// Any request of the page that is not the page itself, a data: URL or a blob: URL is network.
function watchNetwork(page, allowed) {
  const requests = [];
  const seen = (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:') || allowed.some((a) => u === a) || requests.includes(u)) return;
    requests.push(u);
  };
  // A request refused at once (closed port, no network) may only show up as failed.
  page.on('request', seen);
  page.on('requestfailed', seen);
  return requests;
}

module.exports = { launch, watchNetwork, executablePath };
