// Field errors as Kubernetes reports them (k8s.io/apimachinery/pkg/util/validation/field): one per bad field,
// aggregated into the message of a 422 Invalid Status and listed in its details.causes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace navarch::api {

enum class field_error_type { not_found, required, duplicate, invalid, not_supported, forbidden, too_long, too_many,
                              internal, type_invalid };

struct field_error {
  field_error_type type = field_error_type::invalid;
  std::string field;                // "spec.containers[0].image"
  std::optional<std::string> value;  // the bad value as Go's %v/%q would print it; absent when not shown
  std::string detail;

  std::string reason() const;  // "FieldValueRequired": the cause's reason
  std::string body() const;    // "Invalid value: \"Web\": a lowercase ...": the cause's message
  std::string text() const;    // field + ": " + body
};

using field_errors = std::vector<field_error>;

// The constructors of field.Error. A bad value is given as a string (printed quoted), an integer or a bool,
// or as text printed verbatim (`raw`, for values Go prints structurally, e.g. maps).
field_error required(std::string field, std::string detail = {});
field_error forbidden(std::string field, std::string detail);
field_error invalid(std::string field, std::string_view value, std::string detail);
field_error invalid(std::string field, int64_t value, std::string detail);
field_error invalid_raw(std::string field, std::string value_text, std::string detail);
field_error duplicate(std::string field, std::string_view value);
field_error not_supported(std::string field, std::string_view value, const std::vector<std::string>& supported);
field_error too_long(std::string field, int64_t max_bytes);
field_error field_immutable(std::string field, std::string_view value);  // Invalid: "field is immutable"

// Go's %q of a string, as field errors and Status messages quote values.
std::string go_quote(std::string_view s);
// Go's %#v of a map[string]string, e.g. map[string]string{"app":"web"}, keys sorted.
std::string go_string_map(const boost::json::object* labels);
// A dotted path with an index or a key appended: "spec.containers" + 0 -> "spec.containers[0]".
std::string index_path(std::string_view path, size_t i);
std::string key_path(std::string_view path, std::string_view key);

// "spec.containers[0].image: Required value", or "[a, b]" for several (duplicates removed), as ToAggregate.
std::string aggregate_message(const field_errors& errs);
// details.causes: [{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"}]
boost::json::array status_causes(const field_errors& errs);
// The Status message: `Pod "web" is invalid: ...`; `qualified_kind` is "Pod" or "Deployment.apps".
std::string invalid_message(std::string_view qualified_kind, std::string_view name, const field_errors& errs);

}  // namespace navarch::api
