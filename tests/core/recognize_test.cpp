// The text front end and the layout recognizer on the seeds (counts and
// values pinned against the documents) and on template variations.
#include <gtest/gtest.h>

#include "formcheck/limits.hpp"
#include "formcheck/model_json.hpp"
#include "formcheck/recognize.hpp"
#include "formcheck/text_import.hpp"
#include "formcheck/text_util.hpp"
#include "test_util.hpp"

using formcheck::Document;
using formcheck::FormKind;

namespace {

Document load(const std::string& text) { return formcheck::load_document("t", text); }

int unrecognized(const Document& d) { return fctest::count_rule(d, "import.unrecognized"); }

}  // namespace

TEST(Seeds, TargetTable2022) {
  const Document d = load(fctest::seed(fctest::kSeedTarget));
  ASSERT_TRUE(d.has_form);
  const auto& f = d.form;
  EXPECT_EQ(d.input, "tsv");
  EXPECT_EQ(f.kind, FormKind::Target);
  EXPECT_EQ(f.unit, "苏州市生产力促进中心");
  EXPECT_EQ(f.year, "2022");
  EXPECT_EQ(f.region, "苏州");
  EXPECT_EQ(f.title, "苏州市市级部门整体预算绩效目标表");
  EXPECT_EQ(f.texts.at("functions").rfind("根据《中共苏州市委", 0), 0u);
  EXPECT_EQ(f.texts.at("org_setup").rfind("依据三定方案", 0), 0u);  // label "机构设置：" dropped
  EXPECT_EQ(f.texts.at("mid_term_goal").rfind("中心隶属苏州市科技局", 0), 0u);
  EXPECT_FALSE(f.texts.at("annual_goal").empty());
  // Income: 资金总额, 财政拨款(小计), three parts, four other sources.
  ASSERT_EQ(f.funds.income.size(), 9u);
  EXPECT_EQ(f.funds.income[0].role, "total");
  EXPECT_EQ(f.funds.income[0].full, "545.57");
  EXPECT_EQ(f.funds.income[1].role, "appropriation");
  EXPECT_EQ(f.funds.income[1].full, "545.57");
  EXPECT_EQ(f.funds.income[2].role, "general_budget");
  EXPECT_EQ(f.funds.income[8].role, "other");
  // Expense: basic, project total and five project lines, half and full.
  ASSERT_EQ(f.funds.expense.size(), 7u);
  EXPECT_EQ(f.funds.expense[0].role, "basic");
  EXPECT_EQ(f.funds.expense[0].half, "239.12");
  EXPECT_EQ(f.funds.expense[0].full, "516.57");
  EXPECT_EQ(f.funds.expense[1].role, "project_total");
  EXPECT_EQ(f.funds.expense[1].full, "29");
  EXPECT_EQ(f.funds.expense[5].name, "公务出国（境）费");
  EXPECT_EQ(f.funds.expense[6].name, "专项租赁费");
  EXPECT_EQ(f.funds.expense[6].half, "");
  EXPECT_EQ(f.funds.expense[6].full, "2.64");
  EXPECT_EQ(f.funds.expense[6].src.cell("full").line, 26);
  // Indicators: 决策 9, 过程 19 + 3 (机构建设 row group), 履职 13, 效益 8 + 2 empty groups, 满意度 1.
  ASSERT_EQ(f.indicators.size(), 55u);
  int named = 0;
  for (const auto& i : f.indicators) named += !i.name.empty();
  EXPECT_EQ(named, 53);
  const auto& first = f.indicators[0];
  EXPECT_EQ(first.level1, "决策");
  EXPECT_EQ(first.level2, "计划制定");
  EXPECT_EQ(first.name, "工作计划制定健全性");
  EXPECT_EQ(first.full, "健全");
  const auto& shifted = f.indicators[9];  // 三级 sits one column further right in the 过程 rows
  EXPECT_EQ(shifted.level1, "过程");
  EXPECT_EQ(shifted.level2, "预算执行");
  EXPECT_EQ(shifted.name, "公用经费控制率");
  EXPECT_EQ(shifted.half, "≤100%");
  const auto& duty = f.indicators[31];
  EXPECT_EQ(duty.level1, "履职");
  EXPECT_EQ(duty.level2, "负责成果转化");
  EXPECT_EQ(duty.key_work, "技术合同认定");
  EXPECT_EQ(duty.name, "全市技术合同成交额");
  EXPECT_EQ(duty.half, "≥300亿元");
  EXPECT_EQ(duty.full, "≥660亿元");
  EXPECT_EQ(f.indicators[42].key_work, "技术经纪人培训工作");  // PDF space between CJK removed
  EXPECT_EQ(f.indicators[44].level2, "社会效益");
  const auto& eco = f.indicators[52];
  EXPECT_EQ(eco.level2, "生态效益");
  EXPECT_TRUE(eco.name.empty());
  EXPECT_EQ(f.indicators.back().name, "服务企业满意度");
  EXPECT_EQ(f.indicators.back().level2, "服务对象满意度");
  EXPECT_EQ(unrecognized(d), 0);
}

TEST(Seeds, SelfEvaluation2024WithWrappedRows) {
  const Document d = load(fctest::seed(fctest::kSeedReport2024));
  ASSERT_TRUE(d.has_form);
  const auto& f = d.form;
  EXPECT_EQ(f.kind, FormKind::SelfEval);
  EXPECT_EQ(f.unit, "苏州市生产力促进中心");
  EXPECT_EQ(f.year, "2024");
  for (const char* k : {"duty_completion", "overview", "performance", "problems", "application"})
    EXPECT_FALSE(f.texts.at(k).empty()) << k;
  ASSERT_EQ(f.budget_info.size(), 7u);
  EXPECT_EQ(f.budget_info[0].role, "total");
  EXPECT_EQ(f.budget_info[0].initial, "667.92");
  EXPECT_EQ(f.budget_info[0].carry, "82.47");
  EXPECT_EQ(f.budget_info[0].rate, "92.61%");
  EXPECT_EQ(f.budget_info[2].role, "project_total");
  EXPECT_EQ(f.budget_info[2].carry, "");
  EXPECT_EQ(f.budget_info[3].initial, ".7");
  EXPECT_EQ(f.budget_info[6].actual, "0.39");
  ASSERT_EQ(f.key_tasks.size(), 13u);
  EXPECT_EQ(f.key_tasks[1].duty, "负责产学研合作");  // merged duty cell continues
  EXPECT_EQ(f.key_tasks[1].task, "科技镇长团会议");
  EXPECT_EQ(f.key_tasks[12].task, "平台建设与运行");
  ASSERT_EQ(f.evaluation.size(), 54u);
  auto find = [&](const std::string& name) -> const formcheck::EvalRow* {
    for (const auto& e : f.evaluation)
      if (e.name == name) return &e;
    return nullptr;
  };
  // Wrapped over two lines with the continuation two columns to the right.
  const auto* meetings = find("组织召开科技镇长团各类会议");
  ASSERT_NE(meetings, nullptr);
  EXPECT_EQ(meetings->source, "工作完成实际情况");
  EXPECT_EQ(meetings->reason, "超额完成工作任务");
  EXPECT_EQ(meetings->category, "履职");
  // Continuation in the same column as its reason.
  ASSERT_NE(find("培育技术经纪人"), nullptr);
  EXPECT_EQ(find("培育技术经纪人")->reason, "超额完成工作任务");
  // A repeated wrapped tail does not corrupt a standard name.
  ASSERT_NE(find("人员管理制度健全性"), nullptr);
  EXPECT_EQ(find("人员管理制度健全性")->source, "人员管理相关制度");
  // Spaces a PDF left between CJK characters are removed.
  ASSERT_NE(find("“三公经费”变动率"), nullptr);
  ASSERT_NE(find("苏州市研发资源共享服务平台建设与运营"), nullptr);
  EXPECT_EQ(find("预算调整率")->reason, "人员变动及政策性调整人员经费");
  EXPECT_EQ(find("预算调整率")->deviation, "100%");
  EXPECT_EQ(find("企业研发周期")->category, "效益");
  EXPECT_EQ(find("基础信息完善性")->category, "过程");
  EXPECT_EQ(find("服务企业满意度")->category, "满意度");
  EXPECT_EQ(unrecognized(d), 0);
}

TEST(Seeds, SelfEvaluation2022CopiedFromWord) {
  const Document d = load(fctest::seed(fctest::kSeedReport2022));
  ASSERT_TRUE(d.has_form);
  const auto& f = d.form;
  EXPECT_EQ(d.input, "lines");
  EXPECT_EQ(f.unit, "苏州市科技服务中心");
  EXPECT_EQ(f.year, "2022");
  ASSERT_EQ(f.budget_info.size(), 12u);
  EXPECT_EQ(f.budget_info[0].adjusted, "2103.19");
  EXPECT_EQ(f.budget_info[2].actual, "548.2");
  EXPECT_EQ(f.budget_info[11].name, "苏州市双创中心众创空间运营服务");
  EXPECT_EQ(f.budget_info[11].rate, "99.85%");
  ASSERT_EQ(f.key_tasks.size(), 22u);
  EXPECT_EQ(f.key_tasks[0].status, "基本完成");
  EXPECT_EQ(f.key_tasks[2].content, "科技文献资源");
  EXPECT_EQ(f.key_tasks[21].duty, "市双创中心建设运营与管理");
  ASSERT_EQ(f.evaluation.size(), 69u);
  EXPECT_EQ(f.evaluation[0].name, "工作计划制定健全性");
  EXPECT_EQ(f.evaluation[0].category, "决策");
  EXPECT_EQ(f.evaluation.back().name, "开展创业沙龙、项目路演、创业大赛、双创教育培训等活动");
  EXPECT_EQ(f.evaluation.back().target, "=15场次");
  // The two lines after the tables (a Word bookmark and a page number) are reported, not lost.
  EXPECT_EQ(unrecognized(d), 2);
}

TEST(TextImport, RejectsUnusableInput) {
  EXPECT_EQ(fctest::rules_of(load(""), "import."), std::vector<std::string>{"import.empty"});
  EXPECT_EQ(fctest::rules_of(load(" \n\t\n"), "import."), std::vector<std::string>{"import.empty"});
  EXPECT_EQ(fctest::rules_of(load(std::string("ab\0cd", 5)), "import."), std::vector<std::string>{"import.binary"});
  EXPECT_EQ(fctest::rules_of(load("\xC4\xE3\xBA\xC3 gbk"), "import."), std::vector<std::string>{"import.encoding"});
  EXPECT_EQ(fctest::rules_of(load("hello\tworld\nfoo"), "import."),
            std::vector<std::string>{"import.unknown_form"});
  const std::string big(formcheck::limits::kMaxInputBytes + 1, 'a');
  EXPECT_EQ(fctest::rules_of(load(big), "import."), std::vector<std::string>{"import.too_large"});
}

// An unknown form is told every kind the checker reads, and how many there are (four, not "these two").
TEST(TextImport, UnknownFormNamesEverySupportedKind) {
  const Document d = load("hello\tworld\nfoo");
  ASSERT_EQ(d.findings.size(), 1u);
  const auto& f = d.findings[0];
  for (const char* name : {"项目支出绩效目标表", "项目支出绩效自评表", "部门整体预算绩效目标表", "整体支出预算绩效自评报告"})
    EXPECT_NE(f.message.find(name), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("“项目支出绩效目标表”、“项目支出绩效自评表”、"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("这四类表单"), std::string::npos) << f.message;
  EXPECT_NE(f.fix.find("这四类表单之一"), std::string::npos) << f.fix;
  EXPECT_EQ(f.message.find("两类"), std::string::npos) << f.message;
}

TEST(TextImport, WindowsLineEndingsBomAndFullWidthSpaces) {
  std::string text = fctest::seed(fctest::kSeedTarget);
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : text) {
    if (c == '\n') crlf += "\r\n";
    else crlf += c;
  }
  // Full-width spaces around every tab.
  std::string wide;
  for (char c : crlf) {
    if (c == '\t') wide += "\xE3\x80\x80\t\xE3\x80\x80";
    else wide += c;
  }
  const Document a = load(text), b = load(wide);
  ASSERT_TRUE(b.has_form);
  EXPECT_EQ(formcheck::form_to_json(a.form).dump().size(), formcheck::form_to_json(b.form).dump().size());
  EXPECT_EQ(b.form.funds.expense[6].full, "2.64");
  EXPECT_EQ(b.form.indicators.size(), 55u);
}

// A PDF row wrapped with its empty cells dropped leaves one fragment on a line
// of its own ("任务" after "… | 超额完成工作"). It joins the field it completes
// into a value the column has elsewhere; a fragment that completes nothing is
// reported, not guessed into a field.
TEST(TextImport, LoneFragmentJoinsTheFieldItCompletes) {
  std::string text = fctest::seed(fctest::kSeedReport2024);
  std::string dropped;
  for (const auto& line : formcheck::split(text, '\n')) {
    std::string kept;
    for (const auto& cell : formcheck::split(line, '\t'))
      if (!formcheck::trim(cell).empty()) kept += (kept.empty() ? "" : "\t") + cell;
    dropped += kept + "\n";
  }
  ASSERT_NE(dropped.find("\t超额完成工作\n\n任务\n"), std::string::npos);
  auto reason_of = [](const Document& d, const std::string& name) {
    for (const auto& e : d.form.evaluation)
      if (e.name == name) return e.reason;
    return std::string("(none)");
  };
  const Document d = load(dropped);
  EXPECT_EQ(reason_of(d, "培育技术经纪人"), "超额完成工作任务");
  EXPECT_EQ(unrecognized(d), 0);

  std::string other = dropped;
  const std::string tail = "\n\n任务\n";
  other.replace(other.find(tail), tail.size(), "\n\n事项\n");
  const Document o = load(other);
  EXPECT_EQ(reason_of(o, "培育技术经纪人"), "超额完成工作");
  EXPECT_EQ(unrecognized(o), 1);
}
