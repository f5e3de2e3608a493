// Exact decimal numbers for money, counts and rates.
//
// A Decimal is units / 10^scale with a 64-bit mantissa, and it remembers how
// many decimals the source displayed (`shown`), because a shown value stands
// for an interval (XBRL Calculations 1.1; see docs/rounding.md). No binary
// floating point is used anywhere a value is compared.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace formcheck {

class DecimalOverflow : public std::overflow_error {
 public:
  DecimalOverflow() : std::overflow_error("decimal overflow") {}
};

class Decimal {
 public:
  static constexpr int kMaxScale = 12;

  Decimal() = default;
  static Decimal from_int(int64_t v) { return Decimal(v, 0, 0); }
  // Builds units / 10^scale, displayed with `scale` decimals.
  static Decimal from_units(int64_t units, int scale) { return Decimal(units, scale, scale); }

  // Parses a plain number: optional sign (+ - ＋ －), digits with optional
  // thousands separators (`,` or `，`), optional fraction (`.7`, `1.`), and
  // full-width digits. No unit, no percent sign. Returns nullopt otherwise.
  static std::optional<Decimal> parse(std::string_view text);

  int64_t units() const { return units_; }
  int scale() const { return scale_; }
  int shown() const { return shown_; }
  Decimal with_shown(int d) const { return Decimal(units_, scale_, d); }
  bool is_zero() const { return units_ == 0; }
  bool is_negative() const { return units_ < 0; }
  int sign() const { return (units_ > 0) - (units_ < 0); }

  // Same value, stored with at least `scale` decimals (exact; throws on overflow).
  Decimal rescaled(int scale) const;

  Decimal operator+(const Decimal& o) const;
  Decimal operator-(const Decimal& o) const;
  Decimal operator-() const;
  Decimal mul_int(int64_t k) const;
  Decimal mul(const Decimal& o) const;  // exact product (scales add; throws past kMaxScale)
  // this / o rounded half away from zero to `decimals` places; nullopt when o == 0.
  std::optional<Decimal> div(const Decimal& o, int decimals) const;
  // Rounds half away from zero / truncates toward zero to `decimals` places.
  Decimal round_to(int decimals) const;
  Decimal truncate_to(int decimals) const;
  Decimal abs() const { return units_ < 0 ? -*this : *this; }

  // Exact value comparison (scale-independent).
  int compare(const Decimal& o) const;
  bool operator==(const Decimal& o) const { return compare(o) == 0; }
  bool operator!=(const Decimal& o) const { return compare(o) != 0; }
  bool operator<(const Decimal& o) const { return compare(o) < 0; }
  bool operator<=(const Decimal& o) const { return compare(o) <= 0; }
  bool operator>(const Decimal& o) const { return compare(o) > 0; }
  bool operator>=(const Decimal& o) const { return compare(o) >= 0; }

  // Text with exactly `shown` decimals ("1.00", "-3.5", "0.7").
  std::string to_string() const;
  // Text with exactly `decimals` decimals (rounded half away from zero).
  std::string to_fixed(int decimals) const;

  // Half a unit in the last shown place: 0.005 for two decimals.
  static Decimal half_ulp(int decimals);
  // One unit in the last shown place: 0.01 for two decimals.
  static Decimal ulp(int decimals);

 private:
  Decimal(int64_t units, int scale, int shown) : units_(units), scale_(scale), shown_(shown) {}
  int64_t units_ = 0;
  int scale_ = 0;
  int shown_ = 0;
};

// Closed interval [lo, hi] of exact decimals.
struct Interval {
  Decimal lo, hi;
  bool overlaps(const Interval& o) const { return lo <= o.hi && o.lo <= hi; }
  bool contains(const Decimal& v) const { return lo <= v && v <= hi; }
};

// The interval a displayed value stands for: v ± ½·10^-d with d = max(shown, min_decimals).
Interval display_interval(const Decimal& v, int min_decimals = 0);
// The interval a truncated display stands for: [v, v + 10^-d] toward larger magnitude.
Interval truncation_interval(const Decimal& v, int min_decimals = 0);
Interval operator+(const Interval& a, const Interval& b);

// Sign of num/den - x, exactly (den must be nonzero).
int compare_ratio(const Decimal& num, const Decimal& den, const Decimal& x);

// Does the set {n/d : n in num, d in den} meet `target`? All of den must be
// on one side of zero. Exact rational arithmetic, no rounding.
bool ratio_meets(const Interval& num, const Interval& den, const Interval& target);

}  // namespace formcheck
