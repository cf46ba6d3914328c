// Validation as the API answers it: a 422 Invalid Status with one cause per field error.
#pragma once

#include <optional>

#include <boost/json/fwd.hpp>

#include "messages/api.hpp"

namespace navarch::api {

struct resource_info;

// `old` is the stored object for updates, nullptr for creates.
std::optional<msg::api_response> validate_object(const resource_info& r, const boost::json::object& obj,
                                                 const boost::json::object* old);

}  // namespace navarch::api
