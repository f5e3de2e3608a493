#include "formcheck/decimal.hpp"

#include <algorithm>

#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

__extension__ typedef __int128 i128;  // GCC/Clang extension, also in wasm

constexpr int64_t kPow10[] = {1,
                              10,
                              100,
                              1000,
                              10000,
                              100000,
                              1000000,
                              10000000,
                              100000000,
                              1000000000,
                              10000000000LL,
                              100000000000LL,
                              1000000000000LL,
                              10000000000000LL,
                              100000000000000LL,
                              1000000000000000LL,
                              10000000000000000LL,
                              100000000000000000LL,
                              1000000000000000000LL};

i128 pow10_128(int n) {
  i128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

int64_t checked(i128 v) {
  if (v > INT64_MAX || v < INT64_MIN) throw DecimalOverflow();
  return static_cast<int64_t>(v);
}

// Rounds n / d half away from zero (d > 0).
i128 div_round(i128 n, i128 d) {
  const i128 q = n / d, r = n % d;
  if (r == 0) return q;
  const i128 twice = (r < 0 ? -r : r) * 2;
  if (twice >= d) return n < 0 ? q - 1 : q + 1;
  return q;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::string buf;
  const std::string_view s = trim_view(halfwidth_view(text, buf));
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  } else if (starts_with(s.substr(i), "\xE2\x88\x92")) {  // U+2212 minus
    neg = true;
    i += 3;
  }
  i128 units = 0;
  int digits = 0, scale = 0;
  bool seen_point = false, any_digit = false;
  size_t last_sep = std::string::npos;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits >= 18) return std::nullopt;  // more precision than money ever needs
      units = units * 10 + (c - '0');
      if (units != 0) ++digits;
      if (seen_point) {
        if (++scale > kMaxScale) return std::nullopt;
      }
      any_digit = true;
    } else if (c == '.' && !seen_point) {
      if (last_sep != std::string::npos && i - last_sep != 4) return std::nullopt;
      seen_point = true;
    } else if (c == ',' && !seen_point && any_digit) {
      // A thousands separator must be followed by exactly three digits.
      if (last_sep != std::string::npos && i - last_sep != 4) return std::nullopt;
      last_sep = i;
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit) return std::nullopt;
  if (last_sep != std::string::npos && !seen_point && s.size() - last_sep != 4) return std::nullopt;
  return Decimal(checked(neg ? -units : units), scale, scale);
}

Decimal Decimal::rescaled(int scale) const {
  if (scale <= scale_) return *this;
  if (scale > kMaxScale) throw DecimalOverflow();
  return Decimal(checked(static_cast<i128>(units_) * kPow10[scale - scale_]), scale, shown_);
}

Decimal Decimal::operator+(const Decimal& o) const {
  const int s = std::max(scale_, o.scale_);
  const Decimal a = rescaled(s), b = o.rescaled(s);
  return Decimal(checked(static_cast<i128>(a.units_) + b.units_), s, std::max(shown_, o.shown_));
}

Decimal Decimal::operator-(const Decimal& o) const { return *this + (-o); }

Decimal Decimal::operator-() const { return Decimal(checked(-static_cast<i128>(units_)), scale_, shown_); }

Decimal Decimal::mul_int(int64_t k) const {
  return Decimal(checked(static_cast<i128>(units_) * k), scale_, shown_);
}

Decimal Decimal::mul(const Decimal& o) const {
  const int s = scale_ + o.scale_;
  if (s > kMaxScale) {
    // Keep kMaxScale decimals, rounding the excess.
    const i128 p = static_cast<i128>(units_) * o.units_;
    return Decimal(checked(div_round(p, pow10_128(s - kMaxScale))), kMaxScale, kMaxScale);
  }
  return Decimal(checked(static_cast<i128>(units_) * o.units_), s, s);
}

std::optional<Decimal> Decimal::div(const Decimal& o, int decimals) const {
  if (o.units_ == 0) return std::nullopt;
  decimals = std::clamp(decimals, 0, kMaxScale);
  // (a/10^sa) / (b/10^sb) * 10^d = a * 10^(sb + d - sa) / b
  const int e = o.scale_ + decimals - scale_;
  i128 num = units_, den = o.units_;
  if (e >= 0) {
    num *= pow10_128(e);
  } else {
    den *= pow10_128(-e);
  }
  if (den < 0) num = -num, den = -den;
  return Decimal(checked(div_round(num, den)), decimals, decimals);
}

Decimal Decimal::round_to(int decimals) const {
  if (decimals >= scale_) return rescaled(decimals).with_shown(decimals);
  return Decimal(checked(div_round(units_, kPow10[scale_ - decimals])), decimals, decimals);
}

Decimal Decimal::truncate_to(int decimals) const {
  if (decimals >= scale_) return rescaled(decimals).with_shown(decimals);
  return Decimal(units_ / kPow10[scale_ - decimals], decimals, decimals);
}

int Decimal::compare(const Decimal& o) const {
  const int s = std::max(scale_, o.scale_);
  const i128 a = static_cast<i128>(units_) * pow10_128(s - scale_);
  const i128 b = static_cast<i128>(o.units_) * pow10_128(s - o.scale_);
  return (a > b) - (a < b);
}

std::string Decimal::to_fixed(int decimals) const {
  decimals = std::min(decimals, 24);  // callers ask for at most kMaxScale; the buffer holds 24
  const Decimal r = round_to(decimals);
  // Digits are written backwards into a stack buffer: 64-bit magnitude (no
  // 128-bit division, a library call in wasm) and one string at the end.
  const bool neg = r.units_ < 0;
  uint64_t u = neg ? 0 - static_cast<uint64_t>(r.units_) : static_cast<uint64_t>(r.units_);
  char buf[48];  // up to 25 digits, point, sign
  char* p = buf + sizeof buf;
  int written = 0;
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
    ++written;
    if (written == decimals) *--p = '.';
  } while (u > 0 || written <= decimals);
  if (neg) *--p = '-';
  return std::string(p, static_cast<size_t>(buf + sizeof buf - p));
}

std::string Decimal::to_string() const { return to_fixed(shown_); }

Decimal Decimal::half_ulp(int decimals) { return Decimal(5, decimals + 1, decimals + 1); }
Decimal Decimal::ulp(int decimals) { return Decimal(1, decimals, decimals); }

Interval display_interval(const Decimal& v, int min_decimals) {
  const Decimal h = Decimal::half_ulp(std::max(v.shown(), min_decimals));
  return {v - h, v + h};
}

Interval truncation_interval(const Decimal& v, int min_decimals) {
  const Decimal u = Decimal::ulp(std::max(v.shown(), min_decimals));
  if (v.is_negative()) return {v - u, v};
  return {v, v + u};
}

Interval operator+(const Interval& a, const Interval& b) { return {a.lo + b.lo, a.hi + b.hi}; }

int compare_ratio(const Decimal& num, const Decimal& den, const Decimal& x) {
  const int s = std::max({num.scale(), den.scale(), x.scale()});
  i128 n = static_cast<i128>(num.rescaled(s).units());
  i128 d = static_cast<i128>(den.rescaled(s).units());
  const i128 xv = static_cast<i128>(x.rescaled(s).units());
  if (d < 0) n = -n, d = -d;
  // n/d vs xv/10^s  <=>  n*10^s vs xv*d
  const i128 lhs = n * pow10_128(s), rhs = xv * d;
  return (lhs > rhs) - (lhs < rhs);
}

bool ratio_meets(const Interval& num, const Interval& den, const Interval& target) {
  if (den.lo.sign() <= 0 && den.hi.sign() >= 0) return true;  // denominator may be zero: anything goes
  // The quotient set is an interval whose ends are among the four corner ratios.
  const Decimal* ns[] = {&num.lo, &num.hi};
  const Decimal* ds[] = {&den.lo, &den.hi};
  bool any_le_hi = false, any_ge_lo = false;
  // min(corners) <= target.hi and max(corners) >= target.lo
  for (auto* n : ns) {
    for (auto* d : ds) {
      if (compare_ratio(*n, *d, target.hi) <= 0) any_le_hi = true;
      if (compare_ratio(*n, *d, target.lo) >= 0) any_ge_lo = true;
    }
  }
  return any_le_hi && any_ge_lo;
}

}  // namespace formcheck
