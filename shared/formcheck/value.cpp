#include "formcheck/value.hpp"

#include <array>
#include <utility>

#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

struct OpSpelling {
  std::string_view text;
  Op op;
};

// Longest spellings first so ">=" wins over ">".
constexpr std::array<OpSpelling, 24> kOps = {{
    {">=", Op::Ge},         {"=>", Op::Ge},         {"<=", Op::Le},         {"=<", Op::Le},
    {"\xE2\x89\xA5", Op::Ge} /* ≥ */,               {"\xE2\x89\xA7", Op::Ge} /* ≧ */,
    {"\xE2\x89\xA4", Op::Le} /* ≤ */,               {"\xE2\x89\xA6", Op::Le} /* ≦ */,
    {"\xE4\xB8\x8D\xE4\xBD\x8E\xE4\xBA\x8E", Op::Ge} /* 不低于 */,
    {"\xE4\xB8\x8D\xE5\xB0\x91\xE4\xBA\x8E", Op::Ge} /* 不少于 */,
    {"\xE5\xA4\xA7\xE4\xBA\x8E\xE7\xAD\x89\xE4\xBA\x8E", Op::Ge} /* 大于等于 */,
    {"\xE8\x87\xB3\xE5\xB0\x91", Op::Ge} /* 至少 */,
    {"\xE4\xB8\x8D\xE9\xAB\x98\xE4\xBA\x8E", Op::Le} /* 不高于 */,
    {"\xE4\xB8\x8D\xE8\xB6\x85\xE8\xBF\x87", Op::Le} /* 不超过 */,
    {"\xE5\xB0\x8F\xE4\xBA\x8E\xE7\xAD\x89\xE4\xBA\x8E", Op::Le} /* 小于等于 */,
    {"\xE8\x87\xB3\xE5\xA4\x9A", Op::Le} /* 至多 */,
    {"\xE5\xA4\xA7\xE4\xBA\x8E", Op::Gt} /* 大于 */,
    {"\xE8\xB6\x85\xE8\xBF\x87", Op::Gt} /* 超过 */,
    {"\xE5\xB0\x8F\xE4\xBA\x8E", Op::Lt} /* 小于 */,
    {"\xE4\xBD\x8E\xE4\xBA\x8E", Op::Lt} /* 低于 */,
    {"\xE7\xAD\x89\xE4\xBA\x8E", Op::Eq} /* 等于 */,
    {"=", Op::Eq},          {">", Op::Gt},          {"<", Op::Lt},
}};

bool is_digit_start(std::string_view s) {
  if (s.empty()) return false;
  const char c = s[0];
  if (c >= '0' && c <= '9') return true;
  if ((c == '.' || c == '-' || c == '+') && s.size() > 1 && s[1] >= '0' && s[1] <= '9') return true;
  return false;
}

bool has_digit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}

// Splits "1,234.5万元" into the number part and the rest.
std::pair<std::string_view, std::string_view> split_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  while (i < s.size()) {
    const char c = s[i];
    const bool digit_next = i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9';
    // A '.' is part of the number only before a digit, so "1117." is 1117
    // with unit "." both before and after canonicalisation (found by fuzzing).
    if ((c >= '0' && c <= '9') || (c == '.' && digit_next)) {
      ++i;
    } else if (c == ',' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      ++i;
    } else {
      break;
    }
  }
  return {s.substr(0, i), s.substr(i)};
}


// ---- dates ---------------------------------------------------------------

struct DateParts {
  int y = 0, m = 0, d = 0;
};

int read_digits(std::string_view s, size_t& i, size_t max_digits, size_t& n) {
  int v = 0;
  n = 0;
  while (i < s.size() && n < max_digits && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0'), ++n;
  return v;
}

bool eat(std::string_view s, size_t& i, std::string_view word) {
  if (s.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

int days_in(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool plausible_year(int y) { return y >= 1900 && y <= 2099; }

constexpr std::string_view kNian = "\xE5\xB9\xB4", kYue = "\xE6\x9C\x88", kRi = "\xE6\x97\xA5", kHao = "\xE5\x8F\xB7",
                           kDu = "\xE5\xBA\xA6" /* 度 */, kDi = "\xE5\xBA\x95" /* 底 */, kMo = "\xE6\x9C\xAB" /* 末 */;

// A date at the start of `s` (after an operator): `2025年12月31日`, `2025年底`,
// `12月31日`, `2025-12-31`, `2025/12`, `2025.12.31`. `i` ends after it.
std::optional<DateParts> leading_date(std::string_view s, size_t& i) {
  DateParts p;
  size_t n = 0;
  const int a = read_digits(s, i, 4, n);
  if (n == 4 && plausible_year(a) && !(i < s.size() && s[i] >= '0' && s[i] <= '9')) {
    p.y = a;
    if (eat(s, i, kNian)) {
      eat(s, i, kDu);
      const size_t at = i;
      const int m = read_digits(s, i, 2, n);
      if (n > 0 && eat(s, i, kYue)) {
        p.m = m;
        const size_t at_day = i;
        const int d = read_digits(s, i, 2, n);
        if (n > 0 && (eat(s, i, kRi) || eat(s, i, kHao))) p.d = d;
        else i = at_day;
      } else {
        i = at;
      }
    } else if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
      const char sep = s[i];
      size_t j = i + 1;
      const int m = read_digits(s, j, 2, n);
      if (n == 0) return std::nullopt;
      p.m = m;
      if (j < s.size() && s[j] == sep) {
        size_t k = j + 1;
        const int d = read_digits(s, k, 2, n);
        if (n == 0) return std::nullopt;
        p.d = d, j = k;
      } else if (sep == '.') {
        return std::nullopt;  // `2025.12` is a decimal number
      }
      i = j;
    } else {
      return std::nullopt;  // a bare number
    }
  } else if (n >= 1 && n <= 2 && eat(s, i, kYue)) {
    p.m = a;
    const size_t at_day = i;
    const int d = read_digits(s, i, 2, n);
    if (n > 0 && (eat(s, i, kRi) || eat(s, i, kHao))) p.d = d;
    else i = at_day;
  } else {
    return std::nullopt;
  }
  if (p.m < 0 || p.m > 12 || (p.d != 0 && (p.m == 0 || p.d > days_in(p.y ? p.y : 2000, p.m)))) return std::nullopt;
  // 年底 / 年末 / 月底: the last day of the year or month.
  if (p.m == 0 && p.y != 0) {
    size_t k = i;
    if (eat(s, k, kNian) && (s.substr(k, kDi.size()) == kDi || s.substr(k, kMo.size()) == kMo)) i = k;  // 2025年年底
  }
  if (p.d == 0 && (eat(s, i, kDi) || eat(s, i, kMo))) {
    if (p.m == 0) p.m = 12;
    p.d = days_in(p.y ? p.y : 2000, p.m);
  }
  return p;
}

struct SuffixOp {
  std::string_view text;
  Op op;
};
constexpr std::array<SuffixOp, 7> kDateSuffix = {{
    {"\xE4\xB9\x8B\xE5\x89\x8D", Op::Le} /* 之前 */, {"\xE4\xBB\xA5\xE5\x89\x8D", Op::Le} /* 以前 */,
    {"\xE4\xBB\xA5\xE5\x86\x85", Op::Le} /* 以内 */, {"\xE4\xB9\x8B\xE5\x90\x8E", Op::Ge} /* 之后 */,
    {"\xE4\xBB\xA5\xE5\x90\x8E", Op::Ge} /* 以后 */, {"\xE5\x89\x8D", Op::Le} /* 前 */,
    {"\xE5\x86\x85", Op::Le} /* 内 */,
}};
constexpr std::array<std::string_view, 4> kDone = {
    "\xE5\x85\xA8\xE9\x83\xA8\xE5\xAE\x8C\xE6\x88\x90" /* 全部完成 */, "\xE5\xAE\x8C\xE6\x88\x90" /* 完成 */,
    "\xE5\xAE\x8C\xE5\xB7\xA5" /* 完工 */, "\xE7\xAB\xA3\xE5\xB7\xA5" /* 竣工 */};

// `s` without the white space between a digit and the 年 / 月 / 日 that
// follows it (a view of `s` itself when there is none; else of `buf`).
std::string_view join_date_spacing(std::string_view s, std::string& buf) {
  auto date_char = [&](size_t at) {
    return s.compare(at, 3, "\xE5\xB9\xB4") == 0 || s.compare(at, 3, "\xE6\x9C\x88") == 0 || s.compare(at, 3, "\xE6\x97\xA5") == 0;
  };
  bool any = false;
  buf.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if ((s[i] == ' ' || s[i] == '\t') && !buf.empty() && buf.back() >= '0' && buf.back() <= '9') {
      size_t j = i;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (j < s.size() && date_char(j)) {
        any = true;
        i = j - 1;
        continue;
      }
    }
    buf += s[i];
  }
  return any ? std::string_view(buf) : s;
}

// The whole of `body` as a date value (operator already taken off), or nullopt.
std::optional<std::pair<DateParts, Op>> whole_date(std::string_view body, Op op) {
  size_t i = 0;
  auto p = leading_date(body, i);
  if (!p) return std::nullopt;
  std::string_view rest = trim_view(body.substr(i));
  for (const auto& s : kDateSuffix)
    if (starts_with(rest, s.text)) {
      if (op == Op::None) op = s.op;
      rest = trim_view(rest.substr(s.text.size()));
      break;
    }
  for (auto w : kDone)
    if (rest == w) rest = {};
  if (!rest.empty()) return std::nullopt;
  if (p->y == 0 && p->d == 0) return std::nullopt;  // `6月` alone may be a duration
  return std::make_pair(*p, op);
}

int day_number(const DateParts& p) { return p.y * 10000 + p.m * 100 + p.d; }
DateParts parts_of(int n) { return {n / 10000, n / 100 % 100, n % 100}; }

int first_of(const DateParts& p) { return p.y * 10000 + (p.m ? p.m : 1) * 100 + (p.d ? p.d : 1); }
int last_of(const DateParts& p) {
  const int m = p.m ? p.m : 12;
  return p.y * 10000 + m * 100 + (p.d ? p.d : days_in(p.y, m));
}

constexpr std::string_view kWan = "\xE4\xB8\x87";  // 万
constexpr std::string_view kYi = "\xE4\xBA\xBF";   // 亿

}  // namespace

const char* op_symbol(Op op) {
  switch (op) {
    case Op::Eq: return "=";
    case Op::Ge: return "\xE2\x89\xA5";
    case Op::Le: return "\xE2\x89\xA4";
    case Op::Gt: return ">";
    case Op::Lt: return "<";
    case Op::None: break;
  }
  return "";
}

IndicatorValue parse_value(std::string_view raw) {
  IndicatorValue v;
  v.text = clean_cell(raw);
  std::string buf;
  const std::string_view s = trim_view(halfwidth_view(v.text, buf));
  if (s.empty() || s == "/" || s == "-" || s == "--" || s == "\xE2\x80\x94") {  // — dash
    v.kind = ValueKind::Empty;
    return v;
  }
  std::string_view rest = s;
  for (const auto& spelling : kOps) {
    if (rest.empty() || rest[0] != spelling.text[0]) continue;  // most values start with a digit
    if (starts_with(rest, spelling.text)) {
      v.op = spelling.op;
      rest.remove_prefix(spelling.text.size());
      break;
    }
  }
  const std::string_view body = trim_view(rest);
  // "2004 年", "12\t月": the same date as "2004年" (a cell's spacing is no unit).
  std::string joined;
  const std::string_view date_body = join_date_spacing(body, joined);
  if (auto d = whole_date(date_body, v.op)) {
    v.kind = ValueKind::Date;
    v.op = d->second;
    v.number = Decimal::from_int(day_number(d->first));
    return v;
  }
  if (is_digit_start(body)) {
    auto [num, unit] = split_number(body);
    auto d = Decimal::parse(num);
    unit = trim_view(unit);
    if (!d || has_digit(unit)) {
      v.kind = ValueKind::Invalid;
      return v;
    }
    v.kind = ValueKind::Quantitative;
    v.number = *d;
    v.unit = unit;
    return v;
  }
  // A qualitative level carries no operator and no digits.
  v.kind = (v.op == Op::None && !has_digit(body) && !body.empty()) ? ValueKind::Qualitative
                                                                   : ValueKind::Invalid;
  return v;
}

std::string IndicatorValue::canonical() const {
  switch (kind) {
    case ValueKind::Quantitative: return std::string(op_symbol(op)) + number.to_string() + unit;
    case ValueKind::Empty: return "";
    default: return text;
  }
}

std::optional<int> IndicatorValue::first_day() const {
  if (!date()) return std::nullopt;
  const DateParts p = parts_of(static_cast<int>(number.units()));
  if (p.y == 0) return std::nullopt;
  return first_of(p);
}

std::optional<int> IndicatorValue::last_day() const {
  if (!date()) return std::nullopt;
  const DateParts p = parts_of(static_cast<int>(number.units()));
  if (p.y == 0) return std::nullopt;
  return last_of(p);
}

namespace {

// One end of a period: a date, or `202001` (yyyymm), `2023.1` (year.month).
std::optional<DateParts> period_end(std::string_view s) {
  s = trim_view(s);
  size_t i = 0, n = 0;
  if (s.size() == 6) {
    const int v = read_digits(s, i, 6, n);
    if (n == 6 && plausible_year(v / 100) && v % 100 >= 1 && v % 100 <= 12) return DateParts{v / 100, v % 100, 0};
    i = 0;
  }
  if (auto p = leading_date(s, i)) {
    if (i < s.size()) eat(s, i, kDu);
    const std::string_view rest = trim_view(s.substr(i));
    if (rest.empty()) return p;
    return std::nullopt;
  }
  i = 0;
  const int y = read_digits(s, i, 4, n);
  if (n == 4 && plausible_year(y) && i < s.size() && s[i] == '.') {
    ++i;
    const int m = read_digits(s, i, 2, n);
    if (n > 0 && i == s.size() && m >= 1 && m <= 12) return DateParts{y, m, 0};
  }
  return std::nullopt;
}

}  // namespace

std::string placeholder_mark(std::string_view text) {
  // Runs of one mark character; `*` counts alone, the others from two (`×`
  // is also a multiplication sign: `3×4`), X/x from three (`XX` may be a name).
  struct Mark {
    std::string_view ch;
    size_t min_run;
  };
  static const Mark kMarks[] = {{"*", 1}, {"\xEF\xBC\x8A" /* ＊ */, 1}, {"\xC3\x97" /* × */, 2},
                                {"X", 3}, {"x", 3}, {"\xEF\xBC\xB8" /* Ｘ */, 3},
                                {"\xE2\x97\x8B" /* ○ */, 2}, {"\xE2\x96\xA1" /* □ */, 2}};
  for (const Mark& m : kMarks) {
    for (size_t at = text.find(m.ch); at != std::string_view::npos; at = text.find(m.ch, at + 1)) {
      size_t end = at, run = 0;
      while (text.substr(end, m.ch.size()) == m.ch) end += m.ch.size(), ++run;
      // A lone `*` before a name marks a core (必填) indicator in the 88号 templates.
      const bool star = m.ch == "*" || m.min_run == 1;
      if (star && run == 1 && at == 0 && end < text.size()) {
        at = end;
        continue;
      }
      if (run >= m.min_run) {
        // A Latin run inside a word (`XXXL`, `Max`) is not a mark.
        const bool latin = m.ch == "X" || m.ch == "x";
        auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
        if (latin && ((at > 0 && alpha(text[at - 1])) || (end < text.size() && alpha(text[end])))) {
          at = end;
          continue;
        }
        return std::string(text.substr(at, end - at));
      }
      at = end;
    }
  }
  return "";
}

std::optional<DateSpan> parse_date_span(std::string_view text) {
  std::string buf;
  const auto p = period_end(halfwidth_view(clean_cell(text), buf));
  if (!p || p->y == 0) return std::nullopt;
  return DateSpan{first_of(*p), last_of(*p)};
}

std::optional<DateSpan> parse_period(std::string_view text) {
  std::string buf;
  const std::string cleaned = clean_cell(text);
  const std::string_view s = trim_view(halfwidth_view(cleaned, buf));
  if (s.empty()) return std::nullopt;
  // Every place the text can be cut into two ends: 至 / 到 / ~ / — / –, or a '-'.
  static const std::array<std::string_view, 7> kCuts = {"\xE8\x87\xB3" /* 至 */, "\xE5\x88\xB0" /* 到 */, "~",
                                                        "\xE2\x80\x94" /* — */, "\xE2\x80\x93" /* – */,
                                                        "\xEF\xBD\x9E" /* ～ */, "-"};
  for (auto cut : kCuts) {
    for (size_t at = s.find(cut); at != std::string_view::npos; at = s.find(cut, at + 1)) {
      auto a = period_end(s.substr(0, at));
      std::string_view right = s.substr(at + cut.size());
      while (starts_with(right, cut)) right.remove_prefix(cut.size());  // `——`
      auto b = period_end(right);
      if (!a || !b || a->y == 0) continue;
      if (b->y == 0) b->y = a->y;  // `2023年1月-12月`
      return DateSpan{first_of(*a), last_of(*b)};
    }
  }
  return parse_date_span(s);
}

std::string IndicatorValue::base_unit() const {
  if (unit.size() > kWan.size() && starts_with(unit, kWan)) return unit.substr(kWan.size());
  if (unit.size() > kYi.size() && starts_with(unit, kYi)) return unit.substr(kYi.size());
  return unit;
}

int IndicatorValue::magnitude() const {
  if (unit.size() > kWan.size() && starts_with(unit, kWan)) return 4;
  if (unit.size() > kYi.size() && starts_with(unit, kYi)) return 8;
  if (unit == kWan) return 4;
  if (unit == kYi) return 8;
  return 0;
}

Decimal IndicatorValue::base_number() const {
  Decimal n = number;
  for (int i = 0; i < magnitude(); ++i) n = n.mul_int(10);
  return n;
}

bool same_unit(const IndicatorValue& a, const IndicatorValue& b) {
  if (a.unit == b.unit) return true;
  // 万元 vs 元, 万台套 vs 台套: the same thing at another magnitude.
  return !a.base_unit().empty() && a.base_unit() == b.base_unit();
}

std::optional<bool> satisfies(const IndicatorValue& target, const IndicatorValue& actual) {
  if (target.qualitative() && actual.qualitative()) {
    if (match_key(target.text) == match_key(actual.text)) return true;
    const std::string a = match_key(actual.text);
    // 未完成 / 未达到 / 不健全 / 部分完成 are explicit misses.
    if (starts_with(a, "\xE6\x9C\xAA") || starts_with(a, "\xE4\xB8\x8D") ||
        starts_with(a, "\xE9\x83\xA8\xE5\x88\x86"))
      return false;
    return std::nullopt;
  }
  if (target.date() && actual.date()) {
    DateParts t = parts_of(static_cast<int>(target.number.units())), a = parts_of(static_cast<int>(actual.number.units()));
    if ((t.y == 0) != (a.y == 0)) t.y = a.y = 0;  // `≤12月底` against `2025年12月20日`: by month and day
    switch (target.op) {
      case Op::Le: return first_of(a) <= last_of(t);
      case Op::Lt: return first_of(a) < first_of(t);
      case Op::Ge: return last_of(a) >= first_of(t);
      case Op::Gt: return last_of(a) > last_of(t);
      case Op::Eq:
      case Op::None: return first_of(a) <= last_of(t) && last_of(a) >= first_of(t);
    }
    return std::nullopt;
  }
  if (!target.quantitative() || !actual.quantitative()) return std::nullopt;
  // Completion values often omit the unit ("756" for "≥200人"); a unit on both
  // sides must agree, and a percentage never compares with a plain count.
  if (!actual.unit.empty() && !target.unit.empty() && !same_unit(target, actual)) return std::nullopt;
  if (target.percent() != actual.percent() && !(actual.unit.empty() || target.unit.empty()))
    return std::nullopt;
  Decimal t, a;
  try {
    t = (actual.unit.empty() || target.unit.empty()) ? target.number : target.base_number();
    a = (actual.unit.empty() || target.unit.empty()) ? actual.number : actual.base_number();
  } catch (const DecimalOverflow&) {
    return std::nullopt;  // too large to compare in base units (found by fuzzing)
  }
  const int c = a.compare(t);
  switch (target.op) {
    case Op::Ge: return c >= 0;
    case Op::Gt: return c > 0;
    case Op::Le: return c <= 0;
    case Op::Lt: return c < 0;
    case Op::Eq:
    case Op::None: return c == 0;
  }
  return std::nullopt;
}

void ValueCache::add_table(uintptr_t base, size_t rows, size_t stride, std::vector<size_t> offsets) {
  const size_t first = slot_count_;
  tables_.push_back({base, base + rows * stride, stride, std::move(offsets), first});
  slot_count_ += rows * tables_.back().offsets.size();
  blocks_.resize((slot_count_ + kBlock - 1) / kBlock);
}

ValueCache::Packed* ValueCache::slot_of(uintptr_t at) {
  for (const Table& t : tables_) {
    if (at < t.begin || at >= t.end) continue;
    const size_t row = (at - t.begin) / t.stride, offset = (at - t.begin) % t.stride;
    for (size_t k = 0; k < t.offsets.size(); ++k) {
      if (t.offsets[k] != offset) continue;
      const size_t slot = t.first_slot + row * t.offsets.size() + k;
      auto& block = blocks_[slot / kBlock];
      if (!block) block = std::make_unique<Packed[]>(kBlock);
      return &block[slot % kBlock];
    }
  }
  return nullptr;
}

bool ValueCache::pack(const IndicatorValue& v, Packed& p) {
  auto id = unit_ids_.find(v.unit);
  if (id == unit_ids_.end()) {
    if (units_.size() > UINT16_MAX) return false;
    id = unit_ids_.emplace(v.unit, static_cast<uint16_t>(units_.size())).first;
    units_.push_back(v.unit);
  }
  const int scale = v.number.scale(), shown = v.number.shown();
  if (scale < 0 || scale > 15 || shown < 0 || shown > 15) return false;
  const auto units = static_cast<uint64_t>(v.number.units());
  p.units_lo = static_cast<uint32_t>(units);
  p.units_hi = static_cast<uint32_t>(units >> 32);
  p.unit = id->second;
  p.meta = static_cast<uint16_t>(static_cast<unsigned>(v.kind) | static_cast<unsigned>(v.op) << 3 |
                                 static_cast<unsigned>(scale) << 6 | static_cast<unsigned>(shown) << 10);
  return true;
}

IndicatorValue ValueCache::unpack(const Packed& p, const std::string& form_text) const {
  IndicatorValue v;
  v.kind = static_cast<ValueKind>(p.meta & 7);
  v.op = static_cast<Op>(p.meta >> 3 & 7);
  const auto units = static_cast<int64_t>(static_cast<uint64_t>(p.units_hi) << 32 | p.units_lo);
  v.number = Decimal::from_units(units, p.meta >> 6 & 15).with_shown(p.meta >> 10 & 15);
  v.unit = units_[p.unit];
  if (v.kind == ValueKind::Qualitative || v.kind == ValueKind::Invalid || v.kind == ValueKind::Date)
    v.text = clean_cell(form_text);
  return v;
}

IndicatorValue ValueCache::operator()(const std::string& form_text) {
  Packed* p = slot_of(reinterpret_cast<uintptr_t>(&form_text));
  if (!p) p = &others_[&form_text];
  if (p->meta != kUnparsed) return unpack(*p, form_text);
  if (auto it = unpackable_.find(&form_text); it != unpackable_.end()) return it->second;
  IndicatorValue v = parse_value(form_text);
  if (pack(v, *p)) return unpack(*p, form_text);
  return unpackable_.emplace(&form_text, std::move(v)).first->second;  // a form with 65,536 distinct units
}

}  // namespace formcheck
