#include "formcheck/diagnose.hpp"

#include <algorithm>

namespace formcheck {

namespace {

// The figure as written with two decimals, digits only (for digit swaps).
std::string digits(const Decimal& d) {
  std::string s = d.abs().to_fixed(2);
  s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
  return s;
}

// The two texts differ by one swap of adjacent, different digits.
bool adjacent_swap(const std::string& a, const std::string& b, size_t& at) {
  if (a.size() != b.size()) return false;
  size_t first = std::string::npos;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) {
      if (first != std::string::npos && i != first + 1) return false;
      if (first == std::string::npos) first = i;
      else if (a[first] != b[i] || a[i] != b[first]) return false;
      else {
        at = first;
        for (size_t k = i + 1; k < a.size(); ++k)
          if (a[k] != b[k]) return false;
        return true;
      }
    }
  return false;
}

}  // namespace

std::string explain_difference(const Decimal& shown, const Decimal& computed,
                               const std::vector<std::pair<std::string, Decimal>>& parts) {
  try {
    if (shown == computed) return "";
    const Decimal diff = (shown - computed).abs();
    // A sign flipped.
    if (!computed.is_zero() && shown == -computed) return "可能是符号填反（正负号相反）。";
    // 元 in a 万元 column: 10,000 times; a decimal point shifted: 10, 100, 1,000 times.
    for (int64_t k : {10000, 10, 100, 1000}) {
      const bool larger = !computed.is_zero() && shown == computed.mul_int(k);
      const bool smaller = !shown.is_zero() && shown.mul_int(k) == computed;
      if (!larger && !smaller) continue;
      if (k == 10000) return "可能是把以元为单位的数填进了万元栏（正好相差 10000 倍）。";
      return "可能是小数点错位（正好相差 " + std::to_string(k) + " 倍）。";
    }
    // One line, or two, left out or counted twice.
    for (const auto& [name, v] : parts)
      if (!v.is_zero() && v.abs() == diff) return "相差正好等于“" + name + "”（" + v.to_fixed(2) + "），可能是这一项被漏算或重复计算。";
    for (size_t i = 0; i < parts.size(); ++i)
      for (size_t j = i + 1; j < parts.size(); ++j) {
        if (parts[i].second.is_zero() || parts[j].second.is_zero()) continue;
        if ((parts[i].second + parts[j].second).abs() == diff)
          return "相差正好等于“" + parts[i].first + "”与“" + parts[j].first + "”之和，可能是这两项被漏算或重复计算。";
      }
    // Two adjacent digits swapped: the difference is then a multiple of 9.
    const std::string a = digits(shown), b = digits(computed);
    size_t at = 0;
    if (shown.sign() == computed.sign() && adjacent_swap(a, b, at))
      return "可能是相邻两位数字颠倒（" + shown.to_fixed(2) + " 与 " + computed.to_fixed(2) + " 只差“" + a.substr(at, 2) +
             "”与“" + b.substr(at, 2) + "”的顺序）。";
  } catch (const DecimalOverflow&) {
  }
  return "";
}

}  // namespace formcheck
