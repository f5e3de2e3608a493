// The 原表 view's pure parts (web/js/source-view.js): where each grid cell is
// drawn once the file's merges are known, what each row became in words, and
// which rows a re-reading changed.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const S = require(path.join(__dirname, '..', '..', 'web', 'js', 'source-view.js')).FormCheckSource;

const drawn = (l) => l.rows.map((r) => r.map((c) => [c.col, c.grid, c.text, c.rows, c.cols]));

test('an .xlsx grid leaves out the columns a merge spans: its cells go back to their sheet columns', () => {
  // A1 over two rows, B1:D1 across three columns (C1, D1 are not in the grid), A2 below the merge empty.
  const rows = S.parse('1\t单位\t很长的文字\t尾\n2\t\t甲\t乙\t丙\t丁\n');
  const l = S.layout(rows, [[1, 1, 2, 1], [1, 2, 1, 3]], true);
  assert.deepEqual(drawn(l), [
    [[1, 1, '单位', 2, 1], [2, 2, '很长的文字', 1, 3], [5, 3, '尾', 1, 1]],
    [[2, 2, '甲', 1, 1], [3, 3, '乙', 1, 1], [4, 4, '丙', 1, 1], [5, 5, '丁', 1, 1]],
  ]);
  assert.equal(l.width, 5);
});

test('a .docx grid keeps a span\'s positions as empty cells: they are left out where the merge covers them', () => {
  const rows = S.parse('1\t甲乙\t\t3\n2\t组\t\t4\n3\t\t\t5\n');
  const l = S.layout(rows, [[1, 1, 1, 2], [2, 1, 2, 1]], false);
  assert.deepEqual(drawn(l), [
    [[1, 1, '甲乙', 1, 2], [3, 3, '3', 1, 1]],
    [[1, 1, '组', 2, 1], [2, 2, '', 1, 1], [3, 3, '4', 1, 1]],
    [[2, 2, '', 1, 1], [3, 3, '5', 1, 1]],
  ]);
  // Without merges (pasted text), every cell where it is.
  assert.deepEqual(drawn(S.layout(rows, null, false))[2], [[1, 1, '', 1, 1], [2, 2, '', 1, 1], [3, 3, '5', 1, 1]]);
});

test('a row shorter than the table is drawn as wide, with empty cells that are no grid cell', () => {
  const l = S.layout(S.parse('1\t标题\n2\t甲\t乙\t丙\n'), null, false);
  assert.deepEqual(drawn(l)[0], [[1, 1, '标题', 1, 1], [2, 0, '', 1, 1], [3, 0, '', 1, 1]]);
});

test('a merge whose rows are not all shown spans only the rows that are', () => {
  const rows = S.parse('1\t组\t甲\n2\t\t乙\n');
  assert.equal(S.layout(rows, [[1, 1, 40, 1]], true).rows[0][0].rows, 2);
});

test('each row said in words, and the rows a re-reading changed', () => {
  const model = {
    kind: 'target', src: { unit: { line: 2 } },
    funds: { income: [{ name: '国有资本金', src: { line: 5 } }], expense: [] },
    indicators: [{ level1: '决策', level2: '计划制定', name: '工作计划制定健全性', src: { line: 9 } },
      { level1: '决策', level2: '目标设定', name: '绩效指标明确性', src: { line: 10 } }],
  };
  const fates = '1\tfield:title\n8\tlabel:column\tlabel:column\n11\tfinding:import.unrecognized\n';
  const findings = [{ rule: 'import.unrecognized', location: { line: 11 } }];
  const r = S.readings(model, findings, fates);
  assert.equal(r[5].text, '资金·收入·国有资本金');
  assert.equal(r[9].text, '指标·决策·计划制定·工作计划制定健全性');
  assert.equal(r[2].text, '表头·单位');
  assert.equal(r[1].text, '表头·表名');
  assert.equal(r[8].text, '列标题');
  assert.equal(r[11].kind, '未识别');
  const moved = JSON.parse(JSON.stringify(model));
  moved.indicators[1].level2 = '计划制定';
  assert.deepEqual(S.changes(r, S.readings(moved, findings, fates)),
    [{ line: 10, before: '指标·决策·目标设定·绩效指标明确性', after: '指标·决策·计划制定·绩效指标明确性' }]);
});
