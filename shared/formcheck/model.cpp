#include "formcheck/model.hpp"

#include "formcheck/limits.hpp"

namespace formcheck {

const char* kind_name(FormKind k) {
  switch (k) {
    case FormKind::Target: return "target";
    case FormKind::SelfEval: return "selfeval";
    case FormKind::Unknown: break;
  }
  return "";
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
  return kind == FormKind::SelfEval ? selfeval : target;
}

std::string text_title(const std::string& key) {
  for (FormKind k : {FormKind::Target, FormKind::SelfEval})
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
