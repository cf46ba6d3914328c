// Validation as the API answers it: a 422 Invalid Status with one cause per field error.
#pragma once

#include <optional>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"
#include "messages/api.hpp"

namespace navarch::api {

struct kind_strategy;

// `old` is the stored object for updates, nullptr for creates.
std::optional<msg::api_response> validate_object(const kind_strategy& r, const boost::json::object& obj,
                                                 const boost::json::object* old);

// The 422 Invalid reply for an object of kind `r` named `name` with these field errors.
msg::api_response invalid_fields(const kind_strategy& r, std::string_view name, const field_errors& errs);

}  // namespace navarch::api
