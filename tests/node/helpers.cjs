// Loads the real wasm build the way users' code does.
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..');
const buildDir = process.env.FORMCHECK_WASM_DIR || path.join(root, 'build', 'wasm', 'wasm');
const seedsDir = path.resolve(root, '..', 'shared', 'seeds');

function moduleFactory() {
  return require(path.join(buildDir, 'formcheck-module.js'));
}

let apiPromise;
function api() {
  if (!apiPromise) apiPromise = require(path.join(root, 'wasm', 'formcheck-api.js')).init(moduleFactory());
  return apiPromise;
}

const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()
  .map((name) => ({ path: name, text: fs.readFileSync(path.join(seedsDir, name), 'utf8') }));

module.exports = { api, moduleFactory, seeds, root, buildDir };
