#include "formcheck/arith.hpp"

#include "formcheck/text_util.hpp"

namespace formcheck {

std::optional<Decimal> money(const std::string& text) {
  if (trim_view(text).empty()) return std::nullopt;
  return Decimal::parse(text);
}

std::optional<Decimal> percent(const std::string& text) {
  std::string buf;
  std::string_view h = trim_view(halfwidth_view(text, buf));
  if (ends_with(h, "%")) h = trim_view(h.substr(0, h.size() - 1));
  if (h.empty()) return std::nullopt;
  return Decimal::parse(h);
}

bool agrees(Agreement a) { return a == Agreement::Exact || a == Agreement::WithinRounding; }

Agreement check_sum(const std::vector<Decimal>& parts, const Decimal& total, int min_decimals) {
  Decimal sum;
  for (const auto& p : parts) sum = sum + p;
  if (sum == total) return Agreement::Exact;
  Interval si{Decimal(), Decimal()}, ti = display_interval(total, min_decimals);
  Interval st{Decimal(), Decimal()}, tt = truncation_interval(total, min_decimals);
  for (const auto& p : parts) {
    si = si + display_interval(p, min_decimals);
    st = st + truncation_interval(p, min_decimals);
  }
  if (si.overlaps(ti)) return Agreement::WithinRounding;
  if (st.overlaps(tt) || st.overlaps(ti) || si.overlaps(tt)) return Agreement::TruncationOnly;
  return Agreement::Mismatch;
}

Agreement check_rate(const Decimal& num, const Decimal& den, const Decimal& shown, int min_decimals_inputs,
                     bool exact_inputs) {
  if (den.is_zero()) return Agreement::Exact;  // no rate to check
  const Decimal n100 = num.mul_int(100);
  if (auto q = n100.div(den, shown.shown()); q && *q == shown) return Agreement::Exact;
  auto point = [](const Decimal& v) { return Interval{v, v}; };
  const Interval ni = exact_inputs ? point(n100) : Interval{display_interval(num, min_decimals_inputs).lo.mul_int(100),
                                                             display_interval(num, min_decimals_inputs).hi.mul_int(100)};
  const Interval di = exact_inputs ? point(den) : display_interval(den, min_decimals_inputs);
  if (ratio_meets(ni, di, display_interval(shown))) return Agreement::WithinRounding;
  // A rate cut off instead of rounded (92.618 shown as 92.61).
  if (ratio_meets(ni, di, truncation_interval(shown))) return Agreement::TruncationOnly;
  return Agreement::Mismatch;
}

}  // namespace formcheck
