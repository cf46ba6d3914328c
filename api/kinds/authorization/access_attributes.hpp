// What the access reviews share: the attributes in their spec (resourceAttributes or nonResourceAttributes,
// exactly one), and the status an authorizer's decision becomes.
#pragma once

#include <boost/json/fwd.hpp>

#include "api/auth/authorizer.hpp"
#include "api/validation/field_error.hpp"

namespace navarch::api {

void validate_access_attributes(const boost::json::value& review, field_errors& errs);
auth::request_attributes access_attributes(const boost::json::value& review);
// status: {allowed, denied (when true), reason}
void set_access_status(boost::json::object& review, const auth::decision& d);
// The user a review's spec or status names, as JSON (UserInfo).
boost::json::object user_info_json(const auth::user_info& user);

}  // namespace navarch::api
