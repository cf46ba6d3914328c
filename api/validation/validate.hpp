// Validation of API objects on create and update, as the real apiserver's strategies do it for the built-in
// kinds (metadata for any other). An empty result means valid; otherwise build a 422 Invalid Status from it
// with invalid_message() and status_causes() (field_error.hpp).
#pragma once

#include <string_view>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api {

// `resource` is the plural resource name ("pods", "deployments", ...). Objects are validated after defaulting.
field_errors validate_create(std::string_view resource, const boost::json::value& obj);
field_errors validate_update(std::string_view resource, const boost::json::value& obj, const boost::json::value& old);

}  // namespace navarch::api
