// Pod spec rules (ValidatePodSpec, the core of it) for pods and for the pod templates of workloads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api {

// `spec` may be absent (nullptr); `path` is "spec" for pods, "spec.template.spec" for templates.
void validate_pod_spec(const boost::json::value* spec, std::string_view path, field_errors& errs);

// A pod template ("spec.template"): labels, then its spec; `restart_policies` lists the ones the owner allows.
void validate_pod_template(const boost::json::value* tmpl, std::string_view path,
                           const std::vector<std::string>& restart_policies, field_errors& errs);

}  // namespace navarch::api
