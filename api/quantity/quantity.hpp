// Kubernetes resource quantities ("100m", "0.5", "128Mi", "1G", "1e3"), as k8s.io/apimachinery resource.Quantity
// parses them, converted to the integers the scheduler works with.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace navarch::api {

struct quantity_result {
  int64_t value = 0;
  std::string error;  // non-empty when the text is not a quantity or does not fit in 64 bits
  bool ok() const { return error.empty(); }
};

// ceil(q * 1000), as Quantity.MilliValue(): cpu in millicores.
quantity_result parse_milli_quantity(std::string_view text);
// ceil(q), as Quantity.Value(): bytes, pods.
quantity_result parse_quantity(std::string_view text);

}  // namespace navarch::api
