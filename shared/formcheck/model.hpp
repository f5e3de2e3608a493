// The data model of both form families. Values are kept as the cleaned text
// the form showed ("545.57", "≥300亿元", "92.61%"), so nothing about their
// display precision is lost; rules parse them with Decimal / parse_value.
// Every element keeps where it came from (docs/schema.md, schema/form.schema.json).
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace formcheck {

inline constexpr const char* kSchemaId = "formcheck/form@1";

// 1-based source position: a text line and cell, or a sheet row and column.
struct Loc {
  int line = 0;
  int col = 0;
  bool known() const { return line > 0; }
};

// Where each value field of an element sits, by field name ("full", "rate" ...).
// Stored inline, without a heap node per field: an element has at most
// kCapacity value fields and a form can have 300,000 elements (a std::map here
// cost ~250 bytes per row). The fields of one element nearly always share a
// line, so positions are kept as one line and a 16-bit column each (36 bytes
// instead of 76); an element whose fields are on several lines (a row wrapped
// by a PDF extractor, a hand-written model) keeps full positions on the heap.
// Names are the model's field names (names()); iteration is in name order.
class FieldLocs {
 public:
  static constexpr int kCapacity = 8;
  // The model's value-field names, sorted; a FieldLocs holds only these.
  static const std::vector<std::string_view>& names();
  static bool known(std::string_view field) { return id_of(field) >= 0; }

  FieldLocs() = default;
  FieldLocs(const FieldLocs& o);  // copies wide_'s positions too
  FieldLocs(FieldLocs&&) noexcept = default;
  FieldLocs& operator=(const FieldLocs& o) { return *this = FieldLocs(o); }
  FieldLocs& operator=(FieldLocs&&) noexcept = default;

  // What operator[] returns: assign a Loc to it, or read it as one.
  class Slot {
   public:
    Slot& operator=(Loc l) {
      f_->set(i_, l);
      return *this;
    }
    operator Loc() const { return f_->get(i_); }
   private:
    friend class FieldLocs;
    Slot(FieldLocs* f, int i) : f_(f), i_(i) {}
    FieldLocs* f_;
    int i_;
  };
  // The slot of `field`, added if missing. Throws std::invalid_argument for a
  // name outside names() (a programming error: the recognizer's field names are fixed).
  Slot operator[](std::string_view field);
  std::optional<Loc> find(std::string_view field) const;
  bool empty() const { return n_ == 0; }
  size_t size() const { return n_; }

  class const_iterator {
   public:
    const_iterator(const FieldLocs* f, int i) : f_(f), i_(i) {}
    std::pair<std::string_view, Loc> operator*() const { return {names()[f_->ids_[i_]], f_->get(i_)}; }
    const_iterator& operator++() { ++i_; return *this; }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }
   private:
    const FieldLocs* f_;
    int i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, n_}; }

 private:
  static int id_of(std::string_view field);
  Loc get(int i) const { return wide_ ? wide_[i] : Loc{line_, cols_[i]}; }
  void set(int i, Loc l);
  std::array<uint8_t, kCapacity> ids_ = {};  // indices into names(), kept sorted
  uint8_t n_ = 0;
  int32_t line_ = 0;                           // the line every slot is on (unless wide_)
  std::array<uint16_t, kCapacity> cols_ = {};
  std::unique_ptr<Loc[]> wide_;                // every slot's full position, once one does not fit
};

struct Source {
  Loc at;           // where the element starts
  FieldLocs cells;  // where each value field sits
  Loc cell(std::string_view field) const {
    const auto l = cells.find(field);
    return l ? *l : at;
  }
};

enum class FormKind { Unknown, Target, SelfEval, ProjectTarget, ProjectSelfEval };
const char* kind_name(FormKind k);  // "target" | "selfeval" | "project_target" | "project_selfeval" | ""
// The kind a kind_name names (Unknown for any other text).
FormKind kind_of(std::string_view name);
// The form family's Chinese name ("部门整体预算绩效目标表" …), "" for Unknown.
const char* family_name(FormKind k);
inline bool is_project(FormKind k) { return k == FormKind::ProjectTarget || k == FormKind::ProjectSelfEval; }

// 部门整体资金 lines. Income roles: total, appropriation, general_budget,
// gov_fund, special_account, state_capital, social_security, carryover, other.
// Expense roles: basic, project_total, project.
struct FundLine {
  std::string role;
  std::string name;
  std::string half;  // 半年计划执行数 (expense only)
  std::string full;  // 全年预算数
  Source src;
};

struct Funds {
  std::vector<FundLine> income;
  std::vector<FundLine> expense;
  bool empty() const { return income.empty() && expense.empty(); }
};

// One row of the indicator tables of the target form. A row with an empty
// `name` is a group placeholder (an empty 生态效益 row) kept for fidelity.
struct Indicator {
  std::string level1;    // 一级指标
  std::string level2;    // 二级指标
  std::string key_work;  // 重点工作 (履职 rows)
  std::string project;   // 对应项目 (履职 rows)
  std::string name;      // 三级指标
  std::string half;      // 半年指标值
  std::string full;      // 全年指标值
  Source src;
};

// 预算信息 rows of the self-evaluation report. Roles: total, basic, project_total, project.
struct BudgetRow {
  std::string role;
  std::string name;
  std::string initial;   // 年初预算数
  std::string carry;     // 上年度结转及当年预算追加追减数
  std::string adjusted;  // 调整预算数
  std::string actual;    // 实际支出数
  std::string rate;      // 执行率
  Source src;
};

// 部门整体自评表 rows.
struct EvalRow {
  std::string category;  // 决策 / 过程 / 效益 / 满意度 / 履职 ...
  std::string name;      // 指标名称
  std::string target;    // 指标目标值
  std::string actual;    // 指标完成值
  std::string source;    // 完成值来源
  std::string deviation; // 偏差情况
  std::string reason;    // 原因分析
  Source src;
};

// 年度重点任务 rows.
struct KeyTask {
  std::string duty;     // 对应部门主要职责
  std::string task;     // 任务名称
  std::string content;  // 主要内容 (some templates)
  std::string status;   // 完成情况
  Source src;
};

// A part the recognizer could not read with confidence: "indicators",
// "funds", "texts.<key>", "unit", "year". Rules that judge that part's
// content stay silent on it; an import.ambiguous finding says where and why.
// Recognition state, not form content: not written to the model JSON.
struct Unsure {
  std::string part;
  std::string why;
};

// 项目资金 rows of the project forms. Roles: total (年度资金总额), mid_total
// (中期资金总额), appropriation (财政拨款 / 当年财政拨款), carryover (上年结转资金),
// other (其他资金). The target table fills mid/year, the self-evaluation the rest.
struct ProjectFundRow {
  std::string role;
  std::string name;
  std::string mid;       // 中期 (target table)
  std::string half;      // 半年(程)计划执行数 (江苏 2024 target table)
  std::string year;      // 年度 (target table)
  std::string initial;   // 年初预算数 (self-evaluation)
  std::string budget;    // 全年预算数
  std::string executed;  // 全年执行数
  std::string weight;    // 分值
  std::string rate;      // 执行率
  std::string score;     // 得分
  Source src;
};

// Indicator rows of the project forms (一级 / 二级 / 三级 and their values).
struct ProjectIndicator {
  std::string level1;
  // The 一级 was not printed (missing, or only its points "(50分)"): the
  // reader inferred it from the 二级 (template-project.json level1_of_level2).
  bool level1_inferred = false;
  std::string level2;
  std::string name;
  std::string mid;     // 中期指标值 (target table)
  std::string half;    // 半年(程)指标值 (江苏 2024 target table)
  std::string year;    // 年度指标值
  std::string actual;  // 实际完成值 (self-evaluation)
  std::string weight;  // 分值
  std::string score;   // 得分
  std::string reason;  // 偏差原因分析及改进措施
  Source src;
};

// A project indicator's value in `field` ("mid", "half", "year", "actual"),
// nullptr for any other field: the rules that judge values loop over these.
inline const std::string* value_in(const ProjectIndicator& p, std::string_view field) {
  if (field == "mid") return &p.mid;
  if (field == "half") return &p.half;
  if (field == "year") return &p.year;
  if (field == "actual") return &p.actual;
  return nullptr;
}
inline const char* value_title(std::string_view field) {
  return field == "mid" ? "中期指标值" : field == "half" ? "半年(程)指标值" : field == "year" ? "年度指标值" : "实际完成值";
}

// A statement (说明) that a finding is accepted: the department explains what
// the checker found (a rounding convention, a line funded outside the table).
// It names the finding as the finding's JSON does (rule, location, actual) and
// is matched by rule, section, field and label (which carries the line's or
// indicator's name), never by row number or source position; `actual`, and
// `computed`/`fingerprint` when given, must still be what the finding computes, so a
// change to the values re-opens it (acceptance.hpp).
struct AcceptStatement {
  std::string rule;
  std::string section, field, label;
  int index = -1;  // where the finding was when accepted: only breaks ties between same-named lines
  std::string actual;
  bool has_computed = false;
  std::string computed;  // the finding's `implied`, or else its `expected`, when the statement gives them
  std::string fingerprint;     // the finding's `fingerprint` (identity findings), "" when not given
  std::string reason;    // 说明; required for an error
  std::string path;      // a gate file's statement may name the checked file it is for ("" = any)
};

struct Form {
  FormKind kind = FormKind::Unknown;
  std::string title;
  std::string unit;  // 单位名称 / 预算部门名称
  std::string year;  // "2022"
  std::string region;   // "苏州", "常州", ... from the title
  // The unit the form's money tables state ("元", "千元", "万元", "亿元": 部门整体资金（元）,
  // 单位：元); "" when none is stated, i.e. the families' default 万元.
  std::string money_unit;
  std::map<std::string, std::string> texts;  // named narrative sections
  std::map<std::string, Loc> text_src;
  Loc unit_src, year_src;
  Funds funds;
  std::vector<Indicator> indicators;
  std::vector<BudgetRow> budget_info;
  std::vector<EvalRow> evaluation;
  std::vector<KeyTask> key_tasks;
  // Project forms: the project's name, its funds and indicators, and the
  // self-evaluation's 总分.
  std::string project_name;
  Loc project_name_src;
  std::vector<ProjectFundRow> project_funds;
  std::vector<ProjectIndicator> project_indicators;
  std::string total_score;
  Loc total_score_src;
  std::vector<Unsure> unsure;
  // Statements carried by the form itself (a draft or export saved with its
  // 说明): shown as accepted, never waiving anything at a gate.
  std::vector<AcceptStatement> accepted;
  // True when `part` was read with confidence (no Unsure entry names it).
  bool sure(std::string_view part) const {
    for (const auto& u : unsure)
      if (u.part == part) return false;
    return true;
  }
};

// Names of the narrative sections, in document order, with their Chinese titles.
struct TextKey {
  const char* key;
  const char* title;
};
const std::vector<TextKey>& text_keys(FormKind kind);
std::string text_title(const std::string& key);

}  // namespace formcheck
