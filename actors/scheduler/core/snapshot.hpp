// The scheduler cache: every node with the usage of the pods bound or assumed to it. assume() after a decision
// and forget() when a pod goes away keep consecutive decisions aware of earlier ones without rebuilding anything.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/scheduler/core/node_info.hpp"
#include "actors/scheduler/core/pod_info.hpp"

namespace navarch::scheduler {

class cluster_snapshot {
 public:
  // Adds a node or replaces what is known of it; usage of pods already on it is kept.
  void upsert_node(node_info node);
  // Pods on a removed node are remembered and counted again if the node comes back.
  void remove_node(std::string_view name);

  // Counts the pod on `node` (bound, or assumed while its binding is in flight). A pod already known under the
  // same key is moved. The node need not be known yet.
  void assume(const pod_info& pod, std::string_view node);
  // The pod left (deleted, or its binding failed): its usage goes. False when the pod was not known.
  bool forget(std::string_view pod_key);

  const std::vector<node_info>& nodes() const { return nodes_; }
  const node_info* find_node(std::string_view name) const;
  // The node a known pod is counted on.
  std::optional<std::string> node_of(std::string_view pod_key) const;
  // The interned id of an owner uid that has pods in the snapshot.
  std::optional<uint32_t> owner_id(std::string_view owner_uid) const;
  size_t pod_count() const { return pods_.size(); }
  // Zone ids run from 1 to zone_count().
  size_t zone_count() const { return zone_ids_.size(); }

 private:
  struct pod_usage {
    std::string node;
    resources requests;
    resources nonzero_requests;
    std::vector<host_port> ports;
    std::optional<uint32_t> owner;
  };
  struct string_hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using string_map = std::unordered_map<std::string, V, string_hash, std::equal_to<>>;

  static void add_usage(node_info& node, const pod_usage& pod);
  static void remove_usage(node_info& node, const pod_usage& pod);
  node_info* find_mutable(std::string_view name);

  std::vector<node_info> nodes_;
  string_map<size_t> node_index_;
  string_map<pod_usage> pods_;
  string_map<std::vector<std::string>> pods_without_node_;  // node name -> keys of pods waiting for it
  string_map<uint32_t> owner_ids_;
  string_map<uint32_t> zone_ids_;
};

}  // namespace navarch::scheduler
