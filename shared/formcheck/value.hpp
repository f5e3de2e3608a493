// The indicator-value grammar: `≥300亿元`, `＝100%`, `<=10%`, `756`, `1年`,
// `健全`, `有序推进` ...
//
//   value        := quantitative | qualitative
//   quantitative := [operator] number [unit]
//   operator     := = ＝ ≥ >= ≧ ≤ <= ≦ > < 不低于 不少于 不高于 不超过 ...
//   unit         := any text without digits, kept verbatim (`%`, `亿元`, `台套`,
//                   `万台套` ...; a leading 万/亿 is a magnitude, see magnitude())
//   qualitative  := text without digits (`健全`, `推动升级`)
//   date         := [operator] (Y年[M月[D日]] | Y年底 | M月D日 | Y-M-D | Y/M/D | Y-M)
//                   [底|末] [前|之前|以前|内|以内|后|以后|之后] [完成|完工|竣工]
//                   (`2025年12月`, `2025年底前`, `12月31日前`, `2025-12-31`); the
//                   year is 4 digits (19xx/20xx) so `≤2年` stays a duration
#pragma once
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formcheck/decimal.hpp"

namespace formcheck {

enum class ValueKind { Empty, Quantitative, Qualitative, Invalid, Date };
enum class Op { None, Eq, Ge, Le, Gt, Lt };

const char* op_symbol(Op op);  // "" "=" "≥" "≤" ">" "<"

struct IndicatorValue {
  ValueKind kind = ValueKind::Empty;
  Op op = Op::None;
  Decimal number;
  std::string unit;  // verbatim after folding full-width forms; "" when none
  std::string text;  // the cleaned input

  bool empty() const { return kind == ValueKind::Empty; }
  bool quantitative() const { return kind == ValueKind::Quantitative; }
  bool qualitative() const { return kind == ValueKind::Qualitative; }
  bool date() const { return kind == ValueKind::Date; }
  bool percent() const { return unit == "%"; }
  // A date's number is yyyymmdd, with 0 for what the text leaves open
  // (`12月31日前` has year 0, `2025年12月` day 0, `2025年` month 0); its op
  // is ≤ for 前/以内, ≥ for 后. first_day/last_day: the earliest and latest
  // day it can mean (yyyymmdd), nullopt without a year.
  std::optional<int> first_day() const;
  std::optional<int> last_day() const;
  // Canonical text: half-width operator symbols, number as displayed, unit.
  std::string canonical() const;
  // The unit without a leading magnitude (万 / 亿), and that magnitude's power of ten.
  std::string base_unit() const;
  int magnitude() const;
  // The number in base units (`5.86万` -> 58600), exact.
  Decimal base_number() const;
};

IndicatorValue parse_value(std::string_view text);

// A template placeholder left in a name or value: `*`, `**` (`≤**万元`),
// `××`/`×××`, `XXX`, `○○`, `□□`. Returns the mark as written, "" when none.
std::string placeholder_mark(std::string_view text);

// A period as header fields write it (项目期限 / 项目起止时间 / 建设周期):
// `2023年4月-2024年2月`, `202001-202012`, `2024年至2026年`, `2023.1-2023.12`,
// or one date. first/last are days (yyyymmdd) of its ends; 0 when an end is not
// written (`2024年` gives first 20240101 and last 20241231).
struct DateSpan {
  int first = 0, last = 0;
};
std::optional<DateSpan> parse_period(std::string_view text);
// One date of a header field (开始时间 `2024年`, 完成时间 `2026年12月`) as a span.
std::optional<DateSpan> parse_date_span(std::string_view text);

// parse_value, memoised: one check reads the same cells from several rules
// and the score. Keyed by the address of the form's own string (no hashing or
// copying of the text): only for strings of the form under check, which
// outlive the cache and do not change while it lives (one check).
//
// Values are kept packed (16 bytes: number, kind, operator, an interned unit)
// and handed out as IndicatorValue by value — bind them to `const
// IndicatorValue&` as usual. A 100,000-row report has 200,000 values: whole
// IndicatorValues took 11 MB, these take 3. The value columns of the big
// tables get flat slots (add_rows); any other string is hashed by address.
// `text` is filled for qualitative and invalid values (the only ones whose
// text is read); quantitative values carry their number and unit.
class ValueCache {
 public:
  template <class Row>
  void add_rows(const std::vector<Row>& rows, std::initializer_list<std::string Row::*> fields) {
    if (rows.empty()) return;
    const auto base = reinterpret_cast<uintptr_t>(rows.data());
    std::vector<size_t> offsets;
    for (auto f : fields) offsets.push_back(reinterpret_cast<uintptr_t>(&(rows[0].*f)) - base);
    add_table(base, rows.size(), sizeof(Row), std::move(offsets));
  }

  IndicatorValue operator()(const std::string& form_text);

 private:
  // 12 bytes: the 64-bit units as two halves (alignment 4), the unit's
  // index, and kind (3 bits), operator (3), scale (4) and shown decimals (4)
  // in one 16-bit word (Decimal keeps at most 12 decimals).
  struct Packed {
    uint32_t units_lo = 0, units_hi = 0;
    uint16_t unit = 0;          // index into units_
    uint16_t meta = kUnparsed;  // kind | op << 3 | scale << 6 | shown << 10, or kUnparsed
  };
  static constexpr uint16_t kUnparsed = 0xFFFF;
  struct Table {
    uintptr_t begin, end;
    size_t stride;
    std::vector<size_t> offsets;  // of the value fields within a row
    size_t first_slot;
  };
  void add_table(uintptr_t base, size_t rows, size_t stride, std::vector<size_t> offsets);
  Packed* slot_of(uintptr_t at);
  bool pack(const IndicatorValue& v, Packed& p);  // false when the unit table is full
  IndicatorValue unpack(const Packed& p, const std::string& form_text) const;

  // Slots live in blocks allocated on first use: small blocks fit the holes
  // the import leaves in the heap, where one big array would raise the peak.
  static constexpr size_t kBlock = 4096;
  std::vector<Table> tables_;
  size_t slot_count_ = 0;
  std::vector<std::unique_ptr<Packed[]>> blocks_;
  std::unordered_map<const std::string*, Packed> others_;
  std::unordered_map<const std::string*, IndicatorValue> unpackable_;  // more distinct units than fit
  std::vector<std::string> units_{""};
  std::unordered_map<std::string, uint16_t> unit_ids_{{"", 0}};
};

// Does `actual` satisfy `target` (operator, number, same unit family)?
// nullopt when it cannot be decided (qualitative mismatch, unit clash, ...).
std::optional<bool> satisfies(const IndicatorValue& target, const IndicatorValue& actual);

// Do two units name the same thing? "" matches only "" (a count without unit).
bool same_unit(const IndicatorValue& a, const IndicatorValue& b);

}  // namespace formcheck
