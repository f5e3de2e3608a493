// The release wasm is an -Oz build: every unit compiled with -Oz and the module
// linked with -Oz (wasm-opt -Oz). Reads the flags CMake actually used for the
// build under test, so a change of wasm/CMakeLists.txt that drops -Oz, or that
// loses the inliner settings the speed targets depend on, fails here.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { buildDir } = require('./helpers.cjs');

const cmakeBuild = path.resolve(buildDir, '..');
const commands = JSON.parse(fs.readFileSync(path.join(cmakeBuild, 'compile_commands.json'), 'utf8'));
// The full module and the page's first-load one (formcheck-page-core-module.js) link alike.
const links = ['formcheck_wasm', 'formcheck_wasm_page_core']
  .map((t) => [t, fs.readFileSync(path.join(buildDir, 'CMakeFiles', `${t}.dir`, 'link.txt'), 'utf8')]);
const optFlags = (command) => command.match(/(?:^|\s)-O[0-3sz]\b/g)?.map((f) => f.trim()) ?? [];
const unit = (entry) => path.basename(entry.file);

test('every unit of the wasm build is compiled with -Oz and nothing else', () => {
  assert.ok(commands.length >= 20, `only ${commands.length} units in compile_commands.json`);
  for (const entry of commands) {
    assert.deepEqual(optFlags(entry.command), ['-Oz'], unit(entry));
    // emcc's -Oz turns on -fno-inline-functions (INLINING_LIMIT=1); the build turns it off again.
    assert.match(entry.command, /-s ?INLINING_LIMIT=0\b/, unit(entry));
  }
});

test('both modules are linked with -Oz', () => {
  for (const [target, link] of links) {
    assert.deepEqual(optFlags(link), ['-Oz'], target);
    assert.match(link, /-s SINGLE_FILE=1/, target);
    assert.match(link, /-s DYNAMIC_EXECUTION=0/, target);
  }
});

test('every unit keeps -Oz\'s inliner budget while the page core needs the room', () => {
  // wasm/CMakeLists.txt FORMCHECK_WASM_HOT_SOURCES: none for now (the page core's 400 KB).
  const hot = commands.filter((e) => /-mllvm -inline-threshold=/.test(e.command)).map(unit);
  assert.deepEqual(hot, []);
  for (const name of ['text_import.cpp', 'identities.cpp', 'money_rules.cpp', 'model_json.cpp', 'api.cpp', 'ledger.cpp']) {
    assert.ok(commands.some((e) => unit(e) === name), `${name} is compiled`);
  }
});
