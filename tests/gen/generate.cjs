// Deterministic generator of realistic forms (both families, TSV text as
// pasted from Excel), with a controlled share of real errors: totals off
// (30% of target tables), wrong execution rates (2% of budget rows), about 5%
// of indicators missed (70% of those with a reason), wrong deviations (2%),
// unit clashes (1-2%), typos in common indicator names (3%). Used by the
// differential test and the benchmarks (docs/performance.md).
//
//   node tests/gen/generate.cjs OUT_DIR COUNT            1 file per form, mixed sizes
//   node tests/gen/generate.cjs --rows N > form.txt      one self-evaluation report with ~N rows
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const COMMON = ['工作计划制定健全性', '中长期规划制定健全性', '绩效指标明确性', '绩效目标合理性', '预算编制规范性', '预算编制科学性',
  '预算执行率', '预算调整率', '结转结余率', '支付进度符合率', '公用经费控制率', '“三公经费”变动率', '政府采购执行率',
  '非税收入预算完成率', '预算管理制度健全性', '资金使用合规性', '绩效管理覆盖率', '基础信息完善性', '预决算信息公开度',
  '非税收入管理合规性', '资产管理制度健全性', '资产管理规范性', '固定资产利用率', '项目管理制度健全性', '项目管理制度执行规范性',
  '人员管理制度健全性', '人员管理制度执行有效性', '在职人员控制率', '组织建设工作及时完成率', '业务学习与培训及时完成率', '纪检监察工作有效性'];
const UNITS = ['项', '家', '场', '人次', '个', '篇', '次', '台套'];

const money = (cents) => (cents / 100).toFixed(2);
const pct = (num, den) => (den === 0 ? '0.00' : ((num * 10000 / den) | 0) / 100).toString();

function rate(num, den) {  // rounded half up to two decimals, as the forms show it
  if (den === 0) return '0.00%';
  const v = Math.round((num * 1e6) / den) / 1e4;
  return v.toFixed(2) + '%';
}

function target(r, i, rows) {
  const unit = `测试单位${i}`;
  const lines = ['苏州市市级部门整体预算绩效目标表', '2022年度', `单位名称\t\t${unit}`, '单位主要职能\t\t负责相关工作。',
    '部门整体资金（万元）\t收入\t\t\t全年预算数'];
  const projects = Math.max(2, Math.floor(rows / 10));
  const items = [];
  for (let k = 0; k < projects; k++) items.push(Math.floor(r() * 500000) + 100);
  const half = items.map((c) => Math.floor(c * (0.3 + r() * 0.4)));
  const proj = items.reduce((a, b) => a + b, 0), projHalf = half.reduce((a, b) => a + b, 0);
  const basic = Math.floor(r() * 5000000) + 10000;
  let total = basic + proj;
  if (r() < 0.3) total += 1 + Math.floor(r() * 1000);  // a total that does not add up
  lines.push(`\t\t资金总额\t\t${money(total)}`, `\t\t财政拨款\t小计\t${money(basic + proj)}`,
    `\t\t\t一般公共预算资金\t${money(basic + proj)}`, '\t支出\t\t\t半年计划执行数\t全年预算数',
    `\t\t基本支出\t\t${money(Math.floor(basic / 2))}\t${money(basic)}`, `\t\t项目支出\t\t${money(projHalf)}\t${money(proj)}`);
  items.forEach((c, k) => lines.push(`\t\t项目${k + 1}\t\t${money(half[k])}\t${money(c)}`));
  lines.push('中长期目标\t\t提升服务能力。', '年度目标\t\t完成年度任务。', '一级指标\t二级指标\t\t三级指标\t半年指标值\t全年指标值');
  COMMON.forEach((n, k) => {
    const name = r() < 0.03 ? n.replace(/性$/, '姓') : n;  // a typo now and then
    lines.push(`${k === 0 ? '决策' : k === 6 ? '过程' : ''}\t\t\t${name}\t=100%\t=100%`);
  });
  lines.push('一级指标\t二级指标\t重点工作\t对应项目\t三级指标\t半年指标值\t全年指标值');
  for (let k = 0; k < rows; k++) {
    const u = UNITS[k % UNITS.length], full = 10 + Math.floor(r() * 1000);
    const h = r() < 0.05 ? full + 5 : Math.floor(full / 2);
    lines.push(`${k === 0 ? '履职' : ''}\t${k % 20 === 0 ? '职责' + k : ''}\t\t\t指标${k}\t≥${h}${r() < 0.02 ? '%' : u}\t≥${full}${u}`);
  }
  lines.push('效益\t社会效益\t\t\t服务质量\t提升\t提升', '满意度\t服务对象满意度\t\t\t服务对象满意度\t≥90%\t≥90%');
  return lines.join('\n') + '\n';
}

function report(r, i, rows) {
  const unit = `测试单位${i}`;
  const lines = ['苏州市市级预算部门（单位）整体支出预算绩效自评报告', '（2022年度）', `一、预算部门名称：${unit}`,
    '二、年度履职目标完成情况：', '完成了年度工作。', '七、预算信息',
    '本年度预算资金（万元）\t年初预算数（万元）\t上年度结转及当年预算追加追减数(万元)\t调整预算数（万元）\t实际支出数（万元）\t执行率（%）'];
  const projects = Math.max(2, Math.floor(rows / 20));
  const p = [];
  for (let k = 0; k < projects; k++) {
    const ini = Math.floor(r() * 100000) + 100, spent = Math.floor(ini * (0.8 + r() * 0.2));
    p.push([ini, 0, ini, spent]);
  }
  const basicIni = Math.floor(r() * 1000000) + 1000, carry = Math.floor(r() * 100000);
  const basic = [basicIni, carry, basicIni + carry, Math.floor((basicIni + carry) * 0.93)];
  const proj = [0, 1, 2, 3].map((c) => p.reduce((a, x) => a + x[c], 0));
  const tot = [0, 1, 2, 3].map((c) => basic[c] + proj[c]);
  const row = (name, v, bad) => `${name}\t${money(v[0])}\t${v[1] ? money(v[1]) : ''}\t${money(v[2])}\t${money(v[3])}\t${bad ? '99.99%' : rate(v[3], v[2])}`;
  lines.push(row('预算总金额', tot), row('基本支出', basic), row('项目支出', proj));
  p.forEach((v, k) => lines.push(row(`项目${k + 1}`, v, r() < 0.02)));
  lines.push('八、年度重点任务', '对应部门主要职责\t任务名称\t完成情况', '负责相关工作\t任务一\t完成', '九、部门整体自评表',
    '\t类别\t指标名称\t指标目标值\t指标完成值\t完成值来源\t偏差情况\t原因分析');
  const execRate = rate(tot[3], tot[2]), adjRate = rate(tot[1], tot[0]);
  COMMON.forEach((n, k) => {
    const cat = k === 0 ? '决策' : k === 6 ? '过程' : '';
    if (n === '预算执行率') lines.push(`\t${cat}\t${n}\t=100%\t${execRate}\t预算执行情况\t${(parseFloat(execRate) - 100).toFixed(2)}%\t人员变动`);
    else if (n === '预算调整率') lines.push(`\t${cat}\t${n}\t=0%\t${adjRate}\t预算执行情况\t100%\t政策调整`);
    else lines.push(`\t${cat}\t${n}\t健全\t健全\t文件\t0%\t`);
  });
  for (let k = 0; k < rows; k++) {
    // Like real reports: most targets met or exceeded, about 5% missed.
    const u = UNITS[k % UNITS.length], t = 10 + Math.floor(r() * 1000);
    const a = r() < 0.05 ? Math.floor(t * (0.7 + r() * 0.29)) : Math.ceil(t * (1 + r() * 0.3));
    let dev = ((a - t) * 100 / t).toFixed(2) + '%';
    if (r() < 0.02) dev = '12.34%';
    const reason = a < t && r() < 0.7 ? '客观原因' : '';
    lines.push(`\t${k === 0 ? '履职' : ''}\t事项${k}\t>=${t}${u}\t${a}${r() < 0.01 ? '%' : u}\t统计报表\t${dev}\t${reason}`);
  }
  lines.push('\t效益\t服务质量\t提升\t提升\t调查\t0%\t', '\t满意度\t服务对象满意度\t>=90%\t95%\t调查\t5.56%\t');
  return lines.join('\n') + '\n';
}

function form(seed, rows) {
  const r = rng(seed);
  return seed % 2 ? target(r, seed, rows) : report(r, seed, rows);
}

module.exports = { form, target: (seed, rows) => target(rng(seed), seed, rows), report: (seed, rows) => report(rng(seed), seed, rows) };

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--rows') {
    process.stdout.write(module.exports.report(7, Number(args[1])));
  } else {
    const [dir, count] = [args[0], Number(args[1] || 1000)];
    fs.mkdirSync(dir, { recursive: true });
    for (let i = 1; i <= count; i++) fs.writeFileSync(path.join(dir, `form-${String(i).padStart(4, '0')}.txt`), form(i, 5 + (i % 60)));
  }
}
