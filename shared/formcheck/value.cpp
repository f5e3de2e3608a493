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
  if (v.kind == ValueKind::Qualitative || v.kind == ValueKind::Invalid) v.text = clean_cell(form_text);
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
