#include "formcheck/arith.hpp"

#include <algorithm>

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
    if (digits_only(s)) return fail(MoneyReading::Overflow, "数字位数过多（超过 18 位有效数字或 12 位小数）");
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
