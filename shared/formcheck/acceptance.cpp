#include "formcheck/acceptance.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "formcheck/model_json.hpp"
#include "formcheck/rules/families.hpp"

namespace formcheck {

namespace {

const RuleMeta kUnmatched{
    "accept.unmatched", Severity::Warning, Scope::Any, "说明未生效",
    "一条说明（表单所附或 --accept 文件中）没有对应的问题，或对应问题的数值已改变，或错误缺少说明理由",
    "对“{label}”（{rule}）的说明未生效：{why}",
    "说明（已说明）按规则、栏目、行或指标的名称和栏位对应问题，不按行号和列号，所以插入行不影响它；"
    "说明还记着问题所依据的数值（填报值、应为或推算值、勾稽关系各格的数值），其中任何一个改变，问题就重新打开，"
    "这条说明改在这里列出，以免旧的说明掩盖新的数字。错误必须写明理由才算已说明。"
    "导入（import.*）和提示级别的问题不需要也不接受说明。核对后重新说明，或删去这条说明。"};

// Findings a statement may accept: a rule's warnings and errors about the form.
bool acceptable(const Finding& f) {
  return f.severity != Severity::Info && f.rule.rfind("import.", 0) != 0 && f.rule.rfind("accept.", 0) != 0;
}

std::string computed_of(const Finding& f) { return f.implied.empty() ? f.expected : f.implied; }

bool same_place(const AcceptStatement& s, const Finding& f) {
  return f.rule == s.rule && f.location.section == s.section && f.location.field == s.field &&
         f.location.label == s.label;
}

bool same_values(const AcceptStatement& s, const Finding& f) {
  return f.actual == s.actual && (!s.has_computed || computed_of(f) == s.computed) &&
         (s.fingerprint.empty() || f.fingerprint == s.fingerprint);
}

// What became of a statement in one document.
struct Outcome {
  bool matched = false;
  std::string why;  // when not matched: the most telling reason found
  int rank = 0;     // 0 nothing found < 1 values changed < 2 reason missing
};

Outcome match(const AcceptStatement& s, bool by_gate, Document& d, std::vector<bool>& claimed) {
  Outcome o;
  std::vector<size_t> same;  // findings of the same place and values, not yet claimed
  const Finding* changed = nullptr;
  for (size_t i = 0; i < d.findings.size(); ++i) {
    const Finding& f = d.findings[i];
    if (!acceptable(f) || !same_place(s, f)) continue;
    if (!same_values(s, f)) {
      if (!changed) changed = &f;
      continue;
    }
    if (!claimed[i]) same.push_back(i);
  }
  if (same.empty()) {
    if (changed) {
      o.rank = 1;
      o.why = "问题所依据的数值已改变（说明时填报 " + (s.actual.empty() ? std::string("（空）") : s.actual) +
              "，现为 " + (changed->actual.empty() ? std::string("（空）") : changed->actual) +
              (changed->actual == s.actual ? "，相关数值有变" : "") + "），问题已重新打开。";
    } else {
      o.why = "表中已没有这一问题（可能已修改，或行名、栏目已改变）。";
    }
    return o;
  }
  // Same-named lines: the one at the statement's row first, else the first.
  size_t pick = same.front();
  for (size_t i : same)
    if (d.findings[i].location.index == s.index) pick = i;
  Finding& f = d.findings[pick];
  if (f.severity == Severity::Error && s.reason.empty()) {
    o.rank = 2;
    o.why = "错误必须写明说明理由。";
    return o;
  }
  claimed[pick] = true;
  if (!f.accepted || (by_gate && !f.accepted->by_gate)) f.accepted = std::make_shared<Accepted>(Accepted{s.reason, by_gate});
  o.matched = true;
  return o;
}

// The figures of the finding's row (its value columns, not its names and
// sentences): a row rule is computed from them, so a change to any re-opens
// an acceptance. An identity's finding has its own fingerprint (all its cells).
std::vector<std::string_view> row_figures(const Form& f, const Location& at) {
  if (at.index < 0) return {};
  const auto i = static_cast<size_t>(at.index);
  auto pick = [&](const auto& rows, auto... members) -> std::vector<std::string_view> {
    if (i >= rows.size()) return {};
    return {std::string_view(rows[i].*members)...};
  };
  if (at.section == "funds.income") return pick(f.funds.income, &FundLine::half, &FundLine::full);
  if (at.section == "funds.expense") return pick(f.funds.expense, &FundLine::half, &FundLine::full);
  if (at.section == "indicators") return pick(f.indicators, &Indicator::half, &Indicator::full);
  if (at.section == "budget_info")
    return pick(f.budget_info, &BudgetRow::initial, &BudgetRow::carry, &BudgetRow::adjusted, &BudgetRow::actual,
                &BudgetRow::rate);
  if (at.section == "evaluation") return pick(f.evaluation, &EvalRow::target, &EvalRow::actual, &EvalRow::deviation);
  if (at.section == "project_funds")
    return pick(f.project_funds, &ProjectFundRow::mid, &ProjectFundRow::year, &ProjectFundRow::initial,
                &ProjectFundRow::budget, &ProjectFundRow::executed, &ProjectFundRow::weight, &ProjectFundRow::rate,
                &ProjectFundRow::score);
  if (at.section == "project_indicators")
    return pick(f.project_indicators, &ProjectIndicator::mid, &ProjectIndicator::year, &ProjectIndicator::actual,
                &ProjectIndicator::weight, &ProjectIndicator::score);
  return {};
}

// Gives each acceptable finding on a row without a fingerprint its row's figures.
void add_row_basis(Document& d) {
  if (!d.has_form) return;
  for (auto& f : d.findings) {
    if (!f.fingerprint.empty() || !acceptable(f)) continue;
    const auto figures = row_figures(d.form, f.location);
    if (!figures.empty()) f.fingerprint = fingerprint(figures);
  }
}

void report_unmatched(Document& d, const AcceptStatement& s, const std::string& why) {
  Finding f;
  f.rule = kUnmatched.id;
  f.severity = kUnmatched.severity;
  f.message = format_message(kUnmatched.message, {{"label", s.label.empty() ? s.section : s.label}, {"rule", s.rule}, {"why", why}});
  f.location = loc_in(s.section, -1, s.field, Loc{}, s.label);
  f.actual = s.actual;
  f.fix = "核对后重新说明，或删去这条说明" + (s.reason.empty() ? std::string() : "（原说明：" + s.reason + "）") + "。";
  d.findings.push_back(std::move(f));
}

bool for_document(const AcceptStatement& s, const Document& d) {
  if (s.path.empty() || s.path == d.path) return true;
  // A workbook's further forms are "book.xlsx#Sheet"; a statement may name the
  // file, or the file by its name alone.
  auto base = [](const std::string& p) {
    const size_t slash = p.find_last_of("/\\");
    return slash == std::string::npos ? p : p.substr(slash + 1);
  };
  const std::string file = d.path.substr(0, d.path.find('#'));
  return s.path == file || base(s.path) == base(file) || base(s.path) == base(d.path);
}

void reset(Document& d) {
  auto& fs = d.findings;
  fs.erase(std::remove_if(fs.begin(), fs.end(), [](const Finding& f) { return f.rule == kUnmatched.id; }), fs.end());
  for (auto& f : fs) f.accepted.reset();
}

}  // namespace

void apply_acceptances(std::vector<Document>& docs, const std::vector<AcceptStatement>& gate) {
  for (auto& d : docs) {
    reset(d);
    add_row_basis(d);
  }
  // The gate's statements first (only they waive), each over the documents it names.
  std::vector<std::vector<bool>> claimed;
  for (auto& d : docs) claimed.emplace_back(d.findings.size(), false);
  for (const AcceptStatement& s : gate) {
    Outcome best;
    Document* target = nullptr;
    for (size_t k = 0; k < docs.size(); ++k) {
      if (!for_document(s, docs[k])) continue;
      if (!target) target = &docs[k];
      Outcome o = match(s, true, docs[k], claimed[k]);
      if (o.matched) {
        best = o;
        break;
      }
      if (best.why.empty() || o.rank > best.rank) best = o;
    }
    if (best.matched) continue;
    if (!target && !docs.empty()) target = &docs.front();
    if (target) report_unmatched(*target, s, best.why.empty() ? "没有与之对应的文件（path 不符）。" : best.why);
  }
  // Statements a form carries, within that form (a separate claim: a finding
  // the gate accepted may be the one the form explains too).
  for (auto& d : docs) {
    std::vector<bool> own(d.findings.size(), false);
    const std::vector<AcceptStatement> statements = d.has_form ? d.form.accepted : std::vector<AcceptStatement>{};
    std::vector<std::pair<const AcceptStatement*, std::string>> unmatched;
    for (const AcceptStatement& s : statements) {
      const Outcome o = match(s, false, d, own);
      if (!o.matched) unmatched.emplace_back(&s, o.why);
    }
    for (const auto& [s, why] : unmatched) report_unmatched(d, *s, why);
  }
}

void apply_acceptances(Document& doc, const std::vector<AcceptStatement>& gate) {
  std::vector<Document> one;
  one.push_back(std::move(doc));
  apply_acceptances(one, gate);
  doc = std::move(one.front());
}

int gate_errors(const Document& d) {
  int n = 0;
  for (const auto& f : d.findings) n += f.severity == Severity::Error && !(f.accepted && f.accepted->by_gate);
  return n;
}

std::vector<AcceptStatement> read_statements(const std::string& json_text) {
  return statements_from_json(parse_json_limited(json_text), "$");
}

std::string fingerprint(const std::vector<std::string_view>& values) {
  uint64_t h = 14695981039346656037ull;
  auto add = [&](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;
  };
  for (std::string_view v : values) {
    for (char c : v) add(static_cast<unsigned char>(c));
    add(0x1f);  // a separator no value holds, so "1","23" differs from "12","3"
  }
  static const char* kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 0xf];
  return out;
}

namespace rules {
void add_accept_rules(std::vector<Rule>& out) { out.push_back({&kUnmatched, nullptr}); }
}  // namespace rules

}  // namespace formcheck
