// Defaulting of a PodSpec, for pods and for the pod templates of workloads (SetDefaults_PodSpec, _Container).
#pragma once

#include <boost/json/fwd.hpp>

namespace navarch::api {

void default_pod_spec(boost::json::object& spec);
// The pod template under a workload's spec (spec.template.spec), created when missing.
void default_pod_template(boost::json::object& workload_spec);

}  // namespace navarch::api
