#include "formcheck/arith.hpp"

#include <algorithm>
#include <utility>

#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

// Units a money cell may carry, as a factor from the unit to 万元 (num/den).
struct MoneyUnit {
  const char* name;
  int64_t num, den;
};
constexpr MoneyUnit kMoneyUnits[] = {{"万元", 1, 1}, {"万", 1, 1}, {"亿元", 10000, 1}, {"亿", 10000, 1},
                                     {"千元", 1, 10}, {"元", 1, 10000}};

bool digits_only(std::string_view s) {
  bool any = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') any = true;
    else if (c != '.' && c != ',' && c != '-' && c != '+') return false;
  }
  return any;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1234,5" or "1.234,56": a comma written as the decimal point (as in many
// European locales), with "." as the thousands separator or none. Returns the
// figure as it is meant ("1234.5", "1234.56"), or "" when `s` is not written so.
std::string decimal_comma(std::string_view s) {
  std::string sign;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) sign = s[0] == '-' ? "-" : "", s.remove_prefix(1);
  const size_t comma = s.find(',');
  if (comma == std::string_view::npos || s.find(',', comma + 1) != std::string_view::npos) return "";
  const std::string_view whole = s.substr(0, comma), fraction = s.substr(comma + 1);
  if (!all_digits(fraction)) return "";
  std::string digits;
  if (whole.find('.') == std::string_view::npos) {
    // "1,234" is one thousand two hundred and thirty-four: only another count
    // of digits after a lone comma says it is a decimal comma.
    if (!all_digits(whole) || fraction.size() == 3) return "";
    digits = whole;
  } else {
    // "1.234,5": dots grouping thousands before the comma.
    size_t start = 0, groups = 0;
    for (;;) {
      const size_t dot = whole.find('.', start);
      const std::string_view g = whole.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
      if (!all_digits(g) || (groups == 0 ? g.size() > 3 : g.size() != 3)) return "";
      digits += g;
      ++groups;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  return sign + digits + "." + std::string(fraction);
}

// Why a figure of digits and separators is not a number Decimal reads: too
// many digits, a decimal comma, or separators out of place.
std::pair<MoneyReading::Status, std::string> digits_failure(std::string_view s) {
  if (const std::string meant = decimal_comma(s); !meant.empty())
    return {MoneyReading::Unreadable, "逗号“,”用作了小数点，金额的小数点应写作“.”（应为 " + meant + "）"};
  size_t significant = 0, decimals = 0, points = 0;
  bool leading = true;
  for (char c : s) {
    if (c == '.') ++points;
    if (c < '0' || c > '9') continue;
    if (c != '0') leading = false;
    if (!leading) ++significant;
    if (points) ++decimals;
  }
  if (significant > 18 || decimals > 12)
    return {MoneyReading::Overflow, "数字位数过多（超过 18 位有效数字或 12 位小数）"};
  return {MoneyReading::Unreadable, "逗号或小数点的位置不对"};
}

}  // namespace

MoneyReading read_money(std::string_view text) {
  MoneyReading r;
  std::string buf;
  std::string_view s = trim_view(halfwidth_view(text, buf));
  if (s.empty()) return r;
  const MoneyUnit* unit = nullptr;
  for (const MoneyUnit& u : kMoneyUnits)
    if (ends_with(s, u.name)) {
      unit = &u;
      s = trim_view(s.substr(0, s.size() - std::string_view(u.name).size()));
      break;
    }
  if (unit) r.unit = unit->name;
  auto fail = [&](MoneyReading::Status st, std::string why) {
    r.status = st;
    r.why = std::move(why);
    return r;
  };
  const auto v = Decimal::parse(s);
  if (!v) {
    if (digits_only(s)) {
      auto [status, why] = digits_failure(s);
      return fail(status, std::move(why));
    }
    if (s.find_first_of("eE") != std::string_view::npos && digits_only(std::string(s).erase(s.find_first_of("eE"), 1)))
      return fail(MoneyReading::Unreadable, "科学计数法不能作为金额");
    // "（8）" / "(8)": the accountant's way of writing a negative amount.
    if (s.size() > 2 && s.front() == '(' && s.back() == ')' && Decimal::parse(s.substr(1, s.size() - 2)))
      return fail(MoneyReading::Unreadable,
                  "括号是会计上表示负数的写法，本栏请直接写 -" + std::string(s.substr(1, s.size() - 2)) + "（若为负数）或去掉括号");
    return fail(MoneyReading::Unreadable, "不是数字");
  }
  try {
    Decimal wan = *v;
    if (unit && unit->num != 1) wan = wan.mul_int(unit->num);
    if (unit && unit->den != 1) {
      wan = *wan.div(Decimal::from_int(unit->den), std::min(Decimal::kMaxScale, wan.scale() + 4));
      // 5455700元 is 545.57万元, not 545.5700: no zeros the division added.
      int64_t units = wan.units();
      int scale = wan.scale();
      while (scale > v->scale() && units % 10 == 0) units /= 10, --scale;
      wan = Decimal::from_units(units, scale);
    }
    if (wan.abs() >= Decimal::from_int(kMaxMoneyWan))
      return fail(MoneyReading::Overflow, "数值过大（超过 1 万亿万元）");
    wan.rescaled(2);  // every money figure must fit with its two decimals
    r.value = wan;
  } catch (const DecimalOverflow&) {
    return fail(MoneyReading::Overflow, "数值过大");
  }
  if (!unit) r.status = MoneyReading::Plain;
  else r.status = unit->num == 1 && unit->den == 1 ? MoneyReading::UnitMatches : MoneyReading::UnitConverted;
  return r;
}

std::optional<Decimal> money(const std::string& text) {
  const MoneyReading r = read_money(text);
  if (!r.usable()) return std::nullopt;
  return r.value;
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
    if (p.is_zero()) continue;  // a zero line is an exact zero: it widens no interval
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
