// Validation of an object of a kind on create and update, as the real apiserver runs it: metadata (by the kind's
// scope and name rule), then the kind's own rules; on update also the metadata and the kind's update rules. An
// empty result means valid; otherwise build a 422 Invalid Status with invalid_message() and status_causes().
#pragma once

#include <boost/json/fwd.hpp>

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

// Objects are validated after defaulting.
field_errors validate_create(const kind_strategy& kind, const boost::json::value& obj);
field_errors validate_update(const kind_strategy& kind, const boost::json::value& obj, const boost::json::value& old);

}  // namespace navarch::api
