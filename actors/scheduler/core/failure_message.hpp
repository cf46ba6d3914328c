// The FailedScheduling event message, worded and ordered as kube-scheduler's FitError and DefaultPreemption
// word it, e.g. "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node
// affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod,
// 2 Preemption is not helpful for scheduling."
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace navarch::scheduler {

struct node_failure {
  std::string node;
  std::vector<std::string> reasons;
  bool unresolvable = false;  // no eviction could make the pod fit there (affinity, taints, cordon)
};

// `all_nodes` counts every node in the snapshot. Navarch does not preempt: nodes short of resources or ports
// report that no victims were found, which is what kube-scheduler says when no pod of lower priority is there.
std::string failed_scheduling_message(size_t all_nodes, const std::vector<node_failure>& failures, bool preempt_never);

}  // namespace navarch::scheduler
