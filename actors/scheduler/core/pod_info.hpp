// What the scheduler needs to know about a pod, parsed once from its JSON: effective requests, node selection
// constraints, tolerations, host ports and the controller it belongs to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "actors/scheduler/core/model.hpp"

namespace navarch::scheduler {

// Defaults the scores assume for a container that requests no cpu or memory (schedutil's non-zero requests).
constexpr int64_t default_milli_cpu_request = 100;
constexpr int64_t default_memory_request = 200 * 1024 * 1024;

struct pod_info {
  std::string namespace_name;
  std::string name;
  std::string uid;
  std::string owner_uid;  // uid of the controller ownerReference; empty when none

  // Effective requests: max(sum of containers and sidecars, largest init container step) plus overhead.
  resources requests;
  // The same with unset container requests counted as 100m cpu and 200Mi memory: what the scores weigh.
  resources nonzero_requests;

  api::label_selector node_selector;                             // spec.nodeSelector, as equality requirements
  std::optional<std::vector<node_selector_term>> required_terms;  // required node affinity: any term must match
  std::vector<preferred_term> preferred_terms;
  std::vector<toleration> tolerations;
  std::vector<host_port> host_ports;
  bool preempt_never = false;  // preemptionPolicy: Never

  // "namespace/name": how the snapshot and the scheduling queue know a pod.
  std::string key() const { return namespace_name + "/" + name; }
};

struct pod_info_result {
  pod_info pod;
  std::string error;  // a message naming the offending field
  bool ok() const { return error.empty(); }
};

pod_info_result pod_info_from_json(const boost::json::value& pod);

}  // namespace navarch::scheduler
