// Links inside a target table: each 对应项目 names an expense project line,
// every project line has an indicator, and each 履职 二级 duty is one of the
// unit's 主要职能.
#include <algorithm>
#include <set>

#include "formcheck/rules/families.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

namespace {

std::vector<const FundLine*> project_lines(const Form& f) {
  std::vector<const FundLine*> out;
  for (const auto& l : f.funds.expense)
    if (l.role == "project" && !l.name.empty()) out.push_back(&l);
  return out;
}

// "项目一、项目二" names two lines.
std::vector<std::string> named_projects(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char32_t c : to_u32(text)) {
    if (c == U'、' || c == U'，' || c == U',' || c == U'；' || c == U';' || c == U'/' || c == U'\n') {
      if (!trim(cur).empty()) out.push_back(trim(cur));
      cur.clear();
    } else {
      append_utf8(cur, c);
    }
  }
  if (!trim(cur).empty()) out.push_back(trim(cur));
  return out;
}

bool any_project_column(const Form& f) {
  return std::any_of(f.indicators.begin(), f.indicators.end(), [](const Indicator& i) { return !i.project.empty(); });
}

const RuleMeta kProjectUnknown{
    "indicator.project_unknown", Severity::Warning, Scope::Target, "对应项目不在支出表中",
    "履职指标的“对应项目”不是部门整体资金支出部分的任何一个项目",
    "“{name}”的对应项目“{project}”不是支出表中的项目。{nearest}",
    "有“对应项目”一栏的模板（如常州）要求每个履职指标写明它对应的支出项目，名称与部门整体资金支出部分的项目行一致，"
    "以便把指标和资金联系起来。名称按去掉空格和引号后比较；一格写了几个项目（用顿号、逗号或分号分开）时逐个检查。"
    "与某个项目名称只差一两个字时，修改建议给出该名称。"};

void check_project_unknown(Context& ctx) {
  // The expense lines or the 对应项目 column not read with confidence: nothing to blame.
  if (!ctx.form.sure("funds") || !ctx.form.sure("indicators")) return;
  const auto lines = project_lines(ctx.form);
  if (lines.empty()) return;
  std::set<std::string> known;
  for (const FundLine* l : lines) known.insert(match_key(l->name));
  const auto& inds = ctx.form.indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    for (const std::string& p : named_projects(inds[i].project)) {
      const std::string k = match_key(p);
      if (known.count(k)) continue;
      // The nearest line name: within a third of the name's length.
      const FundLine* nearest = nullptr;
      int best = static_cast<int>(u8_length(p)) / 3 + 1;
      for (const FundLine* l : lines) {
        const int dist = edit_distance(k, match_key(l->name), best);
        if (dist < best || (dist == best && !nearest && dist <= 2)) best = dist, nearest = l;
      }
      const std::string names = [&] {
        std::string s;
        for (size_t j = 0; j < lines.size() && j < 6; ++j) s += (j ? "、" : "") + lines[j]->name;
        return s + (lines.size() > 6 ? "等" : "");
      }();
      ctx.report(kProjectUnknown,
                 loc_in("indicators", static_cast<int>(i), "project", inds[i].src.cell("project"),
                        "绩效指标·" + inds[i].name + "·对应项目"),
                 {{"name", inds[i].name},
                  {"project", p},
                  {"nearest", nearest ? "最接近的是“" + nearest->name + "”。" : "支出表中的项目有：" + names + "。"}},
                 nearest ? nearest->name : "", p,
                 nearest ? "改为“" + nearest->name + "”。" : "写明支出表中的项目名称（" + names + "）。");
    }
  }
}

const RuleMeta kProjectUncovered{
    "indicator.project_uncovered", Severity::Info, Scope::Target, "项目没有对应的履职指标",
    "支出表中的项目行没有任何履职指标把它写作“对应项目”",
    "支出项目“{name}”（全年 {amount} 万元）没有对应的履职指标。",
    "表中有“对应项目”一栏且至少填了一处时，列出没有任何指标对应的支出项目：每个项目的资金都应有绩效指标说明它要达到什么。"
    "只作提示，因为一个指标也可能概括几个项目。"};

void check_project_uncovered(Context& ctx) {
  if (!any_project_column(ctx.form) || !ctx.form.sure("funds") || !ctx.form.sure("indicators")) return;
  std::set<std::string> named;
  for (const auto& i : ctx.form.indicators)
    for (const std::string& p : named_projects(i.project)) named.insert(match_key(p));
  const auto& ex = ctx.form.funds.expense;
  for (size_t j = 0; j < ex.size(); ++j) {
    if (ex[j].role != "project" || ex[j].name.empty() || named.count(match_key(ex[j].name))) continue;
    ctx.report(kProjectUncovered,
               loc_in("funds.expense", static_cast<int>(j), "", ex[j].src.at, "部门整体资金·支出·" + ex[j].name),
               {{"name", ex[j].name}, {"amount", ex[j].full.empty() ? "—" : ex[j].full}}, "", "",
               "为“" + ex[j].name + "”补充履职指标，或在已有指标的“对应项目”中写明它。");
  }
}

// The items of 单位主要职能: "（一）…（二）…", "一、…", "1.…", "①…", or "…；…".
std::vector<std::string> function_items(const std::string& text) {
  static const std::u32string kMarks = U"一二三四五六七八九十";
  const std::u32string t = to_u32(text);
  std::vector<std::string> items;
  std::u32string cur;
  auto flush = [&] {
    const std::string s = trim(to_utf8(cur));
    if (u8_length(s) >= 4) items.push_back(s);
    cur.clear();
  };
  for (size_t i = 0; i < t.size(); ++i) {
    const char32_t c = t[i];
    const bool paren_mark = (c == U'（' || c == U'(') && i + 2 < t.size() && kMarks.find(t[i + 1]) != std::u32string::npos &&
                            (t[i + 2] == U'）' || t[i + 2] == U')');
    const bool circled = c >= U'①' && c <= U'⑳';
    if (paren_mark || circled) flush();
    if (c == U'；' || c == U';') {
      flush();
      continue;
    }
    cur += c;
  }
  flush();
  return items;
}

const RuleMeta kDutyUnmatched{
    "indicator.duty_unmatched", Severity::Info, Scope::Target, "履职二级指标与主要职能不对应",
    "履职指标的二级（部门职责）在“单位主要职能”中找不到对应的一项",
    "履职二级指标“{duty}”在单位主要职能中找不到对应的职责。",
    "履职指标按部门职责分组：二级写的是单位的一项主要职能。“单位主要职能”分项列出（（一）（二）……、①②……或用分号分开）时，"
    "每个履职二级应能在其中找到对应的一项：去掉“负责、承担、做好、工作、管理、服务”等通用字词后，两者中较短一方的字至少一半出现在另一方中"
    "（“高企”对“高新技术企业”也算对应）。只作提示。"};

std::u32string duty_core(const std::string& text) {
  static const char* kGeneric[] = {"负责", "承担", "做好", "开展", "工作", "管理", "服务", "推进", "组织", "加强", "全市", "相关"};
  std::string k = match_key(text);
  for (const char* g : kGeneric)
    for (size_t at; (at = k.find(g)) != std::string::npos;) k.erase(at, std::string(g).size());
  std::u32string out;
  for (char32_t c : to_u32(k))
    if (is_cjk(c)) out += c;
  return out;
}

void check_duty_unmatched(Context& ctx) {
  if (!ctx.form.sure("texts.functions") || !ctx.form.sure("indicators")) return;
  const auto it = ctx.form.texts.find("functions");
  if (it == ctx.form.texts.end()) return;
  const auto items = function_items(it->second);
  if (items.size() < 2) return;
  std::vector<std::u32string> item_chars;
  for (const auto& s : items) item_chars.push_back(duty_core(s));
  std::set<std::string> seen;
  const auto& inds = ctx.form.indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    const Indicator& r = inds[i];
    if (r.level2.empty() || ctx.level1_of(r.level1) != "履职" || !seen.insert(r.level2).second) continue;
    const std::u32string core = duty_core(r.level2);
    if (core.size() < 2) continue;
    // A duty and an item correspond when at least half of the shorter one's
    // characters are in the longer (a 二级 may quote its item, or expand it).
    bool found = false;
    for (const auto& item : item_chars) {
      const std::u32string& shorter = item.size() < core.size() ? item : core;
      const std::u32string& longer = item.size() < core.size() ? core : item;
      size_t hit = 0;
      for (char32_t c : shorter) hit += longer.find(c) != std::u32string::npos;
      found = found || (shorter.size() >= 2 && 2 * hit >= shorter.size());
    }
    if (found) continue;
    ctx.report(kDutyUnmatched,
               loc_in("indicators", static_cast<int>(i), "level2", r.src.cell("level2"), "绩效指标·" + r.level2),
               {{"duty", r.level2}}, "", r.level2,
               "核对二级指标是否为单位主要职能中的一项，或在“单位主要职能”中补充这项职责。");
  }
}

}  // namespace

void add_link_rules(std::vector<Rule>& out) {
  out.push_back({&kProjectUnknown, check_project_unknown});
  out.push_back({&kProjectUncovered, check_project_uncovered});
  out.push_back({&kDutyUnmatched, check_duty_unmatched});
}

}  // namespace formcheck::rules
