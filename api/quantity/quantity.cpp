#include "api/quantity/quantity.hpp"

#include <cctype>
#include <limits>

namespace navarch::api {

namespace {

using u128 = unsigned __int128;

// sign * mantissa * 10^exp10 * 2^exp2, exactly.
struct decimal {
  bool negative = false;
  uint64_t mantissa = 0;
  int exp10 = 0;
  int exp2 = 0;
};

constexpr int max_significant_digits = 19;  // keeps the mantissa below 2^64
constexpr int max_exponent = 1000;          // anything past this is out of range either way

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The suffix grammar: binary SI (Ki..Ei), decimal SI (n, u, m, "", k, M, G, T, P, E) or an exponent (e3, E-2).
bool parse_suffix(std::string_view s, decimal& d) {
  struct unit {
    std::string_view text;
    int exp10, exp2;
  };
  static constexpr unit units[] = {{"", 0, 0},   {"n", -9, 0},  {"u", -6, 0},  {"m", -3, 0},  {"k", 3, 0},
                                   {"M", 6, 0},  {"G", 9, 0},   {"T", 12, 0},  {"P", 15, 0},  {"E", 18, 0},
                                   {"Ki", 0, 10}, {"Mi", 0, 20}, {"Gi", 0, 30}, {"Ti", 0, 40}, {"Pi", 0, 50},
                                   {"Ei", 0, 60}};
  for (const auto& u : units)
    if (s == u.text) {
      d.exp10 += u.exp10;
      d.exp2 = u.exp2;
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
  return true;
}

std::string parse_decimal(std::string_view text, decimal& d) {
  const std::string format_error =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) d.negative = text[i++] == '-';
  std::string digits;
  int fraction_digits = 0;
  bool seen_point = false, seen_digit = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (is_digit(c)) {
      seen_digit = true;
      if (digits.empty() && c == '0') {  // leading zeros carry nothing, but still count as fraction digits
        if (seen_point) ++fraction_digits;
        continue;
      }
      digits.push_back(c);
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return format_error;
  d.exp10 = -fraction_digits;
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++d.exp10;
  }
  if (digits.size() > max_significant_digits) return "quantity has too many significant digits";
  for (char c : digits) d.mantissa = d.mantissa * 10 + uint64_t(c - '0');
  if (!parse_suffix(text.substr(i), d)) return "unable to parse quantity's suffix";
  return {};
}

// ceil(|d| * 10^scale), away from zero as Quantity rounds, or an error past int64.
quantity_result scaled(const decimal& d, int scale) {
  quantity_result r;
  constexpr u128 limit = u128(std::numeric_limits<int64_t>::max());
  const std::string too_large = "quantity is too large";
  if (d.mantissa == 0) return r;
  int e = d.exp10 + scale;
  u128 v = d.mantissa;
  if (e >= 0) {
    for (int k = 0; k < e; ++k)
      if ((v *= 10) > limit) return r.error = too_large, r;
    v <<= d.exp2;  // v <= 2^63 and exp2 <= 60: no wrap in 128 bits
    if (v > limit) return r.error = too_large, r;
  } else {
    if (-e > 38) {
      r.value = d.negative ? -1 : 1;  // a positive amount below one unit rounds up to one
      return r;
    }
    u128 den = 1;
    for (int k = 0; k < -e; ++k) den *= 10;
    u128 num = v << d.exp2;  // mantissa < 2^64, exp2 <= 60
    u128 q = num / den;
    if (num % den != 0) ++q;
    if (q > limit) return r.error = too_large, r;
    v = q;
  }
  r.value = d.negative ? -int64_t(v) : int64_t(v);
  return r;
}

quantity_result parse_scaled(std::string_view text, int scale) {
  decimal d;
  if (auto err = parse_decimal(text, d); !err.empty()) return quantity_result{0, std::move(err)};
  return scaled(d, scale);
}

}  // namespace

quantity_result parse_milli_quantity(std::string_view text) { return parse_scaled(text, 3); }

quantity_result parse_quantity(std::string_view text) { return parse_scaled(text, 0); }

}  // namespace navarch::api
