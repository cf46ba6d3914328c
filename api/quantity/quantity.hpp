// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity): "100m", "0.5", "128Mi", "1G", "1e3".
// One exact fixed-point type for every component: parse, canonical form, comparison and arithmetic, plus the
// integer readings the scheduler and the kubelet use (Value(), MilliValue()).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace navarch::api {

// Which suffix family a quantity was written with; its canonical text keeps the family (Quantity.Format).
enum class quantity_format { decimal_si, binary_si, decimal_exponent };

// An exact amount in units of 10^-9 (1n): finer input is rounded up, away from zero, as Kubernetes does.
// Parsed amounts are at most 2^63-1 in magnitude.
class quantity {
 public:
  quantity() = default;  // zero, DecimalSI
  static quantity of(int64_t value, quantity_format f = quantity_format::decimal_si);        // NewQuantity
  static quantity of_milli(int64_t milli, quantity_format f = quantity_format::decimal_si);  // NewMilliQuantity

  quantity_format format() const { return format_; }
  bool is_zero() const { return nanos_ == 0; }
  int sign() const { return nanos_ < 0 ? -1 : nanos_ > 0 ? 1 : 0; }

  // Value() and MilliValue(): rounded up, away from zero; nullopt when the result does not fit in int64.
  std::optional<int64_t> value() const;
  std::optional<int64_t> milli_value() const;

  // The canonical form, as Quantity.String(): no precision lost, no fraction, the largest suffix of the format
  // ("1.5" -> "1500m", "1.5Gi" -> "1536Mi", "1000" -> "1k", "0.5Ki" -> "512"). Zero is "0".
  std::string to_string() const;

  // Sums keep the left operand's format (a zero left operand takes the right one's), as Quantity.Add.
  quantity& operator+=(const quantity& o);
  quantity& operator-=(const quantity& o);
  friend quantity operator+(quantity a, const quantity& b) { return a += b; }
  friend quantity operator-(quantity a, const quantity& b) { return a -= b; }
  quantity operator-() const;

  // By amount only, as Quantity.Cmp: "1Ki" == "1024".
  friend bool operator==(const quantity& a, const quantity& b) { return a.nanos_ == b.nanos_; }
  friend std::strong_ordering operator<=>(const quantity& a, const quantity& b) { return a.nanos_ <=> b.nanos_; }

 private:
  friend struct quantity_parser;
  __int128 nanos_ = 0;
  quantity_format format_ = quantity_format::decimal_si;
};

struct quantity_result {
  quantity value;
  std::string error;  // non-empty when the text is not a quantity or is too large: Kubernetes' message
  bool ok() const { return error.empty(); }
};

quantity_result parse_quantity(std::string_view text);

// The integers components work with, straight from text: Value() (bytes, pods) and MilliValue() (millicores).
// An error when the text is not a quantity or the result does not fit in int64.
struct quantity_int_result {
  int64_t value = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};
quantity_int_result parse_quantity_value(std::string_view text);
quantity_int_result parse_quantity_milli_value(std::string_view text);

}  // namespace navarch::api
