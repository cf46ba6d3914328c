#include "actors/scheduler/core/snapshot.hpp"

#include <algorithm>

namespace navarch::scheduler {

void cluster_snapshot::add_usage(node_info& node, const pod_usage& pod) {
  node.requested += pod.requests;
  node.nonzero_requested += pod.nonzero_requests;
  ++node.pod_count;
  node.used_ports.insert(node.used_ports.end(), pod.ports.begin(), pod.ports.end());
  if (!pod.owner) return;
  for (auto& [o, n] : node.owner_pods)
    if (o == *pod.owner) {
      ++n;
      return;
    }
  node.owner_pods.emplace_back(*pod.owner, 1);
}

void cluster_snapshot::remove_usage(node_info& node, const pod_usage& pod) {
  node.requested -= pod.requests;
  node.nonzero_requested -= pod.nonzero_requests;
  --node.pod_count;
  for (const auto& p : pod.ports)
    if (auto it = std::find(node.used_ports.begin(), node.used_ports.end(), p); it != node.used_ports.end())
      node.used_ports.erase(it);
  if (!pod.owner) return;
  auto it = std::find_if(node.owner_pods.begin(), node.owner_pods.end(), [&](auto& e) { return e.first == *pod.owner; });
  if (it != node.owner_pods.end() && --it->second == 0) node.owner_pods.erase(it);
}

node_info* cluster_snapshot::find_mutable(std::string_view name) {
  auto it = node_index_.find(name);
  return it == node_index_.end() ? nullptr : &nodes_[it->second];
}

const node_info* cluster_snapshot::find_node(std::string_view name) const {
  auto it = node_index_.find(name);
  return it == node_index_.end() ? nullptr : &nodes_[it->second];
}

void cluster_snapshot::upsert_node(node_info node) {
  node.zone_id = 0;
  if (!node.zone.empty()) node.zone_id = zone_ids_.try_emplace(node.zone, uint32_t(zone_ids_.size() + 1)).first->second;
  if (node_info* existing = find_mutable(node.name)) {
    node.requested = existing->requested;
    node.nonzero_requested = existing->nonzero_requested;
    node.pod_count = existing->pod_count;
    node.used_ports = std::move(existing->used_ports);
    node.owner_pods = std::move(existing->owner_pods);
    *existing = std::move(node);
    return;
  }
  node.requested = node.nonzero_requested = {};
  node.pod_count = 0;
  node.used_ports.clear();
  node.owner_pods.clear();
  if (auto waiting = pods_without_node_.find(node.name); waiting != pods_without_node_.end()) {
    for (const auto& key : waiting->second)
      if (auto p = pods_.find(key); p != pods_.end()) add_usage(node, p->second);
    pods_without_node_.erase(waiting);
  }
  node_index_.emplace(node.name, nodes_.size());
  nodes_.push_back(std::move(node));
}

void cluster_snapshot::remove_node(std::string_view name) {
  auto it = node_index_.find(name);
  if (it == node_index_.end()) return;
  size_t index = it->second;
  node_index_.erase(it);
  std::vector<std::string> orphans;
  for (const auto& [key, usage] : pods_)
    if (usage.node == name) orphans.push_back(key);
  if (!orphans.empty()) pods_without_node_[std::string(name)] = std::move(orphans);
  if (index != nodes_.size() - 1) {
    nodes_[index] = std::move(nodes_.back());
    node_index_[nodes_[index].name] = index;
  }
  nodes_.pop_back();
}

void cluster_snapshot::assume(const pod_info& pod, std::string_view node) {
  std::string key = pod.key();
  forget(key);
  pod_usage usage{std::string(node), pod.requests, pod.nonzero_requests, pod.host_ports, std::nullopt};
  if (!pod.owner_uid.empty()) {
    auto [it, added] = owner_ids_.try_emplace(pod.owner_uid, uint32_t(owner_ids_.size()));
    usage.owner = it->second;
  }
  if (node_info* n = find_mutable(node)) add_usage(*n, usage);
  else pods_without_node_[usage.node].push_back(key);
  pods_.insert_or_assign(std::move(key), std::move(usage));
}

bool cluster_snapshot::forget(std::string_view pod_key) {
  auto it = pods_.find(pod_key);
  if (it == pods_.end()) return false;
  if (node_info* n = find_mutable(it->second.node)) {
    remove_usage(*n, it->second);
  } else if (auto w = pods_without_node_.find(it->second.node); w != pods_without_node_.end()) {
    std::erase(w->second, pod_key);
    if (w->second.empty()) pods_without_node_.erase(w);
  }
  pods_.erase(it);
  return true;
}

std::optional<std::string> cluster_snapshot::node_of(std::string_view pod_key) const {
  auto it = pods_.find(pod_key);
  if (it == pods_.end()) return std::nullopt;
  return it->second.node;
}

std::optional<uint32_t> cluster_snapshot::owner_id(std::string_view owner_uid) const {
  auto it = owner_ids_.find(owner_uid);
  if (it == owner_ids_.end()) return std::nullopt;
  return it->second;
}

}  // namespace navarch::scheduler
