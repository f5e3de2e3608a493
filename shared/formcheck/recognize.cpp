#include "formcheck/recognize.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "formcheck/decimal.hpp"
#include "formcheck/profiles.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

namespace {

// ---------------------------------------------------------------- vocabulary

const std::array<const char*, 14> kCities = {"南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港",
                                             "淮安", "盐城", "扬州", "镇江", "泰州", "宿迁", "江苏"};

bool key_is(const std::string& key, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (key == n) return true;
  return false;
}

bool key_has(const std::string& key, std::initializer_list<const char*> parts) {
  for (const char* p : parts)
    if (contains(key, p)) return true;
  return false;
}

bool is_level1(const std::string& k) {
  return key_is(k, {"决策", "过程", "履职", "效益", "效益指标", "满意度", "满意度指标", "产出", "产出指标",
                    "成本", "成本指标"});
}

// Labels of the 自评表 类别 column, including the outer 分解目标 cell.
bool is_eval_category(const std::string& k) {
  return is_level1(k) || key_is(k, {"分解目标", "类别", "共性指标", "个性指标"});
}

std::string income_role(const std::string& k) {
  if (key_is(k, {"资金总额", "合计", "总计", "收入合计", "资金总计"})) return "total";
  if (starts_with(k, "财政拨款")) return "appropriation";
  if (starts_with(k, "一般公共预算")) return "general_budget";
  if (starts_with(k, "政府性基金")) return "gov_fund";
  if (starts_with(k, "财政专户")) return "special_account";
  if (starts_with(k, "国有资本")) return "state_capital";
  if (starts_with(k, "社保基金") || starts_with(k, "社会保险基金")) return "social_security";
  if (starts_with(k, "上年结转")) return "carryover";
  if (starts_with(k, "其他资金") || starts_with(k, "其他收入")) return "other";
  return "";
}

std::string budget_role(const std::string& k) {
  if (key_is(k, {"预算总金额", "合计", "总计", "预算资金总额"})) return "total";
  if (starts_with(k, "基本支出")) return "basic";
  if (starts_with(k, "项目支出")) return "project_total";
  return "project";
}

bool is_number_text(std::string_view s) { return !s.empty() && Decimal::parse(s).has_value(); }

bool is_rate_text(std::string_view s) {
  const std::string h = trim(to_halfwidth(s));
  return ends_with(h, "%") && Decimal::parse(h.substr(0, h.size() - 1)).has_value();
}

// A cell that can be an indicator value: a quantity, or a short level word.
bool value_like(std::string_view s) {
  const IndicatorValue v = parse_value(s);
  if (v.quantitative()) return true;
  return v.qualitative() && u8_length(s) <= 8;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "2022年", "2024 年度" anywhere in the text -> "2022".
std::optional<std::string> find_year(const std::string& text) {
  const std::string h = to_halfwidth(text);
  for (size_t i = 0; i + 4 <= h.size(); ++i) {
    if (!(h.compare(i, 2, "19") == 0 || h.compare(i, 2, "20") == 0)) continue;
    if (!is_digit(h[i + 2]) || !is_digit(h[i + 3]) || (i > 0 && is_digit(h[i - 1]))) continue;
    size_t j = i + 4;
    while (j < h.size() && h[j] == ' ') ++j;
    if (h.compare(j, 3, "年") == 0) return h.substr(i, 4);
  }
  return std::nullopt;
}

// A cell that is only a year: "2022年度", "（2024 年度）", "2022年".
std::optional<std::string> year_only(std::string_view text) {
  std::string h = trim(to_halfwidth(text));
  if (starts_with(h, "(")) h = trim(h.substr(1));
  if (ends_with(h, ")")) h = trim(h.substr(0, h.size() - 1));
  if (h.size() < 7 || !find_year(h) || h.compare(0, 4, *find_year(h)) != 0) return std::nullopt;
  std::string rest = trim(h.substr(4));
  if (rest == "年" || rest == "年度") return h.substr(0, 4);
  return std::nullopt;
}

std::string region_of(const std::string& title) {
  for (const char* c : kCities)
    if (contains(title, c)) return c;
  return "";
}

// Splits "一、预算部门名称：苏州市生产力促进中心" into its label and value.
std::pair<std::string, std::string> split_label(std::string_view text) {
  const std::string h = to_halfwidth(text);
  const size_t colon = h.find(':');
  if (colon == std::string::npos) return {std::string(text), ""};
  // Map the half-width position back: everything before the colon in `h`
  // has the same code point count as in `text`.
  const std::u32string u = to_u32(text), hu = to_u32(h.substr(0, colon));
  return {to_utf8(u.substr(0, hu.size())), trim(to_utf8(u.substr(hu.size() + 1)))};
}

// Matches a numbered heading "七、预算信息" / "7、 预算信息" / "1.xx" and
// returns the text after the number.
std::optional<std::string> heading_text(std::string_view text) {
  static const std::u32string numerals = U"一二三四五六七八九十";
  const std::u32string u = to_u32(trim(text));
  size_t i = 0;
  if (i < u.size() && numerals.find(u[i]) != std::u32string::npos) {
    while (i < u.size() && numerals.find(u[i]) != std::u32string::npos) ++i;
  } else {
    while (i < u.size() && i < 2 && u[i] >= U'0' && u[i] <= U'9') ++i;
  }
  if (i == 0) return std::nullopt;
  while (i < u.size() && is_space_cp(u[i])) ++i;
  if (i >= u.size() || !(u[i] == U'、' || u[i] == U'.' || u[i] == U'．')) return std::nullopt;
  return trim(to_utf8(u.substr(i + 1)));
}

// ----------------------------------------------------------- recognizer base

class Recognizer {
 public:
  explicit Recognizer(const Grid& g) : grid_(g) {}

 protected:
  const Grid& grid_;
  Recognized out_;
  std::vector<bool> used_;

  Form& form() { return out_.form; }
  void use(size_t r) { used_[r] = true; }

  std::string key(const Cell& c) const { return match_key(c.text); }

  void set_title(const Row& row) {
    form().title = row.joined();
    form().region = region_of(form().title);
    if (auto y = find_year(form().title); y && form().year.empty()) {
      form().year = *y;
      form().year_src = row.loc();
    }
  }

  void append_text(const std::string& k, std::string_view text, Loc at) {
    if (text.empty()) return;
    std::string& t = form().texts[k];
    if (!t.empty()) t += "\n";
    t += text;
    if (!form().text_src.count(k)) form().text_src[k] = at;
  }

  void report_unused() {
    for (size_t r = 0; r < grid_.rows.size(); ++r) {
      const Row& row = grid_.rows[r];
      if (used_[r] || row.blank()) continue;
      Finding f;
      f.rule = "import.unrecognized";
      f.severity = Severity::Info;
      const Cell& c = row.cells[row.first()];
      f.location.section = "import";
      f.location.src = c.loc();
      f.location.label = "第 " + std::to_string(c.loc().line) + " 行";
      f.actual = row.joined();
      f.message = "这一行未能识别为表单内容，未参与检查：" + f.actual;
      f.fix = "如属于表单内容，请检查其所在位置和列是否与模板一致。";
      out_.findings.push_back(std::move(f));
    }
  }
};

// ------------------------------------------------------------- target table

class TargetRecognizer : public Recognizer {
 public:
  using Recognizer::Recognizer;

  Recognized run() {
    used_.assign(grid_.rows.size(), false);
    form().kind = FormKind::Target;
    for (size_t r = 0; r < grid_.rows.size(); ++r) {
      const Row& row = grid_.rows[r];
      if (row.blank()) continue;
      if (step(row)) use(r);
    }
    report_unused();
    return std::move(out_);
  }

 private:
  enum class Part { Header, Income, Expense, Indicators };
  Part part_ = Part::Header;
  std::string text_key_;  // narrative field a continuation row extends
  // Header columns of the funds table.
  int half_col_ = -1, full_col_ = -1;
  // Header columns of the current indicator table.
  struct IndCols {
    int level1 = -1, level2 = -1, key_work = -1, project = -1, name = -1;
    bool has_half = true;
  } ind_;
  Indicator group_;  // the group the next indicator row continues

  bool step(const Row& row) {
    const int first = row.first();
    const Cell& c0 = row.cells[first];
    const std::string k0 = key(c0);

    if (form().title.empty() && key_has(k0, {"绩效目标表", "目标申报表"})) {
      set_title(row);
      return true;
    }
    if (form().year.empty() && row.first() == row.last()) {
      if (auto y = year_only(c0.text)) {
        form().year = *y;
        form().year_src = c0.loc();
        return true;
      }
    }
    if (key_has(k0, {"三级指标"}) || row_has(row, "三级指标")) return indicator_header(row);
    // An indicator table pasted without its header row: a 一级 label in the
    // first column and a value at the end.
    if (part_ != Part::Indicators && first == 0 && is_level1(k0) && row.last() >= 2 &&
        value_like(row.cells[row.last()].text)) {
      part_ = Part::Indicators;
      ind_ = IndCols{};
      ind_.level1 = 0, ind_.level2 = 1;
      group_ = Indicator{};
    }
    if (part_ != Part::Indicators) {
      if (starts_with(k0, "单位名称")) return label_value(row, "unit");
      if (starts_with(k0, "单位主要职能") || k0 == "主要职能") return label_value(row, "functions");
      if (starts_with(k0, "机构设置")) return label_value(row, "org_setup");
      if (starts_with(k0, "中长期目标")) return label_value(row, "mid_term_goal");
      if (starts_with(k0, "年度目标") || k0 == "年度绩效目标") return label_value(row, "annual_goal");
      if (starts_with(k0, "部门整体资金") || starts_with(k0, "部门整体支出资金")) {
        part_ = Part::Income;
        text_key_.clear();
        funds_header(row, first + 1);
        return true;
      }
      if (part_ == Part::Income || part_ == Part::Expense) return funds_row(row);
      // A text that continues the narrative field above (merged label cell).
      if (!text_key_.empty() && first > 0 && row.first() == row.last()) {
        const std::string_view t = c0.text;
        if (starts_with(match_key(t), "机构设置")) {
          text_key_ = "org_setup";
          append_text(text_key_, split_label(t).second.empty() ? t : split_label(t).second, c0.loc());
        } else {
          append_text(text_key_, t, c0.loc());
        }
        return true;
      }
      return false;
    }
    return indicator_row(row);
  }

  bool row_has(const Row& row, const char* k) const {
    for (const Cell& c : row.cells)
      if (contains(match_key(c.text), k)) return true;
    return false;
  }

  // "单位名称 | | 苏州市…" or "单位名称：苏州市…"
  bool label_value(const Row& row, const std::string& field) {
    const int first = row.first();
    std::string value = split_label(row.cells[first].text).second;
    Loc at = row.cells[first].loc();
    for (int i = first + 1; i < static_cast<int>(row.cells.size()) && value.empty(); ++i) {
      if (!row.cells[i].text.empty()) {
        value = row.cells[i].text;
        at = row.cells[i].loc();
      }
    }
    part_ = Part::Header;
    if (field == "unit") {
      form().unit = value;
      form().unit_src = at;
      text_key_.clear();
      return true;
    }
    text_key_ = field;
    if (value.empty()) {
      form().texts[field];  // present but empty: a finding for the rules
      form().text_src[field] = at;
    } else {
      append_text(field, value, at);
    }
    // Further cells on the row (rare) continue the same text.
    bool seen = false;
    for (int i = first + 1; i < static_cast<int>(row.cells.size()); ++i) {
      if (row.cells[i].text.empty()) continue;
      if (seen) append_text(field, row.cells[i].text, row.cells[i].loc());
      seen = true;
    }
    return true;
  }

  void funds_header(const Row& row, int from) {
    for (int i = from; i < static_cast<int>(row.cells.size()); ++i) {
      const std::string k = key(row.cells[i]);
      if (k == "收入") part_ = Part::Income;
      if (k == "支出") part_ = Part::Expense;
      if (contains(k, "半年")) half_col_ = i;
      if (contains(k, "全年") || contains(k, "预算数")) {
        if (!contains(k, "半年")) full_col_ = i;
      }
    }
  }

  bool funds_row(const Row& row) {
    // Label: the first non-numeric cell that is not a section word.
    int label = -1;
    bool header_words = false;
    for (int i = 0; i < static_cast<int>(row.cells.size()); ++i) {
      const std::string k = key(row.cells[i]);
      if (k.empty() || is_number_text(row.cells[i].text)) continue;
      if (key_is(k, {"收入", "支出", "小计"}) || contains(k, "预算数") || contains(k, "执行数")) {
        header_words = true;
        continue;
      }
      label = i;
      break;
    }
    if (header_words) funds_header(row, 0);
    if (label < 0) return header_words;
    const std::string k = key(row.cells[label]);
    if (key_has(k, {"中长期目标", "年度目标", "一级指标"})) return false;
    FundLine line;
    line.name = row.cells[label].text;
    line.src.at = row.cells[label].loc();
    if (starts_with(k, "基本支出")) {
      line.role = "basic", part_ = Part::Expense;
    } else if (starts_with(k, "项目支出")) {
      line.role = "project_total", part_ = Part::Expense;
    } else if (part_ == Part::Income) {
      line.role = income_role(k);
      if (line.role.empty()) line.role = "income_item";
    } else {
      line.role = "project";
    }
    // Values: numeric cells after the label, placed by the header columns.
    std::vector<int> nums;
    for (int i = label + 1; i < static_cast<int>(row.cells.size()); ++i) {
      const std::string_view t = row.cells[i].text;
      if (is_number_text(t)) {
        nums.push_back(i);
      } else if (!t.empty() && !key_is(key(row.cells[i]), {"小计"})) {
        return false;  // text where a value belongs: not a funds line
      }
    }
    auto put = [&](const std::string& field, int i) {
      (field == "half" ? line.half : line.full) = row.cells[i].text;
      line.src.cells[field] = row.cells[i].loc();
    };
    if (part_ == Part::Income || nums.empty()) {
      if (!nums.empty()) put("full", nums.back());
    } else if (nums.size() >= 2) {
      put("half", nums[nums.size() - 2]);
      put("full", nums.back());
    } else if (half_col_ >= 0 && full_col_ >= 0 &&
               std::abs(nums[0] - half_col_) < std::abs(nums[0] - full_col_)) {
      put("half", nums[0]);
    } else {
      put("full", nums[0]);
    }
    if (part_ == Part::Income) {
      form().funds.income.push_back(std::move(line));
    } else {
      form().funds.expense.push_back(std::move(line));
    }
    return true;
  }

  bool indicator_header(const Row& row) {
    part_ = Part::Indicators;
    ind_ = IndCols{};
    group_ = Indicator{};
    ind_.has_half = row_has(row, "半年");
    for (int i = 0; i < static_cast<int>(row.cells.size()); ++i) {
      const std::string k = key(row.cells[i]);
      if (contains(k, "一级指标")) ind_.level1 = i;
      else if (contains(k, "二级指标")) ind_.level2 = i;
      else if (contains(k, "重点工作")) ind_.key_work = i;
      else if (contains(k, "对应项目")) ind_.project = i;
      else if (contains(k, "三级指标")) ind_.name = i;
    }
    return true;
  }

  // Puts a leading group cell into the group field whose header column is nearest.
  void assign_group_cell(const Cell& c, int col) {
    const std::string k = key(c);
    if (is_level1(k)) {
      group_ = Indicator{};
      group_.level1 = c.text;
      return;
    }
    struct Slot {
      int col;
      std::string Indicator::*field;
    };
    std::vector<Slot> slots;
    if (ind_.level1 >= 0) slots.push_back({ind_.level1, &Indicator::level1});
    if (ind_.level2 >= 0) slots.push_back({ind_.level2, &Indicator::level2});
    if (ind_.key_work >= 0) slots.push_back({ind_.key_work, &Indicator::key_work});
    if (ind_.project >= 0) slots.push_back({ind_.project, &Indicator::project});
    if (slots.empty()) slots.push_back({col, &Indicator::level2});
    const Slot* best = &slots.front();
    for (const Slot& s : slots)
      if (std::abs(s.col - col) < std::abs(best->col - col)) best = &s;
    group_.*(best->field) = c.text;
    // A new outer group resets the inner ones (merged cells end there).
    if (best->field == &Indicator::level1) group_.level2.clear();
    if (best->field == &Indicator::level1 || best->field == &Indicator::level2) group_.key_work.clear();
    if (best->field != &Indicator::project) group_.project.clear();
  }

  bool indicator_row(const Row& row) {
    const int last = row.last();
    const int first = row.first();
    const std::string k0 = key(row.cells[first]);
    if (key_has(k0, {"一级指标"})) return indicator_header(row);
    // A lone group label: an empty 生态效益 / 可持续发展 row, kept as a placeholder.
    if (first == last) {
      if (first == 0 || is_level1(k0) || profiles::is_known_level2(k0)) {
        assign_group_cell(row.cells[first], first);
        Indicator placeholder = group_;
        placeholder.src.at = row.cells[first].loc();
        form().indicators.push_back(std::move(placeholder));
        return true;
      }
      return false;
    }
    // Anchored at the end: ... 三级指标 | 半年指标值 | 全年指标值
    if (!value_like(row.cells[last].text)) return false;
    int half = last - 1;
    int name = -1;
    if (half >= 0 && !row.cells[half].text.empty() && (!ind_.has_half || !value_like(row.cells[half].text))) {
      name = half;  // no half-year value
      half = -1;
    } else {
      for (int i = last - 2; i >= 0; --i)
        if (!row.cells[i].text.empty()) {
          name = i;
          break;
        }
    }
    if (name < 0) return false;
    for (int i = 0; i < name; ++i)
      if (!row.cells[i].text.empty()) assign_group_cell(row.cells[i], i);
    Indicator ind = group_;
    ind.name = row.cells[name].text;
    ind.src.at = row.cells[name].loc();
    ind.src.cells["name"] = row.cells[name].loc();
    ind.full = row.cells[last].text;
    ind.src.cells["full"] = row.cells[last].loc();
    if (half >= 0) {
      ind.half = row.cells[half].text;
      ind.src.cells["half"] = row.cells[half].loc();
    }
    form().indicators.push_back(std::move(ind));
    return true;
  }
};

// -------------------------------------------------------- self-evaluation

class SelfEvalRecognizer : public Recognizer {
 public:
  using Recognizer::Recognizer;

  Recognized run() {
    used_.assign(grid_.rows.size(), false);
    form().kind = FormKind::SelfEval;
    for (size_t r = 0; r < grid_.rows.size(); ++r) {
      row_index_ = r;
      const Row& row = grid_.rows[r];
      if (row.blank()) continue;
      if (step(row)) use(r);
    }
    report_unused();
    return std::move(out_);
  }

 private:
  enum class Part { Header, Text, Budget, Tasks, Eval };
  Part part_ = Part::Header;
  std::string text_key_;
  bool tasks_have_content_ = false;
  std::string duty_;      // merged 对应部门主要职责 cell
  std::string category_;  // merged 类别 cell
  size_t row_index_ = 0;

  bool step(const Row& row) {
    const Cell& c0 = row.cells[row.first()];
    const std::string k0 = key(c0);
    if (form().title.empty() && key_has(k0, {"自评报告", "自评表"}) && row.first() == row.last() &&
        !heading_text(c0.text)) {
      set_title(row);
      return true;
    }
    if (form().year.empty() && row.first() == row.last()) {
      if (auto y = year_only(c0.text)) {
        form().year = *y;
        form().year_src = c0.loc();
        return true;
      }
    }
    if (row.first() == row.last() && heading(c0)) return true;
    switch (part_) {
      case Part::Text:
        append_text(text_key_, row.joined(), c0.loc());
        return true;
      case Part::Budget: return budget_row(row);
      case Part::Tasks: return task_row(row);
      case Part::Eval: return eval_row(row);
      case Part::Header: break;
    }
    return false;
  }

  bool heading(const Cell& c) {
    auto h = heading_text(c.text);
    if (!h) return false;
    const auto parts = split_label(*h);
    const std::string& label = parts.first;
    const std::string value = parts.second;
    if (u8_length(label) > 30) return false;
    const std::string k = match_key(label);
    auto enter_text = [&](const char* field) {
      part_ = Part::Text;
      text_key_ = field;
      form().texts[field];
      form().text_src[field] = c.loc();
      append_text(field, value, c.loc());
    };
    if (key_has(k, {"预算部门名称", "单位名称", "部门名称"})) {
      form().unit = value;
      form().unit_src = c.loc();
      part_ = Part::Header;
    } else if (contains(k, "履职目标完成情况")) {
      enter_text("duty_completion");
    } else if (contains(k, "概况")) {
      enter_text("overview");
    } else if (contains(k, "绩效实现情况")) {
      enter_text("performance");
    } else if (key_has(k, {"存在问题", "改进措施"})) {
      enter_text("problems");
    } else if (key_has(k, {"自评结果", "应用和公开"})) {
      enter_text("application");
    } else if (contains(k, "预算信息")) {
      part_ = Part::Budget;
    } else if (contains(k, "重点任务")) {
      part_ = Part::Tasks;
    } else if (contains(k, "自评表")) {
      part_ = Part::Eval;
    } else {
      return false;
    }
    return true;
  }

  // 预算信息: name | 年初 | 结转追加 | 调整 | 实际 | 执行率, placed relative to the name.
  bool budget_row(const Row& row) {
    const int first = row.first();
    const std::string k0 = key(row.cells[first]);
    if (key_has(k0, {"年初预算", "本年度预算资金", "调整预算", "执行率"})) return true;  // header
    if (is_number_text(row.cells[first].text)) return false;
    BudgetRow b;
    b.name = row.cells[first].text;
    b.role = budget_role(k0);
    b.src.at = row.cells[first].loc();
    static const std::array<std::pair<const char*, std::string BudgetRow::*>, 5> kCols = {{
        {"initial", &BudgetRow::initial},
        {"carry", &BudgetRow::carry},
        {"adjusted", &BudgetRow::adjusted},
        {"actual", &BudgetRow::actual},
        {"rate", &BudgetRow::rate},
    }};
    int values = 0;
    for (size_t j = 0; j < kCols.size(); ++j) {
      const size_t i = first + 1 + j;
      if (i >= row.cells.size()) break;
      const std::string_view t = row.cells[i].text;
      if (t.empty()) continue;
      if (!is_number_text(t) && !is_rate_text(t)) return false;
      b.*(kCols[j].second) = t;
      b.src.cells[kCols[j].first] = row.cells[i].loc();
      ++values;
    }
    for (size_t i = first + 6; i < row.cells.size(); ++i)
      if (!row.cells[i].text.empty()) return false;
    if (values == 0) return false;
    form().budget_info.push_back(std::move(b));
    return true;
  }

  bool task_row(const Row& row) {
    bool header = false;
    for (const Cell& c : row.cells) {
      const std::string k = key(c);
      if (key_has(k, {"任务名称", "对应部门主要职责", "完成情况"}) && u8_length(c.text) <= 12) header = true;
      if (k == "主要内容") tasks_have_content_ = true, header = true;
    }
    if (header) return true;
    std::vector<const Cell*> cells;
    for (const Cell& c : row.cells) cells.push_back(&c);
    while (!cells.empty() && cells.back()->text.empty()) cells.pop_back();
    const size_t width = tasks_have_content_ ? 4 : 3;
    if (cells.size() < 2) return false;
    KeyTask t;
    // Fewer cells than columns: the leading (merged) duty cell is missing.
    size_t skip = cells.size() < width ? width - cells.size() : 0;
    std::vector<std::pair<const char*, std::string KeyTask::*>> cols = {{"duty", &KeyTask::duty},
                                                                        {"task", &KeyTask::task}};
    if (tasks_have_content_) cols.push_back({"content", &KeyTask::content});
    cols.push_back({"status", &KeyTask::status});
    for (size_t i = 0; i < cells.size(); ++i) {
      const size_t slot = std::min(i + skip, cols.size() - 1);
      std::string& field = t.*(cols[slot].second);
      if (cells[i]->text.empty()) continue;
      if (!field.empty()) field += " ";
      field += cells[i]->text;
      t.src.cells[cols[slot].first] = cells[i]->loc();
    }
    if (t.task.empty()) return false;
    if (t.duty.empty()) {
      t.duty = duty_;
    } else {
      duty_ = t.duty;
    }
    t.src.at = cells[row.first()]->loc();
    form().key_tasks.push_back(std::move(t));
    return true;
  }

  // 自评表: [分解目标] [类别] 指标名称 | 目标值 | 完成值 | 来源 | 偏差 | 原因
  bool eval_row(const Row& row) {
    const int n = static_cast<int>(row.cells.size());
    int i = 0;
    std::string category;
    for (; i < n; ++i) {
      const std::string k = key(row.cells[i]);
      if (k.empty()) continue;
      if (!is_eval_category(k)) break;
      if (!key_is(k, {"分解目标", "类别"})) category = row.cells[i].text;
      if (k == "类别") return true;  // header row
    }
    if (!category.empty()) category_ = category;
    if (i >= n) return !category.empty();
    if (key_has(key(row.cells[i]), {"指标名称"})) return true;  // header row
    auto at = [&](int j) -> const Cell* { return j < n ? &row.cells[j] : nullptr; };
    auto text_at = [&](int j) { return j < n ? row.cells[j].text : std::string_view(); };
    const bool has_values = !text_at(i + 1).empty() || !text_at(i + 2).empty() || !text_at(i + 4).empty();
    if (!has_values) return continuation(row);
    // The 自评表 is the long table and comes last: room for every row left, so a
    // 100,000-row table is not copied through doubling (the copies, not the
    // rows, set the peak memory of a large import).
    if (form().evaluation.empty()) form().evaluation.reserve(grid_.rows.size() - row_index_);
    EvalRow e;
    e.category = category_;
    static const std::array<std::pair<const char*, std::string EvalRow::*>, 6> kCols = {{
        {"name", &EvalRow::name},
        {"target", &EvalRow::target},
        {"actual", &EvalRow::actual},
        {"source", &EvalRow::source},
        {"deviation", &EvalRow::deviation},
        {"reason", &EvalRow::reason},
    }};
    for (size_t j = 0; j < kCols.size(); ++j) {
      const Cell* c = at(i + static_cast<int>(j));
      if (!c) break;
      e.*(kCols[j].second) = c->text;
      e.src.cells[kCols[j].first] = c->loc();
    }
    for (int j = i + 6; j < n; ++j) {  // spill past the reason column
      if (row.cells[j].text.empty()) continue;
      e.reason += row.cells[j].text;
    }
    e.src.at = row.cells[i].loc();
    form().evaluation.push_back(std::move(e));
    return true;
  }

  // A row wrapped by a PDF extractor: text fragments only, to be appended to
  // the text fields (name, source, reason) of the row above. Fragments are
  // placed by the previous row's columns when they line up, else in order
  // from the name, with the spacing of that row.
  bool continuation(const Row& row) {
    if (form().evaluation.empty() || row.cells.size() < 2) return false;
    EvalRow& prev = form().evaluation.back();
    // Only the line right after a row (a page break may leave one blank) continues it.
    if (row.loc().line - prev.src.at.line > 3) return false;
    std::vector<const Cell*> frags;
    for (const Cell& c : row.cells)
      if (!c.text.empty()) frags.push_back(&c);
    for (const Cell* c : frags)
      if (is_number_text(c->text) || is_rate_text(c->text)) return false;
    struct Slot {
      const char* field;
      std::string EvalRow::*member;
    };
    const std::array<Slot, 3> slots = {{{"name", &EvalRow::name}, {"source", &EvalRow::source},
                                        {"reason", &EvalRow::reason}}};
    auto col_of = [&](const Slot& s) { return prev.src.cell(s.field).col; };
    // 1) same columns as the row above
    std::vector<const Slot*> plan;
    for (const Cell* c : frags) {
      const Slot* hit = nullptr;
      for (const Slot& s : slots)
        if (col_of(s) == c->loc().col) hit = &s;
      if (!hit) break;
      plan.push_back(hit);
    }
    // 2) shifted: first fragment is the name, the others keep the row's spacing
    if (plan.size() != frags.size()) {
      plan.clear();
      const int offset = frags.front()->loc().col - col_of(slots[0]);
      for (const Cell* c : frags) {
        const Slot* hit = nullptr;
        for (const Slot& s : slots)
          if (col_of(s) + offset == c->loc().col) hit = &s;
        if (!hit) return false;
        plan.push_back(hit);
      }
    }
    for (size_t j = 0; j < frags.size(); ++j) {
      std::string& field = prev.*(plan[j]->member);
      const std::string_view add = frags[j]->text;
      // PDF extractors sometimes repeat the wrapped tail of a cell that was
      // already complete: keep a standard indicator name as it is.
      if (plan[j]->member == &EvalRow::name && ends_with(field, add) &&
          profiles::is_standard_indicator(match_key(field)) &&
          !profiles::is_standard_indicator(match_key(field + std::string(add))))
        continue;
      field += add;
    }
    return true;
  }
};

int score_signals(const Grid& g, std::initializer_list<const char*> words) {
  int n = 0;
  for (const char* w : words) {
    bool seen = false;
    for (const Row& r : g.rows) {
      for (const Cell& c : r.cells)
        if (!c.text.empty() && contains(match_key(c.text), w)) {
          seen = true;
          break;
        }
      if (seen) break;
    }
    n += seen;
  }
  return n;
}

}  // namespace

FormKind detect_kind(const Grid& grid) {
  for (const Row& r : grid.rows) {
    for (const Cell& c : r.cells) {
      if (c.text.empty() || u8_length(c.text) > 60) continue;
      const std::string k = match_key(c.text);
      if (contains(k, "绩效目标表")) return FormKind::Target;
      if (contains(k, "自评报告")) return FormKind::SelfEval;
    }
  }
  const int t = score_signals(grid, {"部门整体资金", "三级指标", "半年指标值", "全年指标值", "中长期目标"});
  const int s = score_signals(grid, {"指标完成值", "预算信息", "调整预算数", "年度重点任务", "偏差情况"});
  if (t >= 2 && t > s) return FormKind::Target;
  if (s >= 2 && s > t) return FormKind::SelfEval;
  return FormKind::Unknown;
}

Recognized recognize(const Grid& grid) {
  switch (detect_kind(grid)) {
    case FormKind::Target: return TargetRecognizer(grid).run();
    case FormKind::SelfEval: return SelfEvalRecognizer(grid).run();
    case FormKind::Unknown: break;
  }
  Recognized r;
  Finding f;
  f.rule = "import.unknown_form";
  f.severity = Severity::Error;
  f.message = "未能识别为“部门整体预算绩效目标表”或“整体支出预算绩效自评报告”：没有找到表名或这两类表单的栏目。";
  f.location.section = "import";
  f.location.label = "导入";
  f.fix = "请确认导入的是这两类表单之一，并包含表名或“部门整体资金”“三级指标”“预算信息”“部门整体自评表”等栏目。";
  r.findings.push_back(std::move(f));
  return r;
}

}  // namespace formcheck
