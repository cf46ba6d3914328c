// Deployments, ReplicaSets, DaemonSets and Jobs: selector, template and counts; selector immutability on update.
#pragma once

#include <string_view>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api {

// `resource` is "deployments", "replicasets", "daemonsets" or "jobs".
void validate_workload(std::string_view resource, const boost::json::value& obj, field_errors& errs);
void validate_workload_update(std::string_view resource, const boost::json::value& obj, const boost::json::value& old,
                              field_errors& errs);

}  // namespace navarch::api
