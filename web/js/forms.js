/*
 * forms.js — knowledge of the two form families on the page side: the
 * sections and columns the editor shows, blank templates built from the rule
 * packs (FORMCHECK_PROFILES, embedded by the build from shared/profiles), and
 * the sheet layout used to export a corrected form as .xlsx (the recognizer
 * reads that layout back).
 */
/* global FORMCHECK_PROFILES */
(function (root) {
  'use strict';

  var SECTIONS = {
    target: [
      { key: 'funds.income', title: '部门整体资金·收入（万元）', columns: [['name', '项目'], ['full', '全年预算数']] },
      { key: 'funds.expense', title: '部门整体资金·支出（万元）',
        columns: [['name', '项目'], ['half', '半年计划执行数'], ['full', '全年预算数']] },
      { key: 'indicators', title: '绩效指标',
        columns: [['level1', '一级指标'], ['level2', '二级指标'], ['key_work', '重点工作'], ['project', '对应项目'],
          ['name', '三级指标'], ['half', '半年指标值'], ['full', '全年指标值']] },
    ],
    selfeval: [
      { key: 'budget_info', title: '预算信息（万元）',
        columns: [['name', '本年度预算资金'], ['initial', '年初预算数'], ['carry', '结转及追加追减数'],
          ['adjusted', '调整预算数'], ['actual', '实际支出数'], ['rate', '执行率']] },
      { key: 'key_tasks', title: '年度重点任务',
        columns: [['duty', '对应部门主要职责'], ['task', '任务名称'], ['content', '主要内容'], ['status', '完成情况']] },
      { key: 'evaluation', title: '部门整体自评表',
        columns: [['category', '类别'], ['name', '指标名称'], ['target', '指标目标值'], ['actual', '指标完成值'],
          ['source', '完成值来源'], ['deviation', '偏差情况'], ['reason', '原因分析']] },
    ],
  };

  // `optional`: columns a template variant has and others do not (the 江苏
  // 2024 project table's 半年(程) figures, model key `half`): shown, after the
  // column they follow, only when the form holds such a value (shown()).
  SECTIONS.project_target = [
    { key: 'project_funds', title: '项目资金（万元）', columns: [['name', '项目'], ['mid', '中期'], ['year', '年度']],
      optional: [['half', '半年(程)', 'mid']] },
    { key: 'project_indicators', title: '绩效指标',
      columns: [['level1', '一级指标'], ['level2', '二级指标'], ['name', '三级指标'], ['mid', '中期指标值'], ['year', '年度指标值']],
      optional: [['half', '半年(程)指标值', 'mid']] },
  ];
  SECTIONS.project_selfeval = [
    { key: 'project_funds', title: '项目资金（万元）',
      columns: [['name', '项目'], ['initial', '年初预算数'], ['budget', '全年预算数'], ['executed', '全年执行数'],
        ['weight', '分值'], ['rate', '执行率'], ['score', '得分']] },
    { key: 'project_indicators', title: '绩效指标',
      columns: [['level1', '一级指标'], ['level2', '二级指标'], ['name', '三级指标'], ['year', '年度指标值'],
        ['actual', '实际完成值'], ['weight', '分值'], ['score', '得分'], ['reason', '偏差原因分析及改进措施']] },
  ];

  /** The family's Chinese name, and the short one the batch table shows. */
  var KIND_NAMES = {
    target: ['部门整体预算绩效目标表', '目标表'], selfeval: ['整体支出预算绩效自评报告', '自评报告'],
    project_target: ['项目支出绩效目标表', '项目目标表'], project_selfeval: ['项目支出绩效自评表', '项目自评表'],
  };
  function kindName(kind, short) { var n = KIND_NAMES[kind]; return n ? n[short ? 1 : 0] : ''; }

  var TEXTS = {
    target: [['functions', '单位主要职能'], ['org_setup', '机构设置'], ['mid_term_goal', '中长期目标'], ['annual_goal', '年度目标']],
    selfeval: [['duty_completion', '年度履职目标完成情况'], ['overview', '部门（单位）概况'],
      ['performance', '整体支出绩效实现情况'], ['problems', '存在问题及改进措施'], ['application', '绩效自评结果拟应用和公开情况']],
    project_target: [['department', '主管部门'], ['project_attribute', '项目属性'], ['project_period', '项目期限'],
      ['mid_term_goal', '中期目标'], ['annual_goal', '年度目标']],
    project_selfeval: [['department', '主管部门'], ['goal_expected', '年度总体目标·预期目标'], ['goal_actual', '年度总体目标·实际完成情况']],
  };

  var PROJECT_FUNDS = {
    project_target: [['total', '年度资金总额'], ['appropriation', '财政拨款'], ['other', '其他资金']],
    project_selfeval: [['total', '年度资金总额'], ['appropriation', '当年财政拨款'], ['carryover', '上年结转资金'], ['other', '其他资金']],
  };

  var INCOME = [['total', '资金总额'], ['appropriation', '财政拨款'], ['general_budget', '一般公共预算资金'],
    ['gov_fund', '政府性基金'], ['special_account', '财政专户管理资金'], ['state_capital', '国有资本金'],
    ['social_security', '社保基金'], ['carryover', '上年结转资金'], ['other', '其他资金']];

  function rows(model, key) {
    if (key === 'funds.income') return (model.funds = model.funds || { income: [], expense: [] }).income;
    if (key === 'funds.expense') return (model.funds = model.funds || { income: [], expense: [] }).expense;
    return (model[key] = model[key] || []);
  }

  /** A section as the editor shows it for model m: its columns, and the optional ones m has values for. */
  function shown(m, s) {
    var extra = (s.optional || []).filter(function (c) {
      return rows(m, s.key).some(function (r) { return r[c[0]] !== undefined && r[c[0]] !== ''; });
    });
    if (!extra.length) return s;
    var columns = s.columns.slice();
    extra.forEach(function (c) {
      var after = columns.map(function (x) { return x[0]; }).indexOf(c[2]);
      columns.splice(after + 1, 0, [c[0], c[1]]);
    });
    return Object.assign({}, s, { columns: columns });
  }

  function blankRow(key) {
    var r = {};
    Object.keys(SECTIONS).reduce(function (all, k) { return all.concat(SECTIONS[k]); }, []).forEach(function (s) {
      if (s.key === key) s.columns.forEach(function (c) { r[c[0]] = ''; });
    });
    if (key === 'funds.expense') r.role = 'project';
    if (key === 'funds.income') r.role = 'income_item';
    if (key === 'budget_info') r.role = 'project';
    if (key === 'project_funds') r.role = 'other';
    return r;
  }

  function profile(id) {
    var list = typeof FORMCHECK_PROFILES !== 'undefined' ? FORMCHECK_PROFILES : [];
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return list[0] || { common_indicators: [] };
  }

  /** A blank form of a family, pre-filled with the template's standard rows. */
  // A blank project form (财预〔2015〕88号 / 财预〔2020〕10号 layout).
  function projectTemplate(kind, year) {
    var m = { schema: 'formcheck/form@1', kind: kind, title: kindName(kind), unit: '', year: year, region: '',
      texts: {}, project_name: '', project_funds: [], project_indicators: [] };
    TEXTS[kind].forEach(function (t) { m.texts[t[0]] = ''; });
    var fundCols = SECTIONS[kind][0].columns, indCols = SECTIONS[kind][1].columns;
    PROJECT_FUNDS[kind].forEach(function (r) {
      var row = { role: r[0], name: r[1] };
      fundCols.forEach(function (c) { if (c[0] !== 'name') row[c[0]] = ''; });
      if (kind === 'project_selfeval' && r[0] !== 'total') row.weight = row.score = '—';
      if (kind === 'project_selfeval' && r[0] === 'total') row.weight = '10';
      m.project_funds.push(row);
    });
    [['产出指标', '数量指标'], ['产出指标', '质量指标'], ['产出指标', '时效指标'], ['成本指标', '经济成本指标'],
      ['效益指标', '社会效益指标'], ['满意度指标', '服务对象满意度指标']].forEach(function (g) {
      var row = { level1: g[0], level2: g[1] };
      indCols.forEach(function (c) { if (!(c[0] in row)) row[c[0]] = ''; });
      m.project_indicators.push(row);
    });
    if (kind === 'project_selfeval') m.total_score = '';
    return m;
  }

  /** The rule packs of a family (for the 新建 dialog): [{id, name, region}]. */
  function packs(kind) {
    var list = typeof FORMCHECK_PROFILES !== 'undefined' ? FORMCHECK_PROFILES : [];
    return list.filter(function (p) { return p.kind === kind && p.id; })
      .map(function (p) { return { id: p.id, name: p.name, region: p.region || '' }; });
  }

  function template(kind, year, packId) {
    year = String(year || new Date().getFullYear());
    if (kind === 'project_target' || kind === 'project_selfeval') {
      var pm = projectTemplate(kind, year);
      if (packId) pm.region = profile(packId).region || '';
      return pm;
    }
    var m = { schema: 'formcheck/form@1', kind: kind, title: '', unit: '', year: year, region: '苏州', texts: {} };
    TEXTS[kind].forEach(function (t) { m.texts[t[0]] = ''; });
    var p = profile(packId || (kind === 'target' ? 'suzhou-target' : 'suzhou-selfeval'));
    m.region = p.region || '苏州';
    var commons = p.common_indicators.filter(function (c) { return !c.since || Number(year) >= c.since; });
    if (kind === 'target') {
      m.title = p.name || '苏州市市级部门整体预算绩效目标表';
      m.funds = {
        income: INCOME.map(function (r) { return { role: r[0], name: r[1], half: '', full: '' }; }),
        expense: [{ role: 'basic', name: '基本支出', half: '', full: '' }, { role: 'project_total', name: '项目支出', half: '', full: '' },
          { role: 'project', name: '', half: '', full: '' }],
      };
      m.indicators = commons.map(function (c) {
        return { level1: c.level1, level2: c.level2, key_work: '', project: '', name: c.name, half: '', full: '' };
      });
      [['履职', ''], ['效益', '经济效益'], ['效益', '社会效益'], ['效益', '生态效益'], ['效益', '可持续发展'],
        ['满意度', '服务对象满意度']].forEach(function (g) {
        m.indicators.push({ level1: g[0], level2: g[1], key_work: '', project: '', name: '', half: '', full: '' });
      });
    } else {
      m.title = p.name || '苏州市市级预算部门（单位）整体支出预算绩效自评报告';
      m.budget_info = [['total', '预算总金额'], ['basic', '基本支出'], ['project_total', '项目支出'], ['project', '']].map(function (r) {
        return { role: r[0], name: r[1], initial: '', carry: '', adjusted: '', actual: '', rate: '' };
      });
      m.key_tasks = [{ duty: '', task: '', content: '', status: '' }];
      m.evaluation = commons.map(function (c) {
        return { category: c.level1, name: c.name, target: '', actual: '', source: '', deviation: '', reason: '' };
      });
      ['履职', '效益', '满意度'].forEach(function (c) {
        m.evaluation.push({ category: c, name: '', target: '', actual: '', source: '', deviation: '', reason: '' });
      });
    }
    return m;
  }

  function textOf(model, key) { return (model.texts && model.texts[key]) || ''; }

  /** The form as sheet rows, in the template layout the recognizer reads. */
  /**
   * The form as the template lays it out in Excel: rows of cell texts and the
   * layout (merged label cells, column widths, title and heading rows) that
   * FormCheckOffice.writeXlsx writes. Group labels (一级/二级 指标, 重点工作,
   * 对应项目, 类别) are merged over their rows with the value in the first.
   */
  // A line without the Markdown heading marks ("## ") text extracted from a
  // PDF or a Markdown copy carries: a printed title has none.
  function plainLine(s) { return String(s || '').replace(/^\s*#{1,6}\s+/, ''); }
  function toSheet(m) {
    var out = [], merges = [], headings = [];
    var width = { target: 7, selfeval: 8, project_target: 6, project_selfeval: 9 }[m.kind] || 8;
    function merge(r1, c1, r2, c2) { if (r2 > r1 || c2 > c1) merges.push([r1, c1, r2, c2]); }
    function full(text) { merge(out.length, 0, out.length, width - 1); out.push([text]); }
    function heading(text) { headings.push(out.length); full(text); }
    function labelled(label, value) { merge(out.length, 0, out.length, 1); merge(out.length, 2, out.length, width - 1); out.push([label, '', value]); }
    // Runs of equal values in column c (inside the runs of the columns before it) over rows [from, to),
    // measured on the values as they were before any cell was cleared.
    function groups(from, to, cols) {
      var orig = out.slice(from, to).map(function (row) { return row.slice(); });
      cols.forEach(function (c, ci) {
        for (var r = 0; r < orig.length;) {
          var e = r + 1;
          var same = function (x) {
            for (var k = 0; k <= ci; k++) if ((orig[x][cols[k]] || '') !== (orig[r][cols[k]] || '')) return false;
            return (orig[r][c] || '') !== '';
          };
          while (e < orig.length && same(e)) e++;
          merge(from + r, c, from + e - 1, c);
          for (var k = r + 1; k < e; k++) out[from + k][c] = '';
          r = e;
        }
      });
    }
    full(plainLine(m.title) || kindName(m.kind));
    if (m.kind === 'project_target' || m.kind === 'project_selfeval') {
      var self = m.kind === 'project_selfeval';
      full('（' + (m.year || '') + '年度）');
      labelled('项目名称', m.project_name || '');
      out.push(['主管部门', textOf(m, 'department'), '', '实施单位', m.unit || '']);
      if (!self) out.push(['项目属性', textOf(m, 'project_attribute'), '', '项目期限', textOf(m, 'project_period')]);
      var pf = out.length;
      if (self) {
        out.push(['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
        (m.project_funds || []).forEach(function (r) {
          out.push(['', (r.role === 'appropriation' ? '其中：' : '') + r.name, r.initial, r.budget, r.executed, r.weight, r.rate, r.score]);
        });
      } else {
        var fundsOf = function (role) { return (m.project_funds || []).filter(function (r) { return r.role === role; })[0] || {}; };
        var t = fundsOf('total');
        out.push(['项目资金（万元）', '中期资金总额', t.mid || '', '年度资金总额', t.year || '']);
        (m.project_funds || []).forEach(function (r) {
          if (r.role === 'total') return;
          var label = (r.role === 'appropriation' ? '其中：' : '') + r.name;
          out.push(['', label, r.mid || '', label, r.year || '']);
        });
      }
      merge(pf, 0, out.length - 1, 0);
      if (self) {
        out.push(['年度总体目标', '预期目标', '', '', '实际完成情况']);
        out.push(['', textOf(m, 'goal_expected'), '', '', textOf(m, 'goal_actual')]);
        out.push(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
      } else {
        out.push(['总体目标', '中期目标', '', '年度目标']);
        out.push(['', textOf(m, 'mid_term_goal'), '', textOf(m, 'annual_goal')]);
        out.push(['绩效指标', '一级指标', '二级指标', '三级指标', '中期指标值', '年度指标值']);
      }
      var pi = out.length;
      (m.project_indicators || []).forEach(function (i) {
        out.push(self ? ['', i.level1, i.level2, i.name, i.year, i.actual, i.weight, i.score, i.reason]
          : ['', i.level1, i.level2, i.name, i.mid, i.year]);
      });
      groups(pi, out.length, [1, 2]);
      if (self) out.push(['总分', '', '', '', '', '', '100', m.total_score || '']);
      return { rows: out, layout: { merges: merges, title: 0, headings: headings,
        widths: self ? [12, 16, 16, 24, 14, 14, 8, 10, 30] : [14, 18, 16, 24, 16, 16] } };
    }
    if (m.kind === 'target') {
      full((m.year || '') + '年度');
      labelled('单位名称', m.unit || '');
      labelled('单位主要职能', textOf(m, 'functions'));
      labelled('机构设置', textOf(m, 'org_setup'));
      var fundsFirst = out.length;
      out.push(['部门整体资金（万元）', '收入', '', '', '全年预算数']);
      (m.funds ? m.funds.income : []).forEach(function (l) { out.push(['', '', l.name, '', l.full]); });
      var expenseFirst = out.length;
      out.push(['', '支出', '', '', '半年计划执行数', '全年预算数']);
      (m.funds ? m.funds.expense : []).forEach(function (l) { out.push(['', '', l.name, '', l.half, l.full]); });
      merge(fundsFirst, 0, out.length - 1, 0);
      merge(fundsFirst, 1, expenseFirst - 1, 1);
      merge(expenseFirst, 1, out.length - 1, 1);
      labelled('中长期目标', textOf(m, 'mid_term_goal'));
      labelled('年度目标', textOf(m, 'annual_goal'));
      out.push(['一级指标', '二级指标', '重点工作', '对应项目', '三级指标', '半年指标值', '全年指标值']);
      var first = out.length;
      (m.indicators || []).forEach(function (i) {
        out.push([i.level1, i.level2, i.key_work, i.project, i.name, i.half, i.full]);
      });
      groups(first, out.length, [0, 1, 2, 3]);
    } else {
      full('（' + (m.year || '') + '年度）');
      heading('一、预算部门名称：' + (m.unit || ''));
      var n = ['二', '三', '四', '五', '六'];
      TEXTS.selfeval.forEach(function (t, k) {
        heading(n[k] + '、' + t[1]);
        String(textOf(m, t[0])).split('\n').forEach(function (p) { if (plainLine(p)) full(plainLine(p)); });
      });
      heading('七、预算信息');
      out.push(['本年度预算资金（万元）', '年初预算数（万元）', '上年度结转及当年预算追加追减数(万元)', '调整预算数（万元）', '实际支出数（万元）', '执行率（%）']);
      (m.budget_info || []).forEach(function (b) { out.push([b.name, b.initial, b.carry, b.adjusted, b.actual, b.rate]); });
      heading('八、年度重点任务');
      out.push(['对应部门主要职责', '任务名称', '主要内容', '完成情况']);
      var tasks = out.length;
      (m.key_tasks || []).forEach(function (t) { out.push([t.duty, t.task, t.content, t.status]); });
      groups(tasks, out.length, [0]);
      heading('九、部门整体自评表');
      out.push(['', '类别', '指标名称', '指标目标值', '指标完成值', '完成值来源', '偏差情况', '原因分析']);
      var evals = out.length;
      (m.evaluation || []).forEach(function (e) {
        out.push(['', e.category, e.name, e.target, e.actual, e.source, e.deviation, e.reason]);
      });
      groups(evals, out.length, [1]);
    }
    return {
      rows: out,
      layout: {
        merges: merges, title: 0, headings: headings,
        widths: m.kind === 'target' ? [14, 12, 22, 18, 30, 14, 14] : [8, 10, 30, 14, 14, 20, 12, 30],
      },
    };
  }

  function toSheetRows(m) { return toSheet(m).rows; }

  root.FormCheckForms = { SECTIONS: SECTIONS, shown: shown, TEXTS: TEXTS, kindName: kindName, packs: packs, rows: rows, blankRow: blankRow, template: template, toSheet: toSheet, toSheetRows: toSheetRows };
})(typeof self !== 'undefined' ? self : this);
