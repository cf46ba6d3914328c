#include "api/quantity/quantity.hpp"

#include <limits>

namespace navarch::api {

namespace {

using i128 = __int128;
using u128 = unsigned __int128;

constexpr int64_t nano = 1'000'000'000;
// |amount| <= 2^63-1 units, in nanos.
constexpr u128 max_nanos = u128(std::numeric_limits<int64_t>::max()) * nano;
constexpr int max_significant_digits = 38;  // below 10^38 < 2^127
constexpr int max_exponent = 1000;          // anything past this is out of range either way

const char* const format_error =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const char* const too_large = "quantity is too large";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// sign * digits * 10^exp10 * 2^exp2, exactly as written.
struct decimal {
  bool negative = false;
  u128 digits = 0;
  int exp10 = 0;
  int exp2 = 0;
  quantity_format format = quantity_format::decimal_si;
};

// The suffix grammar: binary SI (Ki..Ei), decimal SI (n, u, m, "", k, M, G, T, P, E) or an exponent (e3, E-2).
bool parse_suffix(std::string_view s, decimal& d) {
  struct unit {
    std::string_view text;
    int exp10, exp2;
    quantity_format format;
  };
  using enum quantity_format;
  static constexpr unit units[] = {
      {"", 0, 0, decimal_si},   {"n", -9, 0, decimal_si}, {"u", -6, 0, decimal_si},  {"m", -3, 0, decimal_si},
      {"k", 3, 0, decimal_si},  {"M", 6, 0, decimal_si},  {"G", 9, 0, decimal_si},   {"T", 12, 0, decimal_si},
      {"P", 15, 0, decimal_si}, {"E", 18, 0, decimal_si}, {"Ki", 0, 10, binary_si},  {"Mi", 0, 20, binary_si},
      {"Gi", 0, 30, binary_si}, {"Ti", 0, 40, binary_si}, {"Pi", 0, 50, binary_si},  {"Ei", 0, 60, binary_si}};
  for (const auto& u : units)
    if (s == u.text) {
      d.exp10 += u.exp10;
      d.exp2 = u.exp2;
      d.format = u.format;
      return true;
    }
  if (s.size() < 2 || (s[0] != 'e' && s[0] != 'E')) return false;
  size_t i = 1;
  bool neg = false;
  if (s[i] == '+' || s[i] == '-') neg = s[i++] == '-';
  if (i == s.size()) return false;
  int e = 0;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) return false;
    if (e < max_exponent) e = e * 10 + (s[i] - '0');
  }
  d.exp10 += neg ? -e : e;
  d.format = decimal_exponent;
  return true;
}

std::string parse_decimal(std::string_view text, decimal& d) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) d.negative = text[i++] == '-';
  int significant = 0, fraction_digits = 0, trailing_zeros = 0;
  bool seen_point = false, seen_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      seen_digit = true;
      if (seen_point) ++fraction_digits;
      if (significant == 0 && c == '0') continue;  // leading zeros carry nothing
      if (c == '0') {  // held back: trailing zeros become exponent, so they never cost precision
        ++trailing_zeros;
        continue;
      }
      if (significant + trailing_zeros + 1 > max_significant_digits) return "quantity has too many significant digits";
      for (; trailing_zeros > 0; --trailing_zeros, ++significant) d.digits *= 10;
      d.digits = d.digits * 10 + u128(c - '0');
      ++significant;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return format_error;
  d.exp10 = trailing_zeros - fraction_digits;
  if (!parse_suffix(text.substr(i), d)) return "unable to parse quantity's suffix";
  return {};
}

// |d| in nanos, rounded up; false when past the int64 range of units.
bool to_nanos(const decimal& d, u128& out) {
  out = 0;
  if (d.digits == 0) return true;
  const int e = d.exp10 + 9;
  u128 v = d.digits;
  if (e >= 0) {
    for (int k = 0; k < e; ++k)
      if ((v *= 10) > max_nanos) return false;
    for (int k = 0; k < d.exp2; ++k)
      if ((v <<= 1) > max_nanos) return false;
    out = v;
    return true;
  }
  for (int k = 0; k < d.exp2; ++k) {
    if (v > (~u128(0) >> 1)) return false;  // digits * 2^exp2 past 128 bits: far too precise to matter
    v <<= 1;
  }
  if (-e > 38) {  // below one nano: rounds up to one
    out = 1;
    return true;
  }
  u128 den = 1;
  for (int k = 0; k < -e; ++k) den *= 10;
  out = v / den + (v % den != 0);
  return out <= max_nanos;
}

std::optional<int64_t> round_away(i128 nanos, int64_t unit) {
  const bool neg = nanos < 0;
  const u128 mag = neg ? u128(-nanos) : u128(nanos);
  const u128 q = mag / u128(unit) + (mag % u128(unit) != 0);
  if (q > u128(std::numeric_limits<int64_t>::max())) return std::nullopt;
  return neg ? -int64_t(q) : int64_t(q);
}

std::string int128_text(i128 v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  u128 m = neg ? u128(-v) : u128(v);
  std::string out;
  for (; m > 0; m /= 10) out.insert(out.begin(), char('0' + int(m % 10)));
  return neg ? "-" + out : out;
}

std::string decimal_suffix(int exp, quantity_format f) {
  if (exp == 0) return {};
  if (f == quantity_format::decimal_si) {
    switch (exp) {
      case -9: return "n";
      case -6: return "u";
      case -3: return "m";
      case 3: return "k";
      case 6: return "M";
      case 9: return "G";
      case 12: return "T";
      case 15: return "P";
      case 18: return "E";
    }
  }
  return "e" + std::to_string(exp);
}

}  // namespace

struct quantity_parser {
  static quantity make(i128 nanos, quantity_format f) {
    quantity q;
    q.nanos_ = nanos;
    q.format_ = f;
    return q;
  }
};

quantity quantity::of(int64_t value, quantity_format f) { return quantity_parser::make(i128(value) * nano, f); }

quantity quantity::of_milli(int64_t milli, quantity_format f) {
  return quantity_parser::make(i128(milli) * 1'000'000, f);
}

std::optional<int64_t> quantity::value() const { return round_away(nanos_, nano); }

std::optional<int64_t> quantity::milli_value() const { return round_away(nanos_, 1'000'000); }

std::string quantity::to_string() const {
  if (nanos_ == 0) return "0";
  quantity_format f = format_;
  if (f == quantity_format::binary_si && (nanos_ % nano != 0 || (nanos_ > -1024 * nano && nanos_ < 1024 * nano)))
    f = quantity_format::decimal_si;  // a fraction or less than 1Ki cannot be written exactly with a binary suffix
  if (f == quantity_format::binary_si) {
    i128 v = nanos_ / nano;
    int exp2 = 0;
    for (; exp2 < 60 && v % 1024 == 0; exp2 += 10) v /= 1024;
    static constexpr const char* binary[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    return int128_text(v) + binary[exp2 / 10];
  }
  // The mantissa without trailing zeros, then the exponent lowered to a multiple of three.
  i128 m = nanos_;
  int exp = -9;
  for (; m % 10 == 0; m /= 10) ++exp;
  for (; exp % 3 != 0; --exp) m *= 10;
  return int128_text(m) + decimal_suffix(exp, f);
}

quantity& quantity::operator+=(const quantity& o) {
  if (nanos_ == 0) format_ = o.format_;
  nanos_ += o.nanos_;
  return *this;
}

quantity& quantity::operator-=(const quantity& o) {
  if (nanos_ == 0) format_ = o.format_;
  nanos_ -= o.nanos_;
  return *this;
}

quantity quantity::operator-() const { return quantity_parser::make(-nanos_, format_); }

quantity_result parse_quantity(std::string_view text) {
  decimal d;
  if (auto err = parse_decimal(text, d); !err.empty()) return {{}, std::move(err)};
  u128 mag = 0;
  if (!to_nanos(d, mag)) return {{}, too_large};
  return {quantity_parser::make(d.negative ? -i128(mag) : i128(mag), d.format), {}};
}

namespace {

quantity_int_result read_int(std::string_view text, bool milli) {
  auto q = parse_quantity(text);
  if (!q.ok()) return {0, std::move(q.error)};
  auto v = milli ? q.value.milli_value() : q.value.value();
  if (!v) return {0, too_large};
  return {*v, {}};
}

}  // namespace

quantity_int_result parse_quantity_value(std::string_view text) { return read_int(text, false); }

quantity_int_result parse_quantity_milli_value(std::string_view text) { return read_int(text, true); }

}  // namespace navarch::api
