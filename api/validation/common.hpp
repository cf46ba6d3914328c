// Small checks several kinds share (k8s.io/apimachinery and pkg/apis/core/validation helpers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api {

bool one_of(std::string_view v, const std::vector<std::string>& set);

// SCTP, TCP, UDP: the protocols of container, service and endpoint ports.
const std::vector<std::string>& port_protocols();
// An explicit `protocol` of a port must be one Kubernetes knows (SCTP, TCP, UDP); `path` names the port.
void validate_protocol(const boost::json::value& port, const std::string& path, field_errors& errs);

// spec.<field>, when set, is at least 0.
void validate_non_negative(const boost::json::value& obj, std::string_view spec_field, field_errors& errs);

// ValidateNonnegativeField of a value at any path: "must be greater than or equal to 0".
void validate_non_negative(std::optional<int64_t> v, const std::string& path, field_errors& errs);

// ValidateLabelSelector: matchLabels keys and values, matchExpressions keys, operators and values. `sel` may be
// absent (nothing to check).
void validate_label_selector(const boost::json::value* sel, const std::string& path, field_errors& errs);

// ValidatePositiveIntOrPercent and IsNotMoreThan100Percent, as PodDisruptionBudgets and rolling updates check them.
void validate_int_or_percent(const boost::json::value* v, const std::string& path, field_errors& errs);

// ValidateImmutableField: `Invalid value: <new>: field is immutable` when the two differ (absent equals null).
void validate_immutable(const boost::json::value* now, const boost::json::value* before, const std::string& path,
                        field_errors& errs);

// A value as field errors print it: strings quoted, numbers and booleans bare, null as "null", anything else as
// JSON.
std::string error_value_text(const boost::json::value* v);

// A required string field that must be one of `supported`: Required when empty, Unsupported otherwise.
void validate_enum(std::string_view v, const std::string& path, const std::vector<std::string>& supported,
                   field_errors& errs, bool required_when_empty = true);

}  // namespace navarch::api
