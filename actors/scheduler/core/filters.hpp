// The filters of kube-scheduler's default profile that concern a pod and one node, in its order:
// NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit. A node is rejected by the first
// that fails; only NodeResourcesFit reports several reasons at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "actors/scheduler/core/node_info.hpp"
#include "actors/scheduler/core/pod_info.hpp"

namespace navarch::scheduler {

// v1.Toleration.ToleratesTaint.
bool tolerates(const toleration& t, const taint& taint);
bool tolerates_any(const std::vector<toleration>& tolerations, const taint& taint);

// NodeUnschedulable: a cordoned node takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule.
bool passes_unschedulable(const pod_info& pod, const node_info& node);
// TaintToleration: the first NoSchedule or NoExecute taint the pod does not tolerate, or nullptr.
const taint* untolerated_taint(const pod_info& pod, const node_info& node);
bool matches_term(const node_selector_term& term, const node_info& node);
// NodeAffinity: spec.nodeSelector and the required node affinity terms.
bool matches_node_affinity(const pod_info& pod, const node_info& node);
// NodePorts: a wanted host port already used on the node (0.0.0.0 clashes with every address).
bool host_ports_conflict(const pod_info& pod, const node_info& node);

// NodeResourcesFit: what is short, as bits.
enum insufficient : uint8_t { too_many_pods = 1, insufficient_cpu = 2, insufficient_memory = 4 };
uint8_t insufficient_resources(const pod_info& pod, const node_info& node);

enum class filter_code : uint8_t { fits, unschedulable, untolerated_taint, node_affinity, host_ports, resources };

struct filter_status {
  filter_code code = filter_code::fits;
  uint8_t insufficient = 0;           // with filter_code::resources
  const taint* failed_taint = nullptr;  // with filter_code::untolerated_taint
  bool fits() const { return code == filter_code::fits; }
  // Failures no preemption could cure (UnschedulableAndUnresolvable in kube-scheduler).
  bool unresolvable() const;
  // The reasons as kube-scheduler words them, e.g. "Insufficient cpu", "node(s) were unschedulable".
  std::vector<std::string> reasons() const;
};

filter_status run_filters(const pod_info& pod, const node_info& node);

}  // namespace navarch::scheduler
