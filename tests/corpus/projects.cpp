#include "projects.hpp"

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "formcheck/api.hpp"
#include "formcheck/templates.hpp"
#include "formcheck/text_import.hpp"
#include "formcheck/text_util.hpp"

namespace corpus::projects {

namespace {

using nlohmann::json;
using formcheck::Form;
using formcheck::ProjectFundRow;
using formcheck::ProjectIndicator;

const std::string kDir = std::string(FORMCHECK_CORPUS_DIR) + "/projects/";

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

json read_json(const std::string& path) {
  std::string text;
  if (!read_file(path, text)) return json();
  return json::parse(text, nullptr, false);
}

// Values compare as printed, up to white space (PDF line wraps, the `\n` of a
// wrapped cell) and full-/half-width forms.
std::string norm(const std::string& s) {
  std::string buf;
  std::string out;
  for (char c : std::string(formcheck::halfwidth_view(formcheck::clean_cell(s), buf)))
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

// An indicator name without the template's placeholder prefix ("指标1：完成…"
// -> "完成…"): the gold keeps names as printed, the reader drops the prefix
// (template-project.json name_prefix; issue 29).
std::string name_key(const std::string& s) {
  const std::string& prefix = formcheck::templates().project.name_prefix;
  std::string k = formcheck::match_key(s);
  if (prefix.empty() || k.compare(0, prefix.size(), prefix) != 0) return k;
  size_t i = prefix.size();
  const size_t digits = i;
  while (i < k.size() && k[i] >= '0' && k[i] <= '9') ++i;
  if (i == digits) return k;
  for (const char* colon : {"：", ":", "、", "."})
    if (k.compare(i, std::string(colon).size(), colon) == 0) return k.substr(i + std::string(colon).size());
  return k;
}

// A gold column label as a model field, by the template's column words and
// then by the words the forms use for it; "" when the model has no such field
// (得分计算方法, 指标性质, 度量单位, 备注: not counted).
std::string fund_field(const std::string& label, bool target) {
  const auto& t = formcheck::templates().project;
  std::string f = t.fund_column(formcheck::match_key(label));
  if (!f.empty()) return f;
  auto has = [&](const char* w) { return formcheck::contains(label, w); };
  if (has("半年")) return "half";
  if (has("中期")) return "mid";
  if (has("年度") || has("当年") || has("全年(程)")) return target ? "year" : "budget";
  if (has("执行数")) return "executed";
  if (has("预算")) return target ? "year" : "budget";
  if (has("分值") || has("权重")) return "weight";
  if (has("执行率")) return "rate";
  if (has("得分") && !has("方法")) return "score";
  return "";
}

std::string indicator_field(const std::string& label) {
  const auto& t = formcheck::templates().project;
  auto has = [&](const char* w) { return formcheck::contains(label, w); };
  if (has("方法") || has("性质") || has("单位") || has("备注") || has("三级") || has("二级")) return "";
  std::string f = t.indicator_column(formcheck::match_key(label));
  if (!f.empty() && f != "name" && f != "level1" && f != "level2") return f;
  if (has("半年")) return "half";
  if (has("中期") || has("长期")) return "mid";
  if (has("完成") || has("实际")) return "actual";
  if (has("指标值") || has("目标值")) return "year";
  if (has("分值") || has("权重")) return "weight";
  if (has("得分")) return "score";
  if (has("原因")) return "reason";
  return "";
}

const std::string& fund_value(const ProjectFundRow& r, const std::string& f) {
  static const std::string none;
  if (f == "mid") return r.mid;
  if (f == "half") return r.half;
  if (f == "year") return r.year;
  if (f == "initial") return r.initial;
  if (f == "budget") return r.budget;
  if (f == "executed") return r.executed;
  if (f == "weight") return r.weight;
  if (f == "rate") return r.rate;
  if (f == "score") return r.score;
  return none;
}

const std::string& indicator_value(const ProjectIndicator& r, const std::string& f) {
  static const std::string none;
  if (f == "mid") return r.mid;
  if (f == "half") return r.half;
  if (f == "year") return r.year;
  if (f == "actual") return r.actual;
  if (f == "weight") return r.weight;
  if (f == "score") return r.score;
  if (f == "reason") return r.reason;
  return none;
}

struct Scorer {
  FormScore& s;
  void field(const std::string& where, const std::string& want, const std::string& have) {
    ++s.fields;
    if (norm(want) == norm(have)) ++s.correct;
    else s.misses.push_back(where + ": " + want.substr(0, 60) + " != " + (have.empty() ? "(none)" : have.substr(0, 60)));
  }
};

// The model's fund row the gold's row label names: same name, else the role its words give.
const ProjectFundRow* find_fund(const Form& f, const std::string& label, std::vector<bool>& used) {
  const std::string k = formcheck::match_key(label);
  for (size_t i = 0; i < f.project_funds.size(); ++i)
    if (!used[i] && formcheck::match_key(f.project_funds[i].name) == k) return used[i] = true, &f.project_funds[i];
  const std::string role = formcheck::templates().project.fund_role(k);
  if (!role.empty())
    for (size_t i = 0; i < f.project_funds.size(); ++i)
      if (!used[i] && f.project_funds[i].role == role) return used[i] = true, &f.project_funds[i];
  return nullptr;
}

void score_fund_rows(Scorer& sc, const Form& f, const json& rows, const std::string& single_column, bool target) {
  std::vector<bool> used(f.project_funds.size(), false);
  for (auto it = rows.begin(); it != rows.end(); ++it) {
    const ProjectFundRow* r = find_fund(f, it.key(), used);
    const std::string where = "funds[" + it.key() + "]";
    if (it->is_string()) {
      const std::string field = single_column.empty() ? (target ? "year" : "budget") : fund_field(single_column, target);
      sc.field(where, it->get<std::string>(), r ? fund_value(*r, field) : "");
      continue;
    }
    if (!it->is_object()) continue;
    for (auto c = it->begin(); c != it->end(); ++c) {
      if (!c->is_string()) continue;
      const std::string field = fund_field(c.key(), target);
      if (field.empty()) continue;
      sc.field(where + "." + c.key(), c->get<std::string>(), r ? fund_value(*r, field) : "");
    }
  }
}

bool skipped_indicator(const json& g) {
  return g.value("placeholder", false) || g.value("empty_row", false) || !g.contains("level3") || !g["level3"].is_string();
}

// Is an error finding one of the form's own errors the gold lists? Matched by
// place: some part of the finding's label (项目资金, 年度资金总额, 执行率, an
// indicator's name, 总分, 目标) appears in a gold error's `where`. A template
// placeholder is the form's own error when the gold's text holds it.
bool explained(const formcheck::Finding& fi, const json& gold) {
  // A placeholder the gold's own text holds (`(≥**个 )` kept as printed) is really in the form.
  if (fi.rule == "project.placeholder" && !fi.actual.empty() && gold.dump(-1, ' ', false).find(fi.actual) != std::string::npos)
    return true;
  const json errors = gold.contains("arithmetic_errors") ? gold["arithmetic_errors"] : json::array();
  if (!errors.is_array()) return false;
  std::vector<std::string> parts;
  std::string label = fi.location.label;
  for (size_t at = 0;;) {
    const size_t dot = label.find("\xC2\xB7", at);  // ·
    parts.push_back(label.substr(at, dot == std::string::npos ? std::string::npos : dot - at));
    if (dot == std::string::npos) break;
    at = dot + 2;
  }
  if (fi.location.section == "texts") parts.push_back("目标");
  if (fi.location.field == "total_score") parts.push_back("总分");
  for (const auto& e : errors) {
    const std::string where = e.is_object() ? e.value("where", "") : "";
    for (const auto& p : parts)
      if (formcheck::u8_length(p) >= 2 && formcheck::contains(where, p)) return true;
  }
  return false;
}

}  // namespace

const std::vector<std::string>& renderings() {
  static const std::vector<std::string> r = {"clip", "xlsx", "docx", "lines"};
  return r;
}

std::string one_cell_per_line(const std::string& clip) {
  const formcheck::TextGrid t = formcheck::grid_from_text(clip);
  std::string out;
  for (const auto& row : t.grid.rows)
    for (const auto& c : row.cells) {
      if (c.text.empty()) continue;
      std::string line(c.text);
      for (char& ch : line)
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
      out += line + "\n";
    }
  return out;
}

std::vector<std::string> form_ids(bool held_out) {
  std::vector<std::string> out;
  DIR* d = opendir(kDir.c_str());
  if (!d) return out;
  const std::string suffix = ".meta.json";
  while (dirent* e = readdir(d)) {
    const std::string n = e->d_name;
    if (n.size() <= suffix.size() || n.compare(n.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    const json meta = read_json(kDir + n);
    if (meta.is_object() && meta.value("held_out", false) == held_out) out.push_back(n.substr(0, n.size() - suffix.size()));
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

FormScore score_form(const std::string& id, const std::string& rendering) {
  FormScore s;
  s.id = id, s.rendering = rendering;
  const bool lines = rendering == "lines";
  const std::string file = id + (rendering == "clip" || lines ? ".clip.txt" : "." + rendering);
  std::string bytes;
  if (!read_file(kDir + file, bytes)) return s;
  if (lines) bytes = one_cell_per_line(bytes);
  s.present = true;
  const json gold = read_json(kDir + id + ".gold.json");
  formcheck::Options opts;
  formcheck::Document d = formcheck::load_document(file, bytes, opts);
  formcheck::check_document(d, opts);
  const Form& f = d.form;
  Scorer sc{s};

  const std::string family = gold.value("family", "");
  ++s.fields;
  s.family_ok = d.has_form && family == formcheck::kind_name(f.kind);
  if (s.family_ok) ++s.correct;
  else s.misses.push_back("family: " + family + " != " + formcheck::kind_name(f.kind));
  const bool target = family == "project_target";

  if (gold.contains("project_name") && gold["project_name"].is_string())
    sc.field("project_name", gold["project_name"], f.project_name);

  if (gold.contains("funds") && gold["funds"].is_object()) {
    const json& funds = gold["funds"];
    if (funds.contains("rows")) score_fund_rows(sc, f, funds["rows"], "", target);
    for (const char* side : {"income", "expense"})
      if (funds.contains(side) && funds[side].is_object() && funds[side].contains("rows"))
        score_fund_rows(sc, f, funds[side]["rows"], funds[side].value("column", ""), target);
  }

  std::vector<bool> used(f.project_indicators.size(), false);
  if (gold.contains("indicators") && gold["indicators"].is_array())
    for (const auto& g : gold["indicators"]) {
      if (skipped_indicator(g)) continue;
      const std::string name = g["level3"].get<std::string>();
      const std::string k = name_key(name);
      const ProjectIndicator* r = nullptr;
      for (size_t i = 0; i < f.project_indicators.size() && !r; ++i)
        if (!used[i] && name_key(f.project_indicators[i].name) == k) used[i] = true, r = &f.project_indicators[i];
      const std::string where = "indicators[" + name + "]";
      sc.field(where, k, r ? name_key(r->name) : "");
      if (!g.contains("values") || !g["values"].is_object()) continue;
      for (auto v = g["values"].begin(); v != g["values"].end(); ++v) {
        if (!v->is_string()) continue;
        const std::string field = indicator_field(v.key());
        if (field.empty()) continue;
        sc.field(where + "." + v.key(), v->get<std::string>(), r ? indicator_value(*r, field) : "");
      }
    }

  if (gold.contains("total_score")) {
    const json& t = gold["total_score"];
    if (t.is_string()) sc.field("total_score", t.get<std::string>(), f.total_score);
    else if (t.is_object() && t.contains("得分") && t["得分"].is_string()) sc.field("total_score", t["得分"], f.total_score);
  }

  for (const auto& fi : d.findings) {
    if (fi.severity != formcheck::Severity::Error || explained(fi, gold)) continue;
    ++s.false_errors;
    s.false_error_text.push_back(fi.rule + ": " + fi.message);
  }
  return s;
}

}  // namespace corpus::projects
