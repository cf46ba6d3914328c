// What the scheduler knows about a node: what it is (from the Node JSON) and what the pods bound or assumed to it
// use (maintained by cluster_snapshot).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "actors/scheduler/core/model.hpp"

namespace navarch::scheduler {

struct node_info {
  std::string name;
  boost::json::object labels;
  std::vector<taint> taints;
  bool unschedulable = false;
  resources allocatable;
  int64_t allowed_pods = 0;
  std::string zone;      // region and zone labels joined, for spreading across zones; empty when unlabelled
  uint32_t zone_id = 0;  // the zone interned by the snapshot, from 1; 0 without a zone

  // Usage by the pods on the node.
  resources requested;
  resources nonzero_requested;
  int64_t pod_count = 0;
  std::vector<host_port> used_ports;                     // one entry per pod port, duplicates kept
  std::vector<std::pair<uint32_t, int32_t>> owner_pods;  // interned owner uid -> pods of that owner here

  int32_t pods_of_owner(uint32_t owner) const {
    for (const auto& [o, n] : owner_pods)
      if (o == owner) return n;
    return 0;
  }
};

struct node_info_result {
  node_info node;
  std::string error;
  bool ok() const { return error.empty(); }
};

// Reads metadata (name, labels), spec (taints, unschedulable) and status.allocatable (cpu, memory, pods).
node_info_result node_info_from_json(const boost::json::value& node);

}  // namespace navarch::scheduler
