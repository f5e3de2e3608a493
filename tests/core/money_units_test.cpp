// The money machinery every family shares: a unit stated in a table head,
// cells read in that unit, the model key that carries it, and a line written
// twice (money.duplicate_line and the sums that stand on its first copy).
#include <gtest/gtest.h>

#include "formcheck/arith.hpp"
#include "formcheck/identities.hpp"
#include "formcheck/model_json.hpp"
#include "test_util.hpp"

using formcheck::Document;
using formcheck::Form;
using formcheck::FormKind;
using formcheck::MoneyReading;
using formcheck::read_money;
using formcheck::stated_money_unit;

namespace {

formcheck::FundLine fund(const char* role, const char* name, const char* half, const char* full) {
  formcheck::FundLine l;
  l.role = role, l.name = name, l.half = half, l.full = full;
  return l;
}

// The funds of a target table, balanced (资金总额 110 = 80 + 30; 60 + 50 = 110).
Form funds_form() {
  Form f;
  f.kind = FormKind::Target;
  f.funds.income = {fund("total", "资金总额", "", "110"), fund("appropriation", "财政拨款", "", "80"),
                    fund("general_budget", "一般公共预算资金", "", "80"), fund("carryover", "上年结转资金", "", "30")};
  f.funds.expense = {fund("basic", "基本支出", "30", "60"), fund("project_total", "项目支出", "20", "50"),
                     fund("project", "项目一", "10", "30"), fund("project", "项目二", "10", "20")};
  return f;
}

Document run(const Form& f) {
  formcheck::Options o;
  Document d;
  d.form = f;
  d.has_form = true;
  formcheck::check_document(d, o);
  return d;
}

int money_errors(const Document& d) {
  int n = 0;
  for (const auto& f : d.findings) n += f.severity == formcheck::Severity::Error && f.rule.rfind("money.", 0) == 0;
  return n;
}

const formcheck::Finding* first_of(const Document& d, const std::string& rule) {
  for (const auto& f : d.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

}  // namespace

TEST(MoneyUnits, AUnitStatedInAHeadIsRead) {
  EXPECT_EQ(stated_money_unit("部门整体资金（元）"), "元");
  EXPECT_EQ(stated_money_unit("部门整体资金(万元)"), "万元");
  EXPECT_EQ(stated_money_unit("单位：元"), "元");
  EXPECT_EQ(stated_money_unit("单位:万元"), "万元");
  EXPECT_EQ(stated_money_unit("金额单位：千元"), "千元");
  EXPECT_EQ(stated_money_unit("（单位：元）"), "元");
  EXPECT_EQ(stated_money_unit("单位：人民币元"), "元");
  EXPECT_EQ(stated_money_unit("全年预算数（千元）"), "千元");
  EXPECT_EQ(stated_money_unit("项目资金（ 亿元 ）"), "亿元");
  // Not a money unit: a rate, a name, no unit at all.
  EXPECT_EQ(stated_money_unit("人均经费（元/人）"), "");
  EXPECT_EQ(stated_money_unit("单位名称"), "");
  EXPECT_EQ(stated_money_unit("单位：元/吨"), "");
  EXPECT_EQ(stated_money_unit("部门整体资金"), "");
  EXPECT_EQ(stated_money_unit(""), "");
}

TEST(MoneyUnits, CellsAreReadInTheTablesUnit) {
  // The default 万元, as before.
  EXPECT_EQ(read_money("5455700元").value.to_string(), "545.57");
  EXPECT_EQ(read_money("5455700元").status, MoneyReading::UnitConverted);
  // A 元 table: a plain number is 元; "545.57万元" converts to 元.
  EXPECT_EQ(read_money("5455700", "元").status, MoneyReading::Plain);
  EXPECT_EQ(read_money("5455700", "元").value.to_string(), "5455700");
  const MoneyReading wan = read_money("545.57万元", "元");
  EXPECT_EQ(wan.status, MoneyReading::UnitConverted);
  EXPECT_EQ(wan.value, formcheck::Decimal::from_int(5455700));
  EXPECT_EQ(read_money("100元", "元").status, MoneyReading::UnitMatches);
  // 千元 both ways.
  EXPECT_EQ(read_money("5455.7", "千元").value.to_string(), "5455.7");
  EXPECT_EQ(read_money("5455.7千元", "万元").value.to_string(), "545.57");
  EXPECT_EQ(read_money("1万元", "千元").value.to_string(), "10");
  // Spreadsheet error values are unreadable amounts that say what they are.
  for (const char* e : {"#N/A", "#DIV/0!", "#REF!", "#VALUE!"}) {
    const MoneyReading r = read_money(e, "元");
    EXPECT_EQ(r.status, MoneyReading::Unreadable) << e;
    EXPECT_NE(r.why.find("错误值"), std::string::npos) << e;
  }
  EXPECT_TRUE(formcheck::is_blank_mark(" — "));
  EXPECT_TRUE(formcheck::is_blank_mark("／"));
  EXPECT_FALSE(formcheck::is_blank_mark("-5"));
}

TEST(MoneyUnits, TheModelCarriesTheUnitOnlyWhenStated) {
  Form f = funds_form();
  EXPECT_FALSE(formcheck::form_to_json(f).contains("money_unit"));
  f.money_unit = "元";
  const auto j = formcheck::form_to_json(f);
  ASSERT_TRUE(j.contains("money_unit"));
  EXPECT_EQ(j["money_unit"], "元");
  EXPECT_EQ(formcheck::form_from_json_text(j.dump()).money_unit, "元");
  auto bad = j;
  bad["money_unit"] = "美元";
  EXPECT_THROW(formcheck::form_from_json_text(bad.dump()), formcheck::ModelError);
}

TEST(MoneyUnits, MessagesSpeakInTheTablesUnit) {
  Form f = funds_form();
  f.money_unit = "元";
  for (auto* side : {&f.funds.income, &f.funds.expense})
    for (auto& l : *side) {
      if (!l.half.empty()) l.half += "0000";
      if (!l.full.empty()) l.full += "0000";
    }
  EXPECT_EQ(money_errors(run(f)), 0) << fctest::summary(run(f));
  // One cell written in 万元 in a 元 table: converted, said, and the sums hold.
  Form wan = f;
  wan.funds.expense[2].full = "30万元";
  Document d = run(wan);
  const auto* m = first_of(d, "money.unit_converted");
  ASSERT_NE(m, nullptr) << fctest::summary(d);
  EXPECT_NE(m->message.find("300000 元"), std::string::npos) << m->message;
  EXPECT_EQ(money_errors(d), 0) << fctest::summary(d);
  // A sum that fails says 元, not 万元.
  Form off = f;
  off.funds.income[0].full = "1105000";
  d = run(off);
  const auto* s = first_of(d, "money.income_total");
  ASSERT_NE(s, nullptr) << fctest::summary(d);
  EXPECT_NE(s->message.find("1105000 元"), std::string::npos) << s->message;
  EXPECT_EQ(s->message.find("万元"), std::string::npos) << s->message;
}

TEST(MoneyDuplicates, TheSecondCopyIsAnErrorNamingBothAndSumsUseTheFirst) {
  Form f = funds_form();
  // 基本支出 twice: 60 then 70. The sum stands on 60 and holds; the copy is the error.
  f.funds.expense.insert(f.funds.expense.begin() + 1, fund("basic", "基本支出", "30", "70"));
  Document d = run(f);
  const auto* dup = first_of(d, "money.duplicate_line");
  ASSERT_NE(dup, nullptr) << fctest::summary(d);
  EXPECT_EQ(dup->location.section, "funds.expense");
  EXPECT_EQ(dup->location.index, 1);
  EXPECT_NE(dup->message.find("全年预算数 60"), std::string::npos) << dup->message;
  EXPECT_NE(dup->message.find("全年预算数 70"), std::string::npos) << dup->message;
  EXPECT_EQ(fctest::count_rule(d, "money.expense_total"), 0) << fctest::summary(d);
  // When the first copy does not balance, the sum's message says which copy it used.
  f.funds.expense[0].full = "65";
  d = run(f);
  const auto* sum = first_of(d, "money.expense_total");
  ASSERT_NE(sum, nullptr) << fctest::summary(d);
  EXPECT_NE(sum->message.find("按第一处“基本支出”计"), std::string::npos) << sum->message;
}

TEST(MoneyDuplicates, AProjectNameTwiceCountsOnce) {
  Form f = funds_form();
  f.funds.expense.push_back(fund("project", "项目二", "10", "20"));
  const Document d = run(f);
  EXPECT_EQ(fctest::count_rule(d, "money.duplicate_line"), 1) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "money.project_lines"), 0) << fctest::summary(d);
  const auto dups = formcheck::duplicate_lines(f, FormKind::Target);
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_EQ(dups[0].first, 3);
  EXPECT_EQ(dups[0].second, 4);
}

TEST(MoneyBlanks, ADashIsBlankOnlyWhereTheTemplateAllowsIt) {
  Form f = funds_form();
  // 半年计划执行数 may be "not applicable"; it counts as 0 in the half-year sum.
  f.funds.expense[3].half = "—";
  Document d = run(f);
  EXPECT_EQ(fctest::count_rule(d, "money.blank_mark"), 1) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "money.project_lines"), 1) << fctest::summary(d);  // 20 ≠ 10 + 0
  // A 全年预算数 of a spending line must be an amount.
  f = funds_form();
  f.funds.expense[3].full = "—";
  d = run(f);
  EXPECT_EQ(fctest::count_rule(d, "money.unreadable"), 1) << fctest::summary(d);
  EXPECT_GE(money_errors(d), 1);
}
