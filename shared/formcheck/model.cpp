#include "formcheck/model.hpp"

#include <algorithm>
#include <stdexcept>

#include "formcheck/limits.hpp"

namespace formcheck {

const std::vector<std::string_view>& FieldLocs::names() {
  // Every value field of FundLine, Indicator, BudgetRow, EvalRow and KeyTask, sorted.
  static const std::vector<std::string_view> v = [] {
    std::vector<std::string_view> n = {"actual",   "adjusted", "budget", "carry",  "category", "content", "deviation",
                                       "duty",     "executed", "full",   "half",   "initial",  "key_work", "level1",
                                       "level2",   "mid",      "name",   "project", "rate",    "reason",  "score",
                                       "source",   "status",   "target", "task",   "weight",   "year"};
    std::sort(n.begin(), n.end());
    return n;
  }();
  return v;
}

int FieldLocs::id_of(std::string_view field) {
  const auto& n = names();
  auto it = std::lower_bound(n.begin(), n.end(), field);
  return it != n.end() && *it == field ? static_cast<int>(it - n.begin()) : -1;
}

FieldLocs::FieldLocs(const FieldLocs& o) : ids_(o.ids_), n_(o.n_), line_(o.line_), cols_(o.cols_) {
  if (o.wide_) {
    wide_ = std::make_unique<Loc[]>(kCapacity);
    std::copy(o.wide_.get(), o.wide_.get() + kCapacity, wide_.get());
  }
}

void FieldLocs::set(int i, Loc l) {
  if (wide_) {
    wide_[i] = l;
    return;
  }
  const bool col_fits = l.col >= 0 && l.col <= UINT16_MAX;
  if (col_fits && (l.line == line_ || n_ == 1)) {  // the only slot decides the line
    line_ = l.line;
    cols_[i] = static_cast<uint16_t>(l.col);
    return;
  }
  wide_ = std::make_unique<Loc[]>(kCapacity);
  for (int k = 0; k < n_; ++k) wide_[k] = Loc{line_, cols_[k]};
  wide_[i] = l;
}

FieldLocs::Slot FieldLocs::operator[](std::string_view field) {
  const int id = id_of(field);
  if (id < 0) throw std::invalid_argument("unknown model field: " + std::string(field));
  int i = 0;
  while (i < n_ && ids_[i] < id) ++i;
  if (i < n_ && ids_[i] == id) return Slot(this, i);
  if (n_ == kCapacity) throw std::length_error("too many fields in one element");
  for (int j = n_; j > i; --j) {
    ids_[j] = ids_[j - 1];
    cols_[j] = cols_[j - 1];
    if (wide_) wide_[j] = wide_[j - 1];
  }
  ++n_;
  ids_[i] = static_cast<uint8_t>(id);
  // A new slot reads as "this element's line, column 0" until it is assigned
  // (so adding it does not spill to wide_ by itself).
  cols_[i] = 0;
  if (wide_) wide_[i] = Loc{line_, 0};
  return Slot(this, i);
}

std::optional<Loc> FieldLocs::find(std::string_view field) const {
  const int id = id_of(field);
  for (int i = 0; i < n_; ++i)
    if (ids_[i] == id) return get(i);
  return std::nullopt;
}

const char* kind_name(FormKind k) {
  switch (k) {
    case FormKind::Target: return "target";
    case FormKind::SelfEval: return "selfeval";
    case FormKind::ProjectTarget: return "project_target";
    case FormKind::ProjectSelfEval: return "project_selfeval";
    case FormKind::Unknown: break;
  }
  return "";
}

const char* family_name(FormKind k) {
  switch (k) {
    case FormKind::Target: return "部门整体预算绩效目标表";
    case FormKind::SelfEval: return "整体支出预算绩效自评报告";
    case FormKind::ProjectTarget: return "项目支出绩效目标表";
    case FormKind::ProjectSelfEval: return "项目支出绩效自评表";
    case FormKind::Unknown: break;
  }
  return "";
}

FormKind kind_of(std::string_view name) {
  for (FormKind k : {FormKind::Target, FormKind::SelfEval, FormKind::ProjectTarget, FormKind::ProjectSelfEval})
    if (name == kind_name(k)) return k;
  return FormKind::Unknown;
}

const std::vector<TextKey>& text_keys(FormKind kind) {
  static const std::vector<TextKey> target = {
      {"functions", "单位主要职能"},
      {"org_setup", "机构设置"},
      {"mid_term_goal", "中长期目标"},
      {"annual_goal", "年度目标"},
  };
  static const std::vector<TextKey> selfeval = {
      {"duty_completion", "年度履职目标完成情况"},
      {"overview", "部门（单位）概况"},
      {"performance", "整体支出绩效实现情况"},
      {"problems", "存在问题及改进措施"},
      {"application", "绩效自评结果拟应用和公开情况"},
  };
  static const std::vector<TextKey> project_target = {
      {"department", "主管部门"},
      {"project_attribute", "项目属性"},
      {"project_period", "项目期限"},
      {"start_date", "开始时间"},
      {"end_date", "完成时间"},
      {"mid_term_goal", "中期目标"},
      {"annual_goal", "年度目标"},
  };
  static const std::vector<TextKey> project_selfeval = {
      {"department", "主管部门"},
      {"project_period", "项目期限"},
      {"start_date", "开始时间"},
      {"end_date", "完成时间"},
      {"goal_expected", "年度总体目标·预期目标"},
      {"goal_actual", "年度总体目标·实际完成情况"},
  };
  switch (kind) {
    case FormKind::SelfEval: return selfeval;
    case FormKind::ProjectTarget: return project_target;
    case FormKind::ProjectSelfEval: return project_selfeval;
    default: return target;
  }
}

std::string text_title(const std::string& key) {
  for (FormKind k : {FormKind::Target, FormKind::SelfEval, FormKind::ProjectTarget, FormKind::ProjectSelfEval})
    for (const auto& t : text_keys(k))
      if (key == t.key) return t.title;
  return key;
}

namespace limits {
std::string too_large_message(size_t bytes) {
  return "文件过大（" + std::to_string(bytes / 1024) + " KB），单个表单不能超过 " +
         std::to_string(kMaxInputBytes / 1024 / 1024) + " MB。请只导入需要检查的表格。";
}
}  // namespace limits

}  // namespace formcheck
