#include "formcheck/arith.hpp"

#include <algorithm>
#include <optional>

#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

// Units a money cell may carry, as a factor to 元.
struct MoneyUnit {
  const char* name;
  int64_t yuan;
};
constexpr MoneyUnit kMoneyUnits[] = {{"万元", 10000},     {"万", 10000}, {"亿元", 100000000},
                                     {"亿", 100000000}, {"千元", 1000}, {"元", 1}};

int64_t yuan_of(std::string_view unit) {
  for (const MoneyUnit& u : kMoneyUnits)
    if (unit == u.name) return u.yuan;
  return 10000;  // "" and anything else: the default 万元
}

bool digits_only(std::string_view s) {
  bool any = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') any = true;
    else if (c != '.' && c != ',' && c != '-' && c != '+') return false;
  }
  return any;
}

}  // namespace

namespace {

// The money unit written at s[at] ("万元", "人民币元" …): its name and where it ends.
struct StatedUnit {
  std::string name;
  size_t end = 0;
};
std::optional<StatedUnit> unit_at(std::string_view s, size_t at) {
  static constexpr std::string_view kRmb = "人民币";
  static constexpr const char* kUnits[] = {"万元", "千元", "亿元", "元"};  // "元" last: the others end with it
  if (s.compare(at, kRmb.size(), kRmb) == 0) at += kRmb.size();
  for (const char* u : kUnits)
    if (s.compare(at, std::string_view(u).size(), u) == 0) return StatedUnit{u, at + std::string_view(u).size()};
  return std::nullopt;
}

}  // namespace

std::string stated_money_unit(std::string_view text) {
  std::string buf;
  const std::string_view s = halfwidth_view(text, buf);
  static constexpr std::string_view kWord = "单位";
  // "单位:元", "金额单位 : 万元": the unit right after the word and its colon,
  // ending the text or followed by a separator (not "元/人").
  for (size_t at = s.find(kWord); at != std::string_view::npos; at = s.find(kWord, at + 1)) {
    size_t p = at + kWord.size();
    bool colon = false;
    while (p < s.size() && (s[p] == ' ' || s[p] == ':' || s[p] == '\t')) colon = colon || s[p] == ':', ++p;
    if (!colon) continue;  // "单位名称", "单位元": not a stated unit
    const auto u = unit_at(s, p);
    if (!u) continue;
    if (u->end == s.size() || std::string_view(") ,;\t").find(s[u->end]) != std::string_view::npos ||
        s.compare(u->end, 3, "，") == 0 || s.compare(u->end, 3, "；") == 0 || s.compare(u->end, 3, "、") == 0)
      return u->name;
  }
  // "(万元)": a parenthesis holding the unit alone.
  for (size_t at = s.find('('); at != std::string_view::npos; at = s.find('(', at + 1)) {
    size_t p = at + 1;
    while (p < s.size() && s[p] == ' ') ++p;
    const auto u = unit_at(s, p);
    if (!u) continue;
    size_t end = u->end;
    while (end < s.size() && s[end] == ' ') ++end;
    if (end < s.size() && s[end] == ')') return u->name;
  }
  return "";
}

bool is_blank_mark(std::string_view text) {
  const std::string_view t = trim_view(text);
  return t == "—" || t == "-" || t == "－" || t == "/" || t == "／" || t == "——" || t == "--" || t == "－－";
}

MoneyReading read_money(std::string_view text, std::string_view table_unit) {
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
    // "#N/A", "#DIV/0!": a formula the spreadsheet could not compute.
    static constexpr const char* kSheetErrors[] = {"#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!",
                                                   "#SPILL!", "#CALC!", "#GETTING_DATA"};
    for (const char* e : kSheetErrors)
      if (s == e) return fail(MoneyReading::Unreadable, "这是电子表格的错误值（公式无法计算出结果），不是金额；请修正公式或填入数字");
    return fail(MoneyReading::Unreadable, "不是数字");
  }
  const int64_t table = yuan_of(table_unit);
  const int64_t cell = unit ? unit->yuan : table;
  try {
    Decimal amount = *v;
    if (cell > table) amount = amount.mul_int(cell / table);
    if (cell < table) {
      const int64_t den = table / cell;
      int zeros = 0;
      for (int64_t d = den; d > 1; d /= 10) ++zeros;
      amount = *amount.div(Decimal::from_int(den), std::min(Decimal::kMaxScale, amount.scale() + zeros));
      // 5455700元 is 545.57万元, not 545.5700: no zeros the division added.
      int64_t units = amount.units();
      int scale = amount.scale();
      while (scale > v->scale() && units % 10 == 0) units /= 10, --scale;
      amount = Decimal::from_units(units, scale);
    }
    if (amount.abs() >= Decimal::from_int(kMaxMoneyWan))
      return fail(MoneyReading::Overflow, "数值过大（超过 1 万亿" + std::string(table_unit.empty() ? "万元" : table_unit) + "）");
    amount.rescaled(2);  // every money figure must fit with its two decimals
    r.value = amount;
  } catch (const DecimalOverflow&) {
    return fail(MoneyReading::Overflow, "数值过大");
  }
  if (!unit) r.status = MoneyReading::Plain;
  else r.status = cell == table ? MoneyReading::UnitMatches : MoneyReading::UnitConverted;
  return r;
}

std::optional<Decimal> money(const std::string& text, std::string_view table_unit) {
  const MoneyReading r = read_money(text, table_unit);
  if (!r.usable()) return std::nullopt;
  return r.value;
}

std::optional<Decimal> money_as(const std::string& text, std::string_view table_unit, std::string_view want_unit) {
  const MoneyReading r = read_money(text, table_unit);
  if (!r.usable()) return std::nullopt;
  if (yuan_of(table_unit) == yuan_of(want_unit)) return r.value;
  // The amount written out in its unit, read in the wanted one (exact, with read_money's scaling).
  const MoneyReading c = read_money(r.value.to_string() + (table_unit.empty() ? "万元" : std::string(table_unit)), want_unit);
  if (!c.usable()) return std::nullopt;
  return c.value;
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
