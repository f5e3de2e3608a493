#include "formcheck/findings.hpp"

namespace formcheck {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: break;
  }
  return "info";
}

const char* severity_label(Severity s) {
  switch (s) {
    case Severity::Error: return "错误";
    case Severity::Warning: return "警告";
    case Severity::Info: break;
  }
  return "提示";
}

}  // namespace formcheck
