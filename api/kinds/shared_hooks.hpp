// Hooks several kinds share.
#pragma once

#include <boost/json/object.hpp>

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

// prepare_for_create of a kind whose controller fills its status: a new object reports nothing yet.
inline void clear_status(boost::json::object& obj, const create_context&) { obj["status"] = boost::json::object{}; }

}  // namespace navarch::api
