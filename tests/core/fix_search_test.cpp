// The fix search (identities.hpp): a suggested change repairs its finding and
// breaks no other identity; generated forms with injected errors show that
// applying the suggestions never raises a new error and, in turn, leaves none.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

#include "corpus.hpp"
#include "formcheck/identities.hpp"
#include "formcheck/model_json.hpp"
#include "test_util.hpp"

using formcheck::Document;
using formcheck::Finding;

namespace {

const Finding* first_of(const Document& d, const std::string& rule) {
  for (const auto& f : d.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

// Writes a suggested fix into the form (every cell of a chain), as the page's 应用修改 does.
void apply(Document& d, const formcheck::SuggestedFix& x) {
  std::vector<std::pair<formcheck::Location, std::string>> changes;
  if (x.changes.empty()) changes.emplace_back(x.location, x.value);
  for (const auto& c : x.changes) changes.emplace_back(c.location, c.value);
  for (const auto& [at, value] : changes) {
    std::string* cell = formcheck::cell_text(d.form, {at.section, at.index, at.field});
    ASSERT_NE(cell, nullptr) << at.label;
    *cell = value;
  }
  formcheck::check_document(d);
}

// The fixture's 部门整体资金 block replaced by `funds` (the lines after the heading).
std::string with_funds(const std::string& funds) {
  std::string text = fctest::fixture("changzhou-target-income-short.txt");
  const size_t from = text.find("\t\t资金总额"), to = text.find("中长期目标");
  return text.substr(0, from) + funds + text.substr(to);
}

std::vector<std::string> labels_of(const Finding& f) {
  std::vector<std::string> out;
  for (const auto& x : f.fixes) out.push_back(x.location.label);
  return out;
}

using Key = std::tuple<std::string, std::string, int, std::string>;
std::set<Key> error_keys(const Document& d) {
  std::set<Key> out;
  for (const auto& f : d.findings)
    if (f.severity == formcheck::Severity::Error)
      out.insert({f.rule, f.location.section, f.location.index, f.location.field});
  return out;
}

}  // namespace

// Income short of 资金总额, which equals the expense side, and nothing in the
// form says which income line is short: changing 资金总额 would unbalance
// income and expense, so the candidates are the income lines (上年结转资金, and
// 一般公共预算资金 with its 财政拨款小计 as one chain fix); the blank 其他资金 is
// not plugged, nothing is certain, and the advice says what to check.
TEST(FixSearch, TheIncomeLinesAreShortNotTheTotal) {
  Document d = fctest::check_text(fctest::fixture("changzhou-target-income-short.txt"));
  const Finding* f = first_of(d, "money.income_total");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->searched);
  ASSERT_EQ(f->fixes.size(), 2u) << f->fix;
  EXPECT_EQ(f->fixes[0].location.label, "部门整体资金·收入·上年结转资金·全年预算数");
  EXPECT_EQ(f->fixes[0].value, "30.00");
  EXPECT_EQ(f->fixes[1].location.label, "部门整体资金·收入·一般公共预算资金·全年预算数");
  ASSERT_EQ(f->fixes[1].changes.size(), 2u);
  EXPECT_EQ(f->fixes[1].changes[1].location.label, "部门整体资金·收入·财政拨款·全年预算数");
  EXPECT_EQ(f->fixes[1].changes[1].value, "90.00");
  for (const auto& x : f->fixes) {
    EXPECT_FALSE(x.certain);
    EXPECT_NE(x.location.label, "部门整体资金·收入·资金总额·全年预算数");
    EXPECT_NE(x.location.label, "部门整体资金·收入·其他资金·全年预算数");  // never plugged
  }
  EXPECT_NE(f->fix.find("候选："), std::string::npos) << f->fix;
  EXPECT_NE(f->fix.find("仅凭本表无法确定是哪一处，请核对预算批复"), std::string::npos) << f->fix;
  EXPECT_NE(f->fix.find("不宜只改“部门整体资金·收入·资金总额·全年预算数”"), std::string::npos) << f->fix;
  // 应为 agrees with the advice: 资金总额 is not to change, so only the implied figure is given.
  EXPECT_EQ(f->expected, "");
  EXPECT_EQ(f->implied, "100.00");
  EXPECT_EQ(first_of(d, "money.expense_total"), nullptr);
  for (const auto& x : f->fixes) {
    Document after = d;
    apply(after, x);
    EXPECT_TRUE(fctest::rules_of(after, "money.").empty()) << fctest::summary(after);
  }
}

// The 常州 2024 case, built from the bundled form: the basic-expense
// funding left out of 一般公共预算资金 and its 财政拨款小计 (both 896.50 → 476.00).
// The first candidate is the chain raising both, the difference is named as
// 基本支出, and with nothing else for it, it is a candidate, not a certain fix.
TEST(FixSearch, FundingLeftOutOfIncomeIsAChainCandidateNamedByTheDifference) {
  std::string text = fctest::seed("changzhou-2024-target-example.txt");
  for (int i = 0; i < 2; ++i) text.replace(text.find("\t896.50\n"), 8, "\t476.00\n");
  Document d = fctest::check_text(text);
  const Finding* f = first_of(d, "money.income_total");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  EXPECT_NE(f->message.find("相差 420.50，恰等于基本支出（420.50）：基本支出的资金来源可能未列入收入。"), std::string::npos)
      << f->message;
  ASSERT_FALSE(f->fixes.empty());
  const auto& chain = f->fixes[0];
  EXPECT_FALSE(chain.certain);
  ASSERT_EQ(chain.changes.size(), 2u);
  EXPECT_EQ(chain.changes[0].location.label, "部门整体资金·收入·一般公共预算资金·全年预算数");
  EXPECT_EQ(chain.changes[0].value, "896.50");
  EXPECT_EQ(chain.changes[1].location.label, "部门整体资金·收入·财政拨款·全年预算数");
  EXPECT_EQ(chain.changes[1].value, "896.50");
  ASSERT_FALSE(chain.evidence.empty());
  EXPECT_NE(chain.evidence[0].find("恰等于基本支出"), std::string::npos);
  for (const auto& x : f->fixes) {
    EXPECT_FALSE(x.certain) << x.location.label;
    for (const char* blank : {"国有资本金", "社保基金", "其他资金"})  // zero lines: never plugged
      EXPECT_EQ(x.location.label.find(blank), std::string::npos) << x.location.label;
  }
  EXPECT_EQ(f->expected, "");
  EXPECT_EQ(f->implied, "516.00");
  apply(d, chain);
  EXPECT_TRUE(fctest::rules_of(d, "money.").empty()) << fctest::summary(d);
}

// Two project lines each one digit swap away from the difference: both are
// candidates, neither certain.
TEST(FixSearch, TwoEquallyLikelySlipsAreBothCandidates) {
  Document d = fctest::check_text(with_funds(
      "\t\t资金总额\t\t213\n\t\t财政拨款\t小计\t213\n\t\t\t一般公共预算资金\t213\n"
      "\t支出\t\t\t半年计划执行数\t全年预算数\n\t\t基本支出\t\t30\t70\n\t\t项目支出\t\t10\t143\n"
      "\t\t信息化运维\t\t5\t54\n\t\t设备购置\t\t5\t98\n"));
  const Finding* f = first_of(d, "money.project_lines");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  const auto labels = labels_of(*f);
  ASSERT_EQ(labels.size(), 2u) << f->fix;
  EXPECT_NE(std::find(labels.begin(), labels.end(), "部门整体资金·支出·信息化运维·全年预算数"), labels.end());
  EXPECT_NE(std::find(labels.begin(), labels.end(), "部门整体资金·支出·设备购置·全年预算数"), labels.end());
  for (const auto& x : f->fixes) {
    EXPECT_FALSE(x.certain);
    EXPECT_FALSE(x.evidence.empty());
  }
  EXPECT_NE(f->fix.find("请核对项目明细"), std::string::npos) << f->fix;
}

// A line typed 9.5 for 8.5 among lines that could each be one digit off:
// every one of them is a candidate.
TEST(FixSearch, AOneDigitSlipAmongManyLinesIsNotCertain) {
  Document d = fctest::check_text(with_funds(
      "\t\t资金总额\t\t131.75\n\t\t财政拨款\t小计\t131.75\n\t\t\t一般公共预算资金\t131.75\n"
      "\t支出\t\t\t半年计划执行数\t全年预算数\n\t\t基本支出\t\t30\t70\n\t\t项目支出\t\t\t61.75\n"
      "\t\t项目甲\t\t\t9.5\n\t\t项目乙\t\t\t12.5\n\t\t项目丙\t\t\t33.5\n\t\t项目丁\t\t\t7.25\n"));
  const Finding* f = first_of(d, "money.project_lines");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  EXPECT_EQ(f->fixes.size(), 4u) << f->fix;
  for (const auto& x : f->fixes) EXPECT_FALSE(x.certain) << x.location.label;
}

// One line a digit swap away, the others not: that line is the certain fix,
// and 应为 is empty on the 项目支出 finding, whose own cell is not to change.
TEST(FixSearch, TheOnlySupportedChangeIsCertain) {
  Document d = fctest::check_text(with_funds(
      "\t\t资金总额\t\t175\n\t\t财政拨款\t小计\t175\n\t\t\t一般公共预算资金\t175\n"
      "\t支出\t\t\t半年计划执行数\t全年预算数\n\t\t基本支出\t\t30\t70\n\t\t项目支出\t\t10\t105\n"
      "\t\t信息化运维\t\t5\t54\n\t\t设备购置\t\t5\t60\n"));
  const Finding* f = first_of(d, "money.project_lines");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  ASSERT_EQ(f->fixes.size(), 1u) << f->fix;
  EXPECT_TRUE(f->fixes[0].certain);
  EXPECT_EQ(f->fixes[0].location.label, "部门整体资金·支出·信息化运维·全年预算数");
  EXPECT_EQ(f->fixes[0].value, "45.00");
  EXPECT_NE(f->fix.find("依据：原数 54.00 与 45.00 相比：可能是相邻两位数字颠倒"), std::string::npos) << f->fix;
  EXPECT_EQ(f->expected, "");
  EXPECT_EQ(f->implied, "114.00");
}

// A project line typed 54 for 45 with 项目支出 added up from it: income and
// expense no longer balance. The chain (the line and 项目支出 together) is the
// one change with evidence (a digit swap), so it is certain.
TEST(FixSearch, AProjectLineWithItsSubtotalIsOneChainFix) {
  Document d = fctest::check_text(with_funds(
      "\t\t资金总额\t\t175\n\t\t财政拨款\t小计\t175\n\t\t\t一般公共预算资金\t175\n"
      "\t支出\t\t\t半年计划执行数\t全年预算数\n\t\t基本支出\t\t30\t70\n\t\t项目支出\t\t10\t114\n"
      "\t\t信息化运维\t\t5\t54\n\t\t设备购置\t\t5\t60\n"));
  const Finding* f = first_of(d, "money.expense_total");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  ASSERT_FALSE(f->fixes.empty()) << f->fix;
  const auto& x = f->fixes[0];
  EXPECT_TRUE(x.certain) << f->fix;
  ASSERT_EQ(x.changes.size(), 2u) << f->fix;
  EXPECT_EQ(x.changes[0].location.label, "部门整体资金·支出·信息化运维·全年预算数");
  EXPECT_EQ(x.changes[0].value, "45.00");
  EXPECT_EQ(x.changes[1].location.label, "部门整体资金·支出·项目支出·全年预算数");
  EXPECT_EQ(x.changes[1].value, "105.00");
  apply(d, x);
  EXPECT_TRUE(fctest::rules_of(d, "money.").empty()) << fctest::summary(d);
}

// Evidence beyond the sum makes one candidate certain: the 年度目标 states
// the new figure of 上年结转资金.
TEST(FixSearch, TheNarrativeStatingTheFigureMakesTheFixCertain) {
  std::string text = fctest::fixture("changzhou-target-income-short.txt");
  const std::string goal = "年度目标\t\t";
  ASSERT_NE(text.find(goal), std::string::npos);
  text.insert(text.find(goal) + goal.size(), "上年结转资金30万元，");
  Document d = fctest::check_text(text);
  const Finding* f = first_of(d, "money.income_total");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  ASSERT_EQ(f->fixes.size(), 1u) << f->fix;
  EXPECT_TRUE(f->fixes[0].certain);
  EXPECT_EQ(f->fixes[0].location.label, "部门整体资金·收入·上年结转资金·全年预算数");
  EXPECT_EQ(f->fixes[0].value, "30.00");
  ASSERT_FALSE(f->fixes[0].evidence.empty());
  EXPECT_NE(f->fixes[0].evidence.back().find("叙述中写的“上年结转资金” 30万元"), std::string::npos)
      << f->fixes[0].evidence.back();
}

// The other column as evidence: the line whose 半年计划执行数 is above its
// 全年预算数 is the one the change brings back under it.
TEST(FixSearch, AHalfYearFigureAboveTheYearsPointsAtItsLine) {
  Document d = fctest::check_text(with_funds(
      "\t\t资金总额\t\t170\n\t\t财政拨款\t小计\t170\n\t\t\t一般公共预算资金\t170\n"
      "\t支出\t\t\t半年计划执行数\t全年预算数\n\t\t基本支出\t\t30\t70\n\t\t项目支出\t\t50\t100\n"
      "\t\t信息化运维\t\t40\t30\n\t\t设备购置\t\t10\t55\n"));
  const Finding* f = first_of(d, "money.project_lines");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  ASSERT_FALSE(f->fixes.empty()) << f->fix;
  EXPECT_TRUE(f->fixes[0].certain) << f->fix;
  EXPECT_EQ(f->fixes[0].location.label, "部门整体资金·支出·信息化运维·全年预算数");
  EXPECT_EQ(f->fixes[0].value, "45.00");
  EXPECT_NE(f->fix.find("改后半年计划执行数不再大于全年预算数"), std::string::npos) << f->fix;
}

// A wrong total that both of its identities show: changing it repairs both.
TEST(FixSearch, AWrongTotalIsFixedOnceForBothIdentities) {
  Document d = fctest::check_text(fctest::fixture("changzhou-target-error.txt"));
  const Finding* f = first_of(d, "money.income_total");
  ASSERT_NE(f, nullptr);
  ASSERT_FALSE(f->fixes.empty());
  EXPECT_EQ(f->fixes[0].location.label, "部门整体资金·收入·资金总额·全年预算数");
  EXPECT_EQ(f->fixes[0].value, "100.00");
  EXPECT_EQ(f->fixes[0].effect, "同时使另外 1 处勾稽关系成立");
  EXPECT_TRUE(f->fixes[0].certain);
  EXPECT_EQ(f->expected, "100.00");  // the located cell is the fix: 应为 stays
  EXPECT_EQ(f->implied, "");
  apply(d, f->fixes[0]);
  EXPECT_EQ(first_of(d, "money.income_total"), nullptr);
  EXPECT_EQ(first_of(d, "money.expense_total"), nullptr);
}

// A sub-total whose own parts add up is not the one to change: the search
// prefers the line whose change breaks nothing.
TEST(FixSearch, ASubtotalThatAddsUpIsLeftAlone) {
  Document d = fctest::check_text(fctest::fixture("changzhou-target-error.txt"));
  const Finding* f = first_of(d, "money.income_total");
  ASSERT_NE(f, nullptr);
  for (const auto& x : f->fixes) EXPECT_NE(x.location.label, "部门整体资金·收入·财政拨款·全年预算数");
}

// When the only change left is a chain (the other income lines gone), it is
// offered as the one candidate, not as a certain fix.
TEST(FixSearch, TheOnlyChangeWithoutEvidenceIsACandidate) {
  std::string text = fctest::fixture("changzhou-target-income-short.txt");
  text.replace(text.find("\t\t其他资金\t\t\n"), std::string("\t\t其他资金\t\t\n").size(), "");
  text.replace(text.find("\t\t上年结转资金\t\t20\n"), std::string("\t\t上年结转资金\t\t20\n").size(), "");
  Document d = fctest::check_text(text);
  const Finding* f = first_of(d, "money.income_total");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  EXPECT_TRUE(f->searched);
  ASSERT_EQ(f->fixes.size(), 1u);
  EXPECT_FALSE(f->fixes[0].certain);
  EXPECT_EQ(f->fixes[0].changes.size(), 2u);
  EXPECT_NE(f->fix.find("仅凭本表无法确认它就是填错的数"), std::string::npos) << f->fix;
}

// Property: on every gold form of the layout corpus and both bundled reports,
// one money cell at a time is given a wrong figure (a random change, two
// digits swapped, ×10, a blank filled); applying the first suggested fix of
// any arithmetic error never raises an error that was not there, and applying
// them in turn leaves no arithmetic error.
TEST(FixSearch, AppliedFixesNeverRaiseANewErrorAndLeaveNoArithmeticError) {
  std::vector<formcheck::Form> forms;
  for (const auto& name : corpus::gold_names()) forms.push_back(corpus::load_gold(name));
  for (const auto& name : corpus::report_names()) forms.push_back(corpus::load_gold(name));
  std::set<std::string> arithmetic;  // the rules that check identities
  for (auto kind : {formcheck::FormKind::Target, formcheck::FormKind::SelfEval})
    for (const auto& decl : formcheck::identity_decls(kind)) arithmetic.insert(decl.rule);
  std::mt19937 rng(20261123);
  int injected = 0, repaired = 0;
  for (const formcheck::Form& gold : forms) {
    Document base;
    base.path = "gold.json";
    base.form = gold;
    base.has_form = true;
    formcheck::check_document(base);
    const std::set<Key> base_errors = error_keys(base);
    const auto ids = formcheck::identities_of(gold, gold.kind);
    std::vector<formcheck::CellRef> cells;
    for (const auto& id : ids) {
      cells.push_back(id.total);
      for (const auto& p : id.parts) cells.push_back(p);
    }
    std::sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) {
      return std::tie(a.section, a.index, a.field) < std::tie(b.section, b.index, b.field);
    });
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    for (int round = 0; round < 60 && !cells.empty(); ++round) {
      Document d = base;
      const formcheck::CellRef c = cells[rng() % cells.size()];
      std::string* cell = formcheck::cell_text(d.form, c);
      ASSERT_NE(cell, nullptr);
      const auto old = formcheck::money(*cell);
      if (c.field == "rate") continue;  // rates are derived: a wrong rate has one fix, itself
      switch (rng() % 4) {
        case 0: *cell = formcheck::Decimal::from_units(static_cast<int64_t>(rng() % 900000 + 1), 2).to_fixed(2); break;
        case 1: {
          std::string s = old ? old->to_fixed(2) : "12.34";
          for (size_t i = 0; i + 1 < s.size(); ++i)
            if (s[i] != s[i + 1] && std::isdigit(static_cast<unsigned char>(s[i])) &&
                std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
              std::swap(s[i], s[i + 1]);
              break;
            }
          *cell = s;
          break;
        }
        case 2: *cell = old ? old->mul_int(10).to_fixed(2) : "10.00"; break;
        default: *cell = old ? (*old + formcheck::Decimal::from_units(rng() % 5000 + 1, 2)).to_fixed(2) : "7.00"; break;
      }
      formcheck::check_document(d);
      std::set<Key> seen = error_keys(d);
      if (seen == base_errors) continue;  // a change rounding explains, or none
      ++injected;
      for (int step = 0; step < 12; ++step) {
        const Finding* next = nullptr;
        for (const auto& f : d.findings)
          if (f.severity == formcheck::Severity::Error && f.searched && !f.fixes.empty()) next = next ? next : &f;
        if (!next) break;
        const std::string what = next->rule + " " + next->fixes[0].location.label + " -> " + next->fixes[0].value;
        apply(d, next->fixes[0]);
        for (const Key& k : error_keys(d))
          EXPECT_TRUE(seen.count(k)) << "new error " << std::get<0>(k) << " at " << std::get<1>(k) << "["
                                     << std::get<2>(k) << "]." << std::get<3>(k) << " after " << what;
      }
      bool arithmetic_left = false;
      for (const auto& f : d.findings)
        if (f.severity == formcheck::Severity::Error && arithmetic.count(f.rule) &&
            !base_errors.count({f.rule, f.location.section, f.location.index, f.location.field}))
          arithmetic_left = true;
      EXPECT_FALSE(arithmetic_left) << "arithmetic error left" << fctest::summary(d);
      repaired += !arithmetic_left;
    }
  }
  std::printf("fix search: %d injected errors, %d repaired\n", injected, repaired);
  EXPECT_EQ(arithmetic.size(), 8u);
  EXPECT_GT(injected, 200);
  EXPECT_EQ(repaired, injected);
}

// The bundled forms as they are: applying every suggested fix in turn leaves
// no arithmetic error and raises no error that was not there.
TEST(FixSearch, BundledFormsEndWithoutArithmeticErrors) {
  std::set<std::string> arithmetic;
  for (auto kind : {formcheck::FormKind::Target, formcheck::FormKind::SelfEval})
    for (const auto& decl : formcheck::identity_decls(kind)) arithmetic.insert(decl.rule);
  const std::vector<std::string> inputs = {
      fctest::seed(fctest::kSeedTarget), fctest::seed(fctest::kSeedReport2024), fctest::seed(fctest::kSeedReport2022),
      fctest::seed("changzhou-2024-target-example.txt"), fctest::seed("suzhou-2025-target-example.txt"),
      fctest::seed("changzhou-target-example.txt"), fctest::fixture("changzhou-target-error.txt"),
      fctest::fixture("changzhou-target-income-short.txt")};
  int applied = 0;
  for (const std::string& text : inputs) {
    Document d = fctest::check_text(text);
    const std::set<Key> before = error_keys(d);
    for (int step = 0; step < 20; ++step) {
      const Finding* next = nullptr;
      for (const auto& f : d.findings)
        if (!next && f.severity == formcheck::Severity::Error && f.searched && !f.fixes.empty()) next = &f;
      if (!next) break;
      apply(d, next->fixes[0]);
      ++applied;
    }
    for (const Key& k : error_keys(d)) EXPECT_TRUE(before.count(k)) << "new error " << std::get<0>(k);
    for (const auto& f : d.findings)
      EXPECT_FALSE(f.severity == formcheck::Severity::Error && arithmetic.count(f.rule)) << f.rule << ": " << f.message;
  }
  EXPECT_GE(applied, 2);  // the two fixtures with arithmetic errors
}
