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

// Writes a suggested fix into the form, as the page's 应用修改 does.
void apply(Document& d, const formcheck::SuggestedFix& x) {
  std::string* cell = formcheck::cell_text(d.form, {x.location.section, x.location.index, x.location.field});
  ASSERT_NE(cell, nullptr) << x.location.label;
  *cell = x.value;
  formcheck::check_document(d);
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

// The 常州 case of the issue: 资金总额 equals the expense side, the income lines
// are short. Changing 资金总额 would unbalance income and expense, so the
// search offers the blank income line first and says why not the total.
TEST(FixSearch, TheIncomeLinesAreShortNotTheTotal) {
  Document d = fctest::check_text(fctest::fixture("changzhou-target-income-short.txt"));
  const Finding* f = first_of(d, "money.income_total");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->searched);
  ASSERT_GE(f->fixes.size(), 2u);
  EXPECT_EQ(f->fixes[0].location.label, "部门整体资金·收入·其他资金·全年预算数");
  EXPECT_EQ(f->fixes[0].value, "10.00");
  for (const auto& x : f->fixes) EXPECT_NE(x.location.label, "部门整体资金·收入·资金总额·全年预算数");
  EXPECT_NE(f->fix.find("不宜只改“部门整体资金·收入·资金总额·全年预算数”"), std::string::npos) << f->fix;
  EXPECT_EQ(first_of(d, "money.expense_total"), nullptr);
  apply(d, f->fixes[0]);
  EXPECT_TRUE(fctest::rules_of(d, "money.").empty()) << fctest::summary(d);
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

// Forms without a single-cell fix (two figures wrong in a way no one change
// repairs without breaking another identity) get advice and no applicable fix.
TEST(FixSearch, NoSafeSingleChangeMeansNoApplicableFix) {
  std::string text = fctest::fixture("changzhou-target-income-short.txt");
  // 其他资金 removed: the only income parts are 财政拨款 (a sub-total) and 上年结转资金;
  // 上年结转资金 +10 still repairs it, so also make the carry-over line a sub-total's part… by
  // removing it: then only 财政拨款 (which its own parts pin) and the total remain.
  text.replace(text.find("\t\t其他资金\t\t\n"), std::string("\t\t其他资金\t\t\n").size(), "");
  text.replace(text.find("\t\t上年结转资金\t\t20\n"), std::string("\t\t上年结转资金\t\t20\n").size(), "");
  Document d = fctest::check_text(text);
  const Finding* f = first_of(d, "money.income_total");
  ASSERT_NE(f, nullptr) << fctest::summary(d);
  EXPECT_TRUE(f->searched);
  EXPECT_TRUE(f->fixes.empty());
  EXPECT_NE(f->fix.find("改动其中任何一个数都会使另一处勾稽关系不成立"), std::string::npos) << f->fix;
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
