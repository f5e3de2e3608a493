#include "formcheck/model_json.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "formcheck/limits.hpp"

namespace formcheck {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

// One string field of a row type, by JSON key.
template <class Row>
struct Field {
  const char* key;
  std::string Row::*member;
};

const std::vector<Field<FundLine>> kFundFields = {
    {"role", &FundLine::role}, {"name", &FundLine::name}, {"half", &FundLine::half}, {"full", &FundLine::full}};
const std::vector<Field<Indicator>> kIndicatorFields = {
    {"level1", &Indicator::level1}, {"level2", &Indicator::level2}, {"key_work", &Indicator::key_work},
    {"project", &Indicator::project}, {"name", &Indicator::name},   {"half", &Indicator::half},
    {"full", &Indicator::full}};
const std::vector<Field<BudgetRow>> kBudgetFields = {
    {"role", &BudgetRow::role},         {"name", &BudgetRow::name},     {"initial", &BudgetRow::initial},
    {"carry", &BudgetRow::carry},       {"adjusted", &BudgetRow::adjusted}, {"actual", &BudgetRow::actual},
    {"rate", &BudgetRow::rate}};
const std::vector<Field<EvalRow>> kEvalFields = {
    {"category", &EvalRow::category}, {"name", &EvalRow::name},         {"target", &EvalRow::target},
    {"actual", &EvalRow::actual},     {"source", &EvalRow::source},     {"deviation", &EvalRow::deviation},
    {"reason", &EvalRow::reason}};
const std::vector<Field<ProjectFundRow>> kProjectFundFields = {
    {"role", &ProjectFundRow::role},       {"name", &ProjectFundRow::name},     {"mid", &ProjectFundRow::mid},
    {"half", &ProjectFundRow::half},
    {"year", &ProjectFundRow::year},       {"initial", &ProjectFundRow::initial}, {"budget", &ProjectFundRow::budget},
    {"executed", &ProjectFundRow::executed}, {"weight", &ProjectFundRow::weight}, {"rate", &ProjectFundRow::rate},
    {"score", &ProjectFundRow::score}};
const std::vector<Field<ProjectIndicator>> kProjectIndicatorFields = {
    {"level1", &ProjectIndicator::level1}, {"level2", &ProjectIndicator::level2}, {"name", &ProjectIndicator::name},
    {"mid", &ProjectIndicator::mid},       {"half", &ProjectIndicator::half},     {"year", &ProjectIndicator::year},     {"actual", &ProjectIndicator::actual},
    {"weight", &ProjectIndicator::weight}, {"score", &ProjectIndicator::score},   {"reason", &ProjectIndicator::reason}};
const std::vector<Field<KeyTask>> kTaskFields = {
    {"duty", &KeyTask::duty}, {"task", &KeyTask::task}, {"content", &KeyTask::content}, {"status", &KeyTask::status}};

ojson loc_json(const Loc& l) {
  ojson j;
  j["line"] = l.line;
  j["col"] = l.col;
  return j;
}

ojson src_json(const Source& s) {
  ojson j = loc_json(s.at);
  if (!s.cells.empty()) {
    ojson cells = ojson::object();
    for (const auto& [k, v] : s.cells) cells[std::string(k)] = loc_json(v);
    j["cells"] = cells;
  }
  return j;
}

template <class Row>
ojson rows_json(const std::vector<Row>& rows, const std::vector<Field<Row>>& fields) {
  ojson arr = ojson::array();
  for (const Row& r : rows) {
    ojson o;
    for (const auto& f : fields) o[f.key] = r.*(f.member);
    o["src"] = src_json(r.src);
    arr.push_back(std::move(o));
  }
  return arr;
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw ModelError("表单 JSON 格式不正确：" + path + " " + what);
}

std::string get_string(const json& o, const char* key, const std::string& path, bool required = false) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) fail(path + "." + key, "缺失");
    return "";
  }
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();  // tolerate numbers written without quotes
  fail(path + "." + key, "应为字符串");
}

int get_int(const json& o, const char* key, const std::string& path) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return 0;
  if (!it->is_number_integer()) fail(path + "." + key, "应为整数");
  const auto v = it->get<int64_t>();
  if (v < 0 || v > 100000000) fail(path + "." + key, "超出范围");
  return static_cast<int>(v);
}

Loc loc_from(const json& j, const std::string& path) {
  if (!j.is_object()) fail(path, "应为对象");
  return Loc{get_int(j, "line", path), get_int(j, "col", path)};
}

Source src_from(const json& o, const std::string& path) {
  Source s;
  auto it = o.find("src");
  if (it == o.end() || it->is_null()) return s;
  s.at = loc_from(*it, path + ".src");
  auto cells = it->find("cells");
  if (cells != it->end() && !cells->is_null()) {
    if (!cells->is_object()) fail(path + ".src.cells", "应为对象");
    // Only the element's value fields have a position; other names carry nothing to point at.
    for (auto c = cells->begin(); c != cells->end(); ++c)
      if (FieldLocs::known(c.key())) s.cells[c.key()] = loc_from(c.value(), path + ".src.cells." + c.key());
  }
  return s;
}

template <class Row>
Row row_from(const json& o, const std::vector<Field<Row>>& fields, const std::string& p, size_t i) {
  const std::string ip = p + "[" + std::to_string(i) + "]";
  if (!o.is_object()) fail(ip, "应为对象");
  Row r;
  for (const auto& f : fields) r.*(f.member) = get_string(o, f.key, ip);
  r.src = src_from(o, ip);
  return r;
}

template <class Row>
std::vector<Row> rows_from(const json& parent, const char* key, const std::vector<Field<Row>>& fields,
                           const std::string& path) {
  std::vector<Row> out;
  auto it = parent.find(key);
  if (it == parent.end() || it->is_null()) return out;
  const std::string p = path + key;
  if (!it->is_array()) fail(p, "应为数组");
  if (it->size() > limits::kMaxRows) fail(p, "有 " + std::to_string(it->size()) + " 行，超过上限 " + std::to_string(limits::kMaxRows) + " 行");
  out.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) out.push_back(row_from((*it)[i], fields, p, i));
  return out;
}

// Builds the JSON tree like nlohmann's DOM parser, except that each element of
// a row array (indicators, evaluation, funds.income ...) is handed to
// `on_row` as soon as it is complete and dropped: a 200,000-row model never
// exists as one tree, so memory stays that of the form and time per row flat.
class StreamingBuilder {
 public:
  using OnRow = std::function<void(const std::string& array, size_t index, json& element)>;
  explicit StreamingBuilder(OnRow on_row) : on_row_(std::move(on_row)) {}
  json root;

  bool null() { return put(json(nullptr)); }
  bool boolean(bool v) { return put(json(v)); }
  bool number_integer(json::number_integer_t v) { return put(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
  bool number_float(json::number_float_t v, const std::string&) { return put(json(v)); }
  bool string(std::string& v) { return put(json(std::move(v))); }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return open(json::object()); }
  bool key(std::string& k) {
    key_ = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  struct Level {
    json* value;
    std::string name;   // the key (or row array) this value sits under
    bool rows = false;  // a row array: its elements are streamed
    size_t count = 0;   // elements streamed so far
  };
  // Where a new value goes; returns it.
  json* place(json v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    json& parent = *stack_.back().value;
    if (parent.is_object()) return &(parent[key_] = std::move(v));
    parent.push_back(std::move(v));
    return &parent.back();
  }
  bool put(json v) {
    place(std::move(v));
    return true;
  }
  bool open(json v) {
    const bool in_object = !stack_.empty() && stack_.back().value->is_object();
    std::string name = in_object ? key_ : std::string();
    // Row arrays: indicators, budget_info, evaluation, key_tasks at the top;
    // income and expense inside funds.
    bool rows = false;
    if (v.is_array() && in_object) {
      if (stack_.size() == 1) rows = name == "indicators" || name == "budget_info" || name == "evaluation" || name == "key_tasks";
      if (stack_.size() == 2 && stack_[1].name == "funds") rows = name == "income" || name == "expense";
      if (rows) name = (stack_.size() == 2 ? "funds." : "") + name;
    }
    json* at = place(std::move(v));
    stack_.push_back({at, std::move(name), rows, 0});
    return true;
  }
  bool close() {
    stack_.pop_back();
    if (!stack_.empty() && stack_.back().rows) {
      Level& arr = stack_.back();
      if (arr.count >= limits::kMaxRows)
        fail("$." + arr.name, "有超过 " + std::to_string(limits::kMaxRows) + " 行，超过上限 " + std::to_string(limits::kMaxRows) + " 行");
      on_row_(arr.name, arr.count++, arr.value->back());
      arr.value->erase(arr.value->size() - 1);
    }
    return true;
  }
  OnRow on_row_;
  std::vector<Level> stack_;
  std::string key_;
};

}  // namespace

std::vector<AcceptStatement> statements_from_json(const json& list, const std::string& path) {
  if (!list.is_array()) fail(path, "应为数组（每条说明一个对象）");
  if (list.size() > limits::kMaxRows) fail(path, "说明条数超过上限");
  std::vector<AcceptStatement> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    const json& o = list[i];
    if (!o.is_object()) fail(p, "应为对象");
    AcceptStatement s;
    s.rule = get_string(o, "rule", p, true);
    const auto at = o.find("location");
    if (at == o.end() || !at->is_object()) fail(p + ".location", "缺失或不是对象（应照抄检查结果中的 location）");
    s.section = get_string(*at, "section", p + ".location", true);
    s.field = get_string(*at, "field", p + ".location");
    s.label = get_string(*at, "label", p + ".location");
    if (auto ix = at->find("index"); ix != at->end() && ix->is_number_integer()) s.index = ix->get<int>();
    if (!o.contains("actual")) fail(p + ".actual", "缺失（应照抄检查结果中的 actual）");
    s.actual = get_string(o, "actual", p);
    const std::string implied = get_string(o, "implied", p);
    s.has_computed = o.contains("expected") || o.contains("implied");
    s.computed = implied.empty() ? get_string(o, "expected", p) : implied;
    s.fingerprint = get_string(o, "fingerprint", p);
    s.reason = get_string(o, "reason", p);
    s.path = get_string(o, "path", p);
    out.push_back(std::move(s));
  }
  return out;
}

ojson statements_to_json(const std::vector<AcceptStatement>& list) {
  ojson arr = ojson::array();
  for (const AcceptStatement& s : list) {
    ojson o;
    o["rule"] = s.rule;
    o["location"]["section"] = s.section;
    o["location"]["index"] = s.index;
    o["location"]["field"] = s.field;
    o["location"]["label"] = s.label;
    o["actual"] = s.actual;
    if (s.has_computed) o["expected"] = s.computed;
    if (!s.fingerprint.empty()) o["fingerprint"] = s.fingerprint;
    o["reason"] = s.reason;
    if (!s.path.empty()) o["path"] = s.path;
    arr.push_back(std::move(o));
  }
  return arr;
}

ojson form_to_json(const Form& f) {
  ojson j;
  j["schema"] = kSchemaId;
  j["kind"] = kind_name(f.kind);
  j["title"] = f.title;
  j["unit"] = f.unit;
  j["year"] = f.year;
  j["region"] = f.region;
  if (!f.money_unit.empty()) j["money_unit"] = f.money_unit;  // absent: 万元 (models stay as they were)
  ojson texts = ojson::object();
  for (const auto& [k, v] : f.texts) texts[k] = v;
  j["texts"] = texts;
  if (f.kind == FormKind::Target || !f.funds.empty()) {
    j["funds"]["income"] = rows_json(f.funds.income, kFundFields);
    j["funds"]["expense"] = rows_json(f.funds.expense, kFundFields);
  }
  if (f.kind == FormKind::Target || !f.indicators.empty()) j["indicators"] = rows_json(f.indicators, kIndicatorFields);
  if (f.kind == FormKind::SelfEval || !f.budget_info.empty())
    j["budget_info"] = rows_json(f.budget_info, kBudgetFields);
  if (f.kind == FormKind::SelfEval || !f.evaluation.empty()) j["evaluation"] = rows_json(f.evaluation, kEvalFields);
  if (f.kind == FormKind::SelfEval || !f.key_tasks.empty()) j["key_tasks"] = rows_json(f.key_tasks, kTaskFields);
  if (is_project(f.kind) || !f.project_name.empty()) j["project_name"] = f.project_name;
  if (is_project(f.kind) || !f.project_funds.empty()) j["project_funds"] = rows_json(f.project_funds, kProjectFundFields);
  if (is_project(f.kind) || !f.project_indicators.empty()) {
    j["project_indicators"] = rows_json(f.project_indicators, kProjectIndicatorFields);
    // Written only where the reader inferred the 一级 (an added key: readers of older models see nothing new).
    for (size_t i = 0; i < f.project_indicators.size(); ++i)
      if (f.project_indicators[i].level1_inferred) j["project_indicators"][i]["level1_inferred"] = true;
  }
  if (f.kind == FormKind::ProjectSelfEval || !f.total_score.empty()) j["total_score"] = f.total_score;
  ojson src = ojson::object();
  src["unit"] = loc_json(f.unit_src);
  src["year"] = loc_json(f.year_src);
  if (f.project_name_src.known()) src["project_name"] = loc_json(f.project_name_src);
  if (f.total_score_src.known()) src["total_score"] = loc_json(f.total_score_src);
  ojson ts = ojson::object();
  for (const auto& [k, v] : f.text_src) ts[k] = loc_json(v);
  src["texts"] = ts;
  j["src"] = src;
  if (!f.accepted.empty()) j["accepted"] = statements_to_json(f.accepted);  // absent: none (models stay as they were)
  // The parts the reader could not read with confidence: the rules leave them
  // unjudged (Form::sure), so a form checked again from this JSON (the page's
  // re-check after an edit or a batch load) gets the findings its file got.
  if (!f.unsure.empty()) {
    ojson us = ojson::array();
    for (const auto& u : f.unsure) us.push_back(ojson{{"part", u.part}, {"why", u.why}});
    j["unsure"] = us;
  }
  return j;
}

Form form_from_json(const json& j) {
  if (!j.is_object()) fail("$", "应为对象");
  Form f;
  auto schema = j.find("schema");
  if (schema != j.end() && !(schema->is_string() && schema->get<std::string>() == kSchemaId))
    fail("$.schema", std::string("应为 \"") + kSchemaId + "\"");
  const std::string kind = get_string(j, "kind", "$", true);
  f.kind = kind_of(kind);
  if (f.kind == FormKind::Unknown)
    fail("$.kind", "应为 \"target\"、\"selfeval\"、\"project_target\" 或 \"project_selfeval\"");
  f.title = get_string(j, "title", "$");
  f.unit = get_string(j, "unit", "$");
  f.year = get_string(j, "year", "$");
  f.region = get_string(j, "region", "$");
  f.money_unit = get_string(j, "money_unit", "$");
  if (!f.money_unit.empty() && f.money_unit != "元" && f.money_unit != "千元" && f.money_unit != "万元" &&
      f.money_unit != "亿元")
    fail("$.money_unit", "应为 \"元\"、\"千元\"、\"万元\" 或 \"亿元\"");
  if (auto t = j.find("texts"); t != j.end() && !t->is_null()) {
    if (!t->is_object()) fail("$.texts", "应为对象");
    for (auto it = t->begin(); it != t->end(); ++it) {
      if (!it->is_string()) fail("$.texts." + it.key(), "应为字符串");
      f.texts[it.key()] = it->get<std::string>();
    }
  }
  if (auto fu = j.find("funds"); fu != j.end() && !fu->is_null()) {
    if (!fu->is_object()) fail("$.funds", "应为对象");
    f.funds.income = rows_from(*fu, "income", kFundFields, "$.funds.");
    f.funds.expense = rows_from(*fu, "expense", kFundFields, "$.funds.");
  }
  f.indicators = rows_from(j, "indicators", kIndicatorFields, "$.");
  f.budget_info = rows_from(j, "budget_info", kBudgetFields, "$.");
  f.evaluation = rows_from(j, "evaluation", kEvalFields, "$.");
  f.key_tasks = rows_from(j, "key_tasks", kTaskFields, "$.");
  f.project_name = get_string(j, "project_name", "$");
  f.project_funds = rows_from(j, "project_funds", kProjectFundFields, "$.");
  f.project_indicators = rows_from(j, "project_indicators", kProjectIndicatorFields, "$.");
  if (auto pi = j.find("project_indicators"); pi != j.end() && pi->is_array())
    for (size_t i = 0; i < pi->size() && i < f.project_indicators.size(); ++i)
      if (const json& r = (*pi)[i]; r.is_object() && r.contains("level1_inferred") && r["level1_inferred"].is_boolean())
        f.project_indicators[i].level1_inferred = r["level1_inferred"].get<bool>();
  f.total_score = get_string(j, "total_score", "$");
  if (auto a = j.find("accepted"); a != j.end() && !a->is_null()) f.accepted = statements_from_json(*a, "$.accepted");
  if (auto s = j.find("src"); s != j.end() && !s->is_null()) {
    if (!s->is_object()) fail("$.src", "应为对象");
    if (auto u = s->find("unit"); u != s->end()) f.unit_src = loc_from(*u, "$.src.unit");
    if (auto y = s->find("year"); y != s->end()) f.year_src = loc_from(*y, "$.src.year");
    if (auto p = s->find("project_name"); p != s->end()) f.project_name_src = loc_from(*p, "$.src.project_name");
    if (auto t = s->find("total_score"); t != s->end()) f.total_score_src = loc_from(*t, "$.src.total_score");
    if (auto ts = s->find("texts"); ts != s->end() && !ts->is_null()) {
      if (!ts->is_object()) fail("$.src.texts", "应为对象");
      for (auto it = ts->begin(); it != ts->end(); ++it)
        f.text_src[it.key()] = loc_from(it.value(), "$.src.texts." + it.key());
    }
  }
  if (auto us = j.find("unsure"); us != j.end() && !us->is_null()) {
    if (!us->is_array()) fail("$.unsure", "应为数组");
    for (size_t i = 0; i < us->size(); ++i) {
      const json& u = (*us)[i];
      const std::string at = "$.unsure[" + std::to_string(i) + "]";
      if (!u.is_object()) fail(at, "应为对象");
      f.unsure.push_back({get_string(u, "part", at, true), get_string(u, "why", at)});
    }
  }
  return f;
}

// The deepest nesting of arrays and objects, found by one pass over the text
// (strings skipped). nlohmann's callback parser rebuilds its view of the
// parent on every value, which made large models quadratic; this keeps the
// parse itself on the plain, linear path.
size_t json_depth(std::string_view text) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Form form_from_json_text(const std::string& text) {
  if (text.size() > limits::kMaxInputBytes) throw ModelError(limits::too_large_message(text.size()));
  if (json_depth(text) > static_cast<size_t>(limits::kMaxJsonDepth))
    throw ModelError("JSON 嵌套层数超过上限（" + std::to_string(limits::kMaxJsonDepth) + " 层）。");
  Form streamed;
  std::set<std::string> seen;
  StreamingBuilder b([&](const std::string& array, size_t i, json& element) {
    seen.insert(array);
    const std::string p = "$." + array;
    if (array == "indicators") streamed.indicators.push_back(row_from(element, kIndicatorFields, p, i));
    else if (array == "budget_info") streamed.budget_info.push_back(row_from(element, kBudgetFields, p, i));
    else if (array == "evaluation") streamed.evaluation.push_back(row_from(element, kEvalFields, p, i));
    else if (array == "key_tasks") streamed.key_tasks.push_back(row_from(element, kTaskFields, p, i));
    else if (array == "funds.income") streamed.funds.income.push_back(row_from(element, kFundFields, p, i));
    else if (array == "funds.expense") streamed.funds.expense.push_back(row_from(element, kFundFields, p, i));
  });
  if (!json::sax_parse(text, &b)) throw ModelError("不是有效的 JSON：请检查括号、引号和逗号。");
  // The rest of the form (its row arrays now empty) is read as usual; then the rows.
  Form f = form_from_json(b.root);
  if (seen.count("indicators")) f.indicators = std::move(streamed.indicators);
  if (seen.count("budget_info")) f.budget_info = std::move(streamed.budget_info);
  if (seen.count("evaluation")) f.evaluation = std::move(streamed.evaluation);
  if (seen.count("key_tasks")) f.key_tasks = std::move(streamed.key_tasks);
  if (seen.count("funds.income")) f.funds.income = std::move(streamed.funds.income);
  if (seen.count("funds.expense")) f.funds.expense = std::move(streamed.funds.expense);
  return f;
}

json parse_json_limited(const std::string& text) {
  if (text.size() > limits::kMaxInputBytes) throw ModelError(limits::too_large_message(text.size()));
  if (json_depth(text) > static_cast<size_t>(limits::kMaxJsonDepth))
    throw ModelError("JSON 嵌套层数超过上限（" + std::to_string(limits::kMaxJsonDepth) + " 层）。");
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw ModelError("不是有效的 JSON：请检查括号、引号和逗号。");
  return j;
}

}  // namespace formcheck
