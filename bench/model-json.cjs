// Writes the model JSON of a generated report as the page exports a model,
// compact and without source positions (the smallest JSON of that model):
//   node bench/model-json.cjs ROWS NATIVE_CLI OUT.json
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const gen = require('../tests/gen/generate.cjs');

const [rows, cli, out] = process.argv.slice(2);
const tmp = path.join(os.tmpdir(), `formcheck-bench-${process.pid}.txt`);
fs.writeFileSync(tmp, gen.report(7, Number(rows)));
const model = JSON.parse(execFileSync(cli, ['model', tmp], { maxBuffer: 1 << 30, encoding: 'utf8' }));
fs.unlinkSync(tmp);
const strip = (o) => Array.isArray(o) ? o.map(strip)
  : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'src').map(([k, v]) => [k, strip(v)])) : o;
fs.writeFileSync(out, JSON.stringify(strip(model)));
