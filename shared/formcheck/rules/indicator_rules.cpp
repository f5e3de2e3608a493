// indicator.*: indicator names, levels and values, in the target table's
// indicator tables and in the self-evaluation table.
#include <algorithm>
#include <cstring>
#include <deque>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "formcheck/rules/families.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

namespace {

const std::string kNone;

// One indicator row, seen the same way in both form families: which row and
// which table, with accessors (12 bytes a row; the rules share one vector of
// them per check, and a large form has 100,000 rows).
struct IndRow {
  const void* row;    // an Indicator (target_table) or an EvalRow
  int index;
  bool target_table;  // the target form's indicator tables, else the 自评表

  const Indicator& ind() const { return *static_cast<const Indicator*>(row); }
  const EvalRow& eval() const { return *static_cast<const EvalRow*>(row); }
  std::string_view section() const { return target_table ? "indicators" : "evaluation"; }
  const std::string& level1() const { return target_table ? ind().level1 : eval().category; }
  const std::string& level2() const { return target_table ? ind().level2 : kNone; }
  const std::string& name() const { return target_table ? ind().name : eval().name; }
  const std::string& first() const { return target_table ? ind().half : eval().target; }    // half / target
  const std::string& second() const { return target_table ? ind().full : eval().actual; }   // full / actual
  const char* first_field() const { return target_table ? "half" : "target"; }
  const char* second_field() const { return target_table ? "full" : "actual"; }
  const char* first_title() const { return target_table ? "半年指标值" : "指标目标值"; }
  const char* second_title() const { return target_table ? "全年指标值" : "指标完成值"; }
  const Source& src() const { return target_table ? ind().src : eval().src; }
};

std::vector<IndRow> build_rows(const Form& f) {
  std::vector<IndRow> out;
  out.reserve(f.indicators.size() + f.evaluation.size());  // exact: no growth copies on large forms
  for (size_t i = 0; i < f.indicators.size(); ++i)
    if (!f.indicators[i].name.empty()) out.push_back({&f.indicators[i], static_cast<int>(i), true});
  for (size_t i = 0; i < f.evaluation.size(); ++i)
    if (!f.evaluation[i].name.empty()) out.push_back({&f.evaluation[i], static_cast<int>(i), false});
  return out;
}

const std::vector<IndRow>& rows_of(Context& ctx) {
  return ctx.memo<std::vector<IndRow>>("indicator.rows", [&] { return build_rows(ctx.form); });
}

std::string table_title(const IndRow& r) { return r.target_table ? "绩效指标" : "部门整体自评表"; }

Location where(const IndRow& r, const char* field, const char* title) {
  return loc_in(r.section(), r.index, field ? field : "", field ? r.src().cell(field) : r.src().at,
                table_title(r) + "·" + r.name() + (title ? std::string("·") + title : ""));
}

// The values that state a target: half/full in the target table, the target in the report.
std::vector<std::pair<const char*, const char*>> target_fields(const IndRow& r) {
  if (r.target_table) return {{"half", "半年指标值"}, {"full", "全年指标值"}};
  return {{"target", "指标目标值"}};
}

const std::string& value_of(const IndRow& r, const char* field) {
  return std::strcmp(field, r.first_field()) == 0 ? r.first() : r.second();
}

const RuleMeta kValueSyntax{
    "indicator.value_syntax", Severity::Warning, Scope::Any, "指标值写法",
    "指标值既不是“运算符＋数值＋单位”，也不是已知的定性等级；或定量目标缺少运算符",
    "“{name}”的{column}“{value}”{problem}。",
    "定量指标值写作“运算符＋数值＋单位”，如 ≥300亿元、=100%、≤10%；定性指标值使用规范等级用语"
    "（健全、规范、有序推进、较显著等，见规则包 qualitative_levels）。目标值缺少运算符时无法判断是否达成。"
    "完成值允许省略运算符。日期（2025年12月、2025年底前、12月31日前、2025-12-31）是一种指标值。"
    "项目支出表单的中期、年度指标值同样检查；其中的模板占位符由 project.placeholder 报告。"};

void check_value_syntax(Context& ctx) {
  auto judge = [&](const std::string& name, const std::string& text, const char* title, const Location& at) {
    const IndicatorValue& v = ctx.value(text);
    std::string problem, fix;
    const bool project = ctx.form.kind == FormKind::ProjectTarget || ctx.form.kind == FormKind::ProjectSelfEval;
    if (project && !placeholder_mark(text).empty()) return;  // project.placeholder names it
    if (v.kind == ValueKind::Invalid) {
      problem = "无法识别为定量值或定性等级";
      fix = "改为“运算符＋数值＋单位”（如 ≥100项）或规范的定性用语。";
    } else if (v.quantitative() && v.op == Op::None) {
      problem = "缺少运算符（=、≥、≤ 等）";
      fix = "补充运算符，如“=" + v.canonical() + "”或“≥" + v.canonical() + "”。";
    } else if (v.qualitative() && !ctx.profile.is_qualitative_level(text)) {
      problem = "不是规范的定性等级用语";
      fix = "使用可评判的等级用语（如 健全、规范、有序推进、显著），或改为定量指标。";
    }
    if (problem.empty()) return;
    ctx.report(kValueSyntax, at, {{"name", name}, {"column", title}, {"value", text}, {"problem", problem}}, "", text, fix);
  };
  for (const IndRow& r : rows_of(ctx))
    for (auto [field, title] : target_fields(r)) judge(r.name(), value_of(r, field), title, where(r, field, title));
  // The project forms' targets: 中期, 半年(程) and 年度 指标值.
  const auto& p = ctx.form.project_indicators;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i].name.empty()) continue;
    for (const char* field : {"mid", "half", "year"}) {
      const std::string& text = *value_in(p[i], field);
      const char* title = value_title(field);
      if (text.empty() && std::string_view(field) != "year") continue;  // the self-evaluation has no 中期, most forms no 半年
      judge(p[i].name, text, title,
            loc_in("project_indicators", static_cast<int>(i), field, p[i].src.cell(field),
                   "绩效指标·" + p[i].name + "·" + title));
    }
  }
}

const RuleMeta kUnitMismatch{
    "indicator.unit_mismatch", Severity::Warning, Scope::Both, "单位不一致",
    "半年与全年指标值、或目标值与完成值的单位不一致",
    "“{name}”的{first}“{a}”与{second}“{b}”单位不一致。",
    "同一指标的半年与全年指标值、目标值与完成值应使用相同单位；百分数与非百分数混用时无法判断是否达成。"
    "完成值省略计数单位（如“756”对“≥200人”）视为一致；万/亿数量级不同但基本单位相同（万元与亿元）视为一致。"};

void check_unit_mismatch(Context& ctx) {
  for (const IndRow& r : rows_of(ctx)) {
    const IndicatorValue &a = ctx.value(r.first()), &b = ctx.value(r.second());
    if (!a.quantitative() || !b.quantitative()) continue;
    bool clash;
    if (a.unit.empty() || b.unit.empty()) {
      clash = a.percent() != b.percent();  // "≥100" against "20.56%"
    } else {
      clash = !same_unit(a, b);
    }
    if (!clash) continue;
    const char* field = r.target_table ? r.second_field() : r.first_field();
    ctx.report(kUnitMismatch, where(r, field, r.target_table ? r.second_title() : r.first_title()),
               {{"name", r.name()}, {"first", r.first_title()}, {"a", r.first()}, {"second", r.second_title()},
                {"b", r.second()}},
               r.first(), r.second(), "统一两处的计量单位（如都写“%”）。");
  }
}

const RuleMeta kHalfExceedsFull{
    "indicator.half_exceeds_full", Severity::Warning, Scope::Target, "半年指标值大于全年",
    "累计型（≥ / =）指标的半年指标值大于全年指标值",
    "“{name}”的半年指标值“{half}”大于全年指标值“{full}”。",
    "数量类指标按年累计，半年目标一般不应高于全年目标。只检查运算符为 ≥、>、= 且单位相同的定量指标；"
    "≤ 类（控制率、变动率）不检查。"};

void check_half_exceeds_full(Context& ctx) {
  for (const IndRow& r : rows_of(ctx)) {
    if (!r.target_table) continue;
    const IndicatorValue &h = ctx.value(r.first()), &f = ctx.value(r.second());
    if (!h.quantitative() || !f.quantitative() || !same_unit(h, f)) continue;
    auto cumulative = [](Op op) { return op == Op::Ge || op == Op::Gt || op == Op::Eq; };
    if (!cumulative(h.op) || !cumulative(f.op) || h.base_number() <= f.base_number()) continue;
    ctx.report(kHalfExceedsFull, where(r, "half", "半年指标值"),
               {{"name", r.name()}, {"half", r.first()}, {"full", r.second()}}, "≤ " + f.canonical(),
               h.canonical(), "核对半年与全年指标值。");
  }
}

const RuleMeta kTrivialTarget{
    "indicator.trivial_target", Severity::Warning, Scope::Both, "目标值无约束",
    "全年指标值（或自评目标值）为 ≥0，衡量不到任何内容",
    "“{name}”的{column}为“{value}”，任何完成情况都满足，无法衡量绩效。",
    "≥0 的目标恒成立。财预〔2015〕88号要求目标具体、可衡量，应填写与资金相匹配的实际目标数。"
    "只检查全年指标值和自评表目标值（半年为 ≥0 可能是合理的进度安排）。"};

void check_trivial_target(Context& ctx) {
  for (const IndRow& r : rows_of(ctx)) {
    const char* field = r.target_table ? "full" : "target";
    const char* title = r.target_table ? "全年指标值" : "指标目标值";
    const IndicatorValue& v = ctx.value(value_of(r, field));
    if (!v.quantitative() || v.op != Op::Ge || !v.number.is_zero()) continue;
    ctx.report(kTrivialTarget, where(r, field, title),
               {{"name", r.name()}, {"column", title}, {"value", value_of(r, field)}}, "大于 0 的具体目标",
               value_of(r, field), "填写可衡量的目标值。");
  }
}

const RuleMeta kRateOutOfRange{
    "indicator.rate_out_of_range", Severity::Error, Scope::Both, "比率超过 100%",
    "不可能超过 100% 的比率（满意度、执行率、覆盖率等）大于 100%",
    "“{name}”的{column}为 {value}，该比率不可能超过 100%。",
    "满意度、执行率、覆盖率、利用率、完好率、符合率、及时率等比率的取值范围是 0–100%（名单见规则包 "
    "bounded_rate_names）。完成率、增长率、变动率可超过 100%，不检查。"};

// What several rules need to know about each row's name, computed once per check.
struct NameFacts {
  std::string_view key;                   // match_key(name): views the name itself when they are equal
  const CommonIndicator* near = nullptr;  // the standard name it misspells
};
const std::vector<NameFacts>& name_facts(Context& ctx);  // below, beside the name rules

void check_rate_out_of_range(Context& ctx) {
  static const Decimal hundred = Decimal::from_int(100);
  const auto& rows = rows_of(ctx);
  const auto& facts = name_facts(ctx);
  for (size_t i = 0; i < rows.size(); ++i) {
    const IndRow& r = rows[i];
    if (!ctx.profile.is_bounded_rate_key(facts[i].key)) continue;
    for (auto [field, title] : {std::pair{r.first_field(), r.first_title()}, std::pair{r.second_field(), r.second_title()}}) {
      const IndicatorValue& v = ctx.value(value_of(r, field));
      if (!v.quantitative() || !v.percent() || v.number <= hundred) continue;
      ctx.report(kRateOutOfRange, where(r, field, title),
                 {{"name", r.name()}, {"column", title}, {"value", value_of(r, field)}}, "≤ 100%", value_of(r, field),
                 "核对“" + r.name() + "”的数值，比率不超过 100%。");
    }
  }
}

// The standard (common) indicator a near-miss name was meant to be, or nullptr.
const CommonIndicator* near_standard(const Profile& profile, std::string_view key) {
  // Length in characters first (key is a match_key, so well-formed UTF-8:
  // one character per lead byte): most names are near no standard name's
  // length, and then nothing is decoded (this runs for every row).
  int len = 0;
  for (char ch : key) len += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  if (len < 5) return nullptr;
  const int limit = len >= 10 ? 2 : 1;
  bool candidate = false;
  for (const auto& c : profile.common) {
    if (c.key == key) return nullptr;  // exactly a standard name
    const int clen = static_cast<int>(c.key32.size());
    candidate = candidate || (clen >= 5 && std::abs(clen - len) <= limit);
  }
  if (!candidate) return nullptr;
  const std::u32string k = to_u32(key);  // a match_key is well-formed UTF-8: k.size() == len
  const uint64_t bits = char_bits(k);
  for (const auto& c : profile.common) {
    const int clen = static_cast<int>(c.key32.size());
    if (clen < 5 || std::abs(clen - len) > limit) continue;
    // Each character of the name that the standard name lacks costs at
    // least one edit; a hashed set can only under-count, so this is safe.
    // The set test first (one popcount), the per-character count after.
    if (__builtin_popcountll(bits & ~c.chars) > limit) continue;
    int missing = 0;
    for (char32_t ch : k) missing += !(c.chars >> ((static_cast<uint32_t>(ch) * 2654435761u) >> 26) & 1);
    if (missing > limit) continue;
    if (edit_distance(k, c.key32, limit) <= limit) return &c;
  }
  return nullptr;
}

// Most names are their own match key (no spaces, quotes or full-width
// letters): only the others keep a key string (a key per row was 4 MB at
// 100,000 rows). A deque never moves its strings, so the views stay valid.
struct NameFactTable {
  std::vector<NameFacts> rows;
  std::deque<std::string> keys;
};

const std::vector<NameFacts>& name_facts(Context& ctx) {
  return ctx.memo<NameFactTable>("indicator.name_facts", [&] {
    const auto& rows = rows_of(ctx);
    NameFactTable t;
    t.rows.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string& name = rows[i].name();
      std::string key = match_key(name);
      if (key == name) t.rows[i].key = name;
      else t.rows[i].key = t.keys.emplace_back(std::move(key));
      // Rows often repeat a name (several years, groups): reuse the previous answer.
      if (i > 0 && t.rows[i].key == t.rows[i - 1].key) t.rows[i].near = t.rows[i - 1].near;
      else t.rows[i].near = near_standard(ctx.profile, t.rows[i].key);
    }
    return t;
  }).rows;
}

const RuleMeta kNameTypo{
    "indicator.name_typo", Severity::Warning, Scope::Both, "共性指标名称笔误",
    "三级指标名称与某个标准共性指标只差一两个字",
    "指标名称“{name}”与标准共性指标“{standard}”仅有个别字不同，可能是笔误。",
    "共性指标名称应与模板一致，以便汇总和比对。名称（忽略空格和引号）与规则包中某个标准名称的编辑距离为 1"
    "（10 个字及以上为 2）时报告，修正建议为标准名称。", false, true};

void check_name_typo(Context& ctx) {
  const auto& rows = rows_of(ctx);
  const auto& facts = name_facts(ctx);
  for (size_t i = 0; i < rows.size(); ++i) {
    const IndRow& r = rows[i];
    if (!facts[i].near) continue;
    const std::string& standard = facts[i].near->name;
    ctx.report(kNameTypo, where(r, "name", nullptr), {{"name", r.name()}, {"standard", standard}}, standard, r.name(),
               standard);
  }
}

const RuleMeta kCommonMissing{
    "indicator.common_missing", Severity::Warning, Scope::Both, "缺少共性指标",
    "模板规定的共性指标未出现在表中",
    "缺少{level1}类共性指标“{standard}”。",
    "规则包列出该模板（地区、年度）必须填报的共性指标（决策、过程类），按三级指标名称匹配，不要求所在二级指标一致"
    "（二级归属各年度模板不同）。名称有笔误的指标按 indicator.name_typo 报告，不重复报告缺失。"};

void check_common_missing(Context& ctx) {
  const std::vector<IndRow>& rows = rows_of(ctx);
  if (rows.empty() || !ctx.form.sure("indicators")) return;
  // Which common indicators the form has, by name or by a near miss of it.
  std::unordered_map<std::string_view, const CommonIndicator*> common;
  for (const auto& c : ctx.profile.common) common.emplace(c.key, &c);
  std::unordered_set<const CommonIndicator*> present;
  for (const NameFacts& f : name_facts(ctx)) {
    if (auto it = common.find(f.key); it != common.end()) present.insert(it->second);
    if (f.near) present.insert(f.near);
  }
  const std::string section = ctx.form.kind == FormKind::Target ? "indicators" : "evaluation";
  for (const auto& c : ctx.profile.common) {
    if (!c.applies(ctx.year()) || present.count(&c)) continue;
    ctx.report(kCommonMissing,
               loc_in(section, -1, "", Loc{}, (section == "indicators" ? "绩效指标·" : "部门整体自评表·") + c.level1),
               {{"level1", c.level1}, {"standard", c.name}}, c.name, "（缺失）",
               "在“" + c.level1 + "”下补充共性指标“" + c.name + "”。");
  }
}

const RuleMeta kDuplicate{
    "indicator.duplicate", Severity::Warning, Scope::Both, "重复指标",
    "同一分组内同一个三级指标出现两次",
    "“{name}”在“{group}”中重复出现（另见第 {first} 项）。",
    "同一一级/二级分组（自评表为同一类别）中，三级指标名称（忽略空格和引号）应唯一；重复会导致评分重复计算。"};

std::string group_of(const IndRow& r) { return r.level1() + (r.level2().empty() ? "" : "·" + r.level2()); }

void check_duplicate(Context& ctx) {
  const auto& rows = rows_of(ctx);
  const auto& facts = name_facts(ctx);
  // A row's key is (section, match_key of its group, match_key of its name).
  // Rows come in groups: each run of rows with the same group gets its key
  // once. Rows are grouped by a hash of the three parts (no key string per
  // row: a large form has 100,000 rows); a hash match is confirmed part by part.
  std::vector<std::string> group_keys;
  std::vector<uint32_t> group_at(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const IndRow& r = rows[i];
    if (i == 0 || r.level1() != rows[i - 1].level1() || r.level2() != rows[i - 1].level2())
      group_keys.push_back(match_key(group_of(r)));
    group_at[i] = static_cast<uint32_t>(group_keys.size() - 1);
  }
  const std::hash<std::string_view> hash;
  auto hash_of = [&](size_t i) {
    size_t h = hash(rows[i].section());
    h = h * 0x9E3779B97F4A7C15ULL ^ hash(group_keys[group_at[i]]);
    return h * 0x9E3779B97F4A7C15ULL ^ hash(facts[i].key);
  };
  auto same = [&](size_t a, size_t b) {
    return rows[a].section() == rows[b].section() && facts[a].key == facts[b].key &&
           (group_at[a] == group_at[b] || group_keys[group_at[a]] == group_keys[group_at[b]]);
  };
  // Rows sorted by (hash, index): a run of equal hashes holds a few distinct
  // keys, each first seen at its lowest index (8 bytes a row, where a hash
  // multimap took ~28).
  std::vector<std::pair<size_t, uint32_t>> by_hash(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) by_hash[i] = {hash_of(i), static_cast<uint32_t>(i)};
  std::sort(by_hash.begin(), by_hash.end());
  std::vector<std::pair<uint32_t, uint32_t>> dups;  // (row, the row it repeats)
  std::vector<uint32_t> firsts;                     // distinct keys of the current run
  for (size_t a = 0; a < by_hash.size();) {
    size_t b = a;
    while (b < by_hash.size() && by_hash[b].first == by_hash[a].first) ++b;
    firsts.clear();
    for (size_t x = a; x < b; ++x) {
      const uint32_t row = by_hash[x].second;
      auto f = std::find_if(firsts.begin(), firsts.end(), [&](uint32_t y) { return same(y, row); });
      if (f == firsts.end()) firsts.push_back(row);
      else dups.emplace_back(row, *f);
    }
    a = b;
  }
  std::sort(dups.begin(), dups.end());  // report in row order
  for (const auto& [row, first_row] : dups) {
    const IndRow& r = rows[row];
    const std::string group = group_of(r);
    ctx.report(kDuplicate, where(r, "name", nullptr),
               {{"name", r.name()}, {"group", group.empty() ? "同一分组" : group},
                {"first", std::to_string(rows[first_row].index + 1)}},
               "", r.name(), "删除重复行，或改为不同的指标。");
  }
}

const RuleMeta kLevelUnknown{
    "indicator.level_unknown", Severity::Warning, Scope::Both, "指标层级不符合模板",
    "一级/二级指标（自评表类别）不在模板的层级集合中",
    "{what}“{value}”不在模板的{set}中{hint}。",
    "一级指标应为模板所列（决策、过程、履职、效益、满意度等，规则包 levels）；决策、过程、效益、满意度下的二级指标"
    "也应为模板所列，履职下的二级指标按单位职责自定。每个不符合的分组只报告一次。"};

void check_level_unknown(Context& ctx) {
  if (!ctx.form.sure("indicators")) return;
  const Profile& p = ctx.profile;
  std::set<std::string> reported;
  for (const IndRow& r : rows_of(ctx)) {
    const std::string l1 = ctx.level1_of(r.level1());
    if (l1.empty()) {
      if (r.level1().empty() || !reported.insert("1|" + r.level1()).second) continue;
      std::string hint;
      for (const auto& [level, l2s] : p.levels)
        for (const auto& l2 : l2s)
          if (match_key(l2) == match_key(r.level1())) hint = "（它是“" + level + "”下的二级指标，应放在二级指标列）";
      const std::string what = r.target_table ? "一级指标" : "类别";
      ctx.report(kLevelUnknown, where(r, nullptr, nullptr),
                 {{"what", what}, {"value", r.level1()}, {"set", "一级指标集合"}, {"hint", hint}}, "", r.level1(),
                 hint.empty() ? "改为模板中的一级指标名称。" : "将“" + r.level1() + "”移到二级指标列，并填写其一级指标。");
      continue;
    }
    const auto* allowed = p.level2_of(l1);
    if (r.level2().empty() || !allowed || allowed->empty()) continue;
    bool ok = false;
    for (const auto& l2 : *allowed) ok = ok || match_key(l2) == match_key(r.level2());
    if (ok || !reported.insert("2|" + l1 + "|" + r.level2()).second) continue;
    ctx.report(kLevelUnknown, where(r, nullptr, nullptr),
               {{"what", "二级指标"}, {"value", r.level2()}, {"set", "“" + l1 + "”二级指标集合"}, {"hint", ""}}, "",
               r.level2(), "改为模板中“" + l1 + "”下的二级指标名称。");
  }
}

}  // namespace

void add_indicator_rules(std::vector<Rule>& out) {
  out.push_back({&kValueSyntax, check_value_syntax});
  out.push_back({&kUnitMismatch, check_unit_mismatch});
  out.push_back({&kHalfExceedsFull, check_half_exceeds_full});
  out.push_back({&kTrivialTarget, check_trivial_target});
  out.push_back({&kRateOutOfRange, check_rate_out_of_range});
  out.push_back({&kNameTypo, check_name_typo});
  out.push_back({&kCommonMissing, check_common_missing});
  out.push_back({&kDuplicate, check_duplicate});
  out.push_back({&kLevelUnknown, check_level_unknown});
}

}  // namespace formcheck::rules
