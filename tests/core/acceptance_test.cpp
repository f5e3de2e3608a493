// Accepted findings (说明): matched by rule, section, field and the line's
// name, re-opened when a value changes, waiving errors only at a gate.
#include <gtest/gtest.h>

#include "formcheck/acceptance.hpp"
#include "formcheck/model_json.hpp"
#include "test_util.hpp"

namespace fc = formcheck;

namespace {

using ojson = nlohmann::ordered_json;

// The finding's JSON (as `formcheck check --format json` prints it) of the first finding of `rule`.
ojson finding_json(const fc::Document& d, const std::string& rule) {
  const ojson j = fc::document_json(d, false, false);
  for (const auto& f : j["findings"])
    if (f["rule"] == rule) return f;
  ADD_FAILURE() << "no finding of " << rule;
  return ojson::object();
}

// A statement copied from the finding, as a clerk would copy it into a gate file.
std::vector<fc::AcceptStatement> copied(const fc::Document& d, const std::string& rule, const std::string& reason) {
  ojson f = finding_json(d, rule);
  f["reason"] = reason;
  return fc::read_statements(ojson::array({f}).dump());
}

const fc::Finding* first(const fc::Document& d, const std::string& rule) {
  for (const auto& f : d.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

fc::Document checked(const fc::Form& form) {
  fc::Document d;
  d.path = "form.json";
  d.form = form;
  d.has_form = true;
  fc::check_document(d);
  return d;
}

// The 2024 report: its one error (eval.reason_missing) sits on an evaluation row.
fc::Document report() { return fctest::check_text(fctest::seed(fctest::kSeedReport2024)); }
// A target table whose 资金总额 does not equal the sum of its income lines.
fc::Document target_error() { return fctest::check_text(fctest::fixture("changzhou-target-error.txt")); }

}  // namespace

TEST(Acceptance, GateStatementAcceptsAndWaivesTheError) {
  fc::Document d = target_error();
  const int errors = fctest::errors(d);
  ASSERT_GT(errors, 0);
  ASSERT_EQ(fc::gate_errors(d), errors);
  const auto gate = copied(d, "money.income_total", "本市资金总额含表外安排的 1 万元。");
  std::vector<fc::Document> docs;
  docs.push_back(std::move(d));
  fc::apply_acceptances(docs, gate);
  const fc::Finding* f = first(docs[0], "money.income_total");
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->accepted);
  EXPECT_TRUE(f->accepted->by_gate);
  EXPECT_EQ(f->accepted->reason, "本市资金总额含表外安排的 1 万元。");
  EXPECT_EQ(fc::gate_errors(docs[0]), errors - 1);
  // Still an error in every summary, counted as accepted.
  const fc::Summary s = fc::summarize(docs[0].findings);
  EXPECT_EQ(s.errors, errors);
  EXPECT_EQ(s.accepted_errors, 1);
  const ojson j = fc::document_json(docs[0], false, false);
  EXPECT_EQ(j["summary"]["accepted_errors"], 1);
  EXPECT_EQ(finding_json(docs[0], "money.income_total")["accepted"]["reason"], "本市资金总额含表外安排的 1 万元。");
  EXPECT_EQ(finding_json(docs[0], "money.income_total")["accepted"]["by"], "gate");
  EXPECT_EQ(fctest::count_rule(docs[0], "accept.unmatched"), 0);
}

TEST(Acceptance, StatementsTheFormCarriesShowButDoNotWaive) {
  const fc::Document d = target_error();
  fc::Form form = d.form;
  form.accepted = copied(d, "money.income_total", "表外安排。");
  // Through the model JSON, as an exported draft is checked.
  const std::string json = fc::form_to_json(form).dump();
  fc::Document again = fctest::check_text(json);
  ASSERT_TRUE(again.has_form);
  ASSERT_EQ(again.form.accepted.size(), 1u);
  const fc::Finding* f = first(again, "money.income_total");
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->accepted);
  EXPECT_FALSE(f->accepted->by_gate);
  EXPECT_EQ(fc::gate_errors(again), fctest::errors(again));
  EXPECT_EQ(finding_json(again, "money.income_total")["accepted"]["by"], "form");
  // The model keeps its statements (export → import round trip).
  EXPECT_EQ(fc::form_to_json(again.form)["accepted"], fc::form_to_json(form)["accepted"]);
}

TEST(Acceptance, InsertedRowsDoNotBreakIt) {
  const fc::Document d = report();
  const fc::Finding* f = first(d, "eval.reason_missing");
  ASSERT_NE(f, nullptr);
  const int index = f->location.index;
  fc::Form form = d.form;
  form.accepted = copied(d, "eval.reason_missing", "该指标按市级口径另行说明。");
  fc::EvalRow extra = form.evaluation[0];
  extra.name = "新增的一行指标";
  form.evaluation.insert(form.evaluation.begin(), extra);
  for (auto& r : form.evaluation) r.src = {};  // source positions change with the rows too
  const fc::Document after = checked(form);
  const fc::Finding* g = first(after, "eval.reason_missing");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->location.index, index + 1);
  EXPECT_TRUE(g->accepted) << "matched by name, not by row";
  EXPECT_EQ(fctest::count_rule(after, "accept.unmatched"), 0);
}

TEST(Acceptance, ReopensWhenTheActualValueChanges) {
  const fc::Document d = target_error();
  fc::Form form = d.form;
  form.accepted = copied(d, "money.income_total", "表外安排。");
  ASSERT_TRUE(first(checked(form), "money.income_total")->accepted);
  const fc::Finding* f = first(d, "money.income_total");
  form.funds.income[static_cast<size_t>(f->location.index)].full += "1";  // the total itself
  const fc::Document after = checked(form);
  ASSERT_NE(first(after, "money.income_total"), nullptr);
  EXPECT_FALSE(first(after, "money.income_total")->accepted);
  ASSERT_EQ(fctest::count_rule(after, "accept.unmatched"), 1);
  EXPECT_NE(first(after, "accept.unmatched")->message.find("数值已改变"), std::string::npos);
}

TEST(Acceptance, ReopensWhenAnyValueOfTheIdentityChanges) {
  const fc::Document d = target_error();
  fc::Form form = d.form;
  // Only rule, location, actual, fingerprint and reason: the sum's parts are known by the fingerprint alone.
  ojson f = finding_json(d, "money.income_total");
  ASSERT_TRUE(f.contains("fingerprint"));
  ojson s = {{"rule", f["rule"]}, {"location", f["location"]}, {"actual", f["actual"]}, {"fingerprint", f["fingerprint"]}, {"reason", "表外安排。"}};
  form.accepted = fc::read_statements(ojson::array({s}).dump());
  ASSERT_TRUE(first(checked(form), "money.income_total")->accepted);
  // A part of the sum (not the located total) changes: the finding re-opens.
  const int total = first(d, "money.income_total")->location.index;
  for (size_t i = 0; i < form.funds.income.size(); ++i)
    if (static_cast<int>(i) != total && !form.funds.income[i].full.empty()) {
      form.funds.income[i].full += "0";
      break;
    }
  const fc::Document after = checked(form);
  const fc::Finding* g = first(after, "money.income_total");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->actual, f["actual"].get<std::string>());
  EXPECT_FALSE(g->accepted);
  EXPECT_EQ(fctest::count_rule(after, "accept.unmatched"), 1);
}

TEST(Acceptance, AnErrorNeedsAReason) {
  fc::Document d = target_error();
  const auto gate = copied(d, "money.income_total", "");
  std::vector<fc::Document> docs;
  docs.push_back(std::move(d));
  fc::apply_acceptances(docs, gate);
  EXPECT_FALSE(first(docs[0], "money.income_total")->accepted);
  ASSERT_EQ(fctest::count_rule(docs[0], "accept.unmatched"), 1);
  EXPECT_NE(first(docs[0], "accept.unmatched")->message.find("理由"), std::string::npos);
  EXPECT_EQ(fc::gate_errors(docs[0]), fctest::errors(docs[0]));
}

TEST(Acceptance, AStatementThatMatchesNothingIsReportedOnce) {
  fc::Document d = report();
  auto gate = copied(d, "eval.reason_missing", "口径。");
  gate[0].rule = "money.income_total";  // no such finding in a report
  std::vector<fc::Document> docs;
  docs.push_back(std::move(d));
  fc::apply_acceptances(docs, gate);
  fc::apply_acceptances(docs, gate);  // idempotent: checking again replaces the earlier marks
  ASSERT_EQ(fctest::count_rule(docs[0], "accept.unmatched"), 1);
  const fc::Finding* u = first(docs[0], "accept.unmatched");
  EXPECT_EQ(u->severity, fc::Severity::Warning);
  EXPECT_EQ(u->location.index, -1);  // a statement's row number is never trusted as a place
  EXPECT_NE(u->message.find("已没有这一问题"), std::string::npos);
  EXPECT_FALSE(first(docs[0], "eval.reason_missing")->accepted);
}

TEST(Acceptance, GateStatementsFollowTheirPath) {
  std::vector<fc::Document> docs;
  fc::take_documents(fc::load_document("a/report.txt", fctest::seed(fctest::kSeedReport2024)), docs);
  fc::take_documents(fc::load_document("b/other.txt", fctest::seed(fctest::kSeedReport2024)), docs);
  for (auto& d : docs) fc::check_document(d);
  auto gate = copied(docs[0], "eval.reason_missing", "口径。");
  gate[0].path = "report.txt";
  fc::apply_acceptances(docs, gate);
  EXPECT_TRUE(first(docs[0], "eval.reason_missing")->accepted);
  EXPECT_FALSE(first(docs[1], "eval.reason_missing")->accepted);
}

TEST(Acceptance, BadStatementsSayWhereInChinese) {
  EXPECT_THROW(fc::read_statements("{}"), fc::ModelError);
  try {
    fc::read_statements(R"([{"rule":"money.income_total","actual":"1","reason":"x"}])");
    FAIL();
  } catch (const fc::ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("$[0].location"), std::string::npos) << e.what();
  }
}

TEST(Acceptance, FingerprintIsStable) {
  EXPECT_EQ(fc::fingerprint({}), "cbf29ce484222325");
  EXPECT_NE(fc::fingerprint({"1", "23"}), fc::fingerprint({"12", "3"}));
}
