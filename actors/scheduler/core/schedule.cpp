#include "actors/scheduler/core/schedule.hpp"

#include <algorithm>

#include "actors/scheduler/core/filters.hpp"
#include "actors/scheduler/core/scores.hpp"

namespace navarch::scheduler {

uint64_t schedule_cursor::next_random() {
  // splitmix64: small, fast and the same on every platform.
  uint64_t z = (random_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

size_t feasible_nodes_to_find(size_t all_nodes, int percentage) {
  constexpr size_t min_nodes = 100;
  constexpr int min_percentage = 5;
  if (all_nodes < min_nodes || percentage >= 100) return all_nodes;
  if (percentage <= 0) percentage = std::max<int>(min_percentage, 50 - int(all_nodes / 125));
  return std::max(min_nodes, all_nodes * size_t(percentage) / 100);
}

namespace {

// Weighted totals of every score for the feasible nodes.
std::vector<int64_t> total_scores(const pod_info& pod, const cluster_snapshot& snapshot,
                                  const std::vector<const node_info*>& nodes, const score_weights& w) {
  const size_t n = nodes.size();
  std::vector<int64_t> total(n, 0), raw(n, 0);
  for (size_t i = 0; i < n; ++i)
    total[i] = w.least_allocated * least_allocated_score(pod, *nodes[i]) +
               w.balanced_allocation * balanced_allocation_score(pod, *nodes[i]);

  auto add_normalized = [&](auto&& score_of, bool reverse, int64_t weight) {
    for (size_t i = 0; i < n; ++i) raw[i] = score_of(*nodes[i]);
    normalize_scores(raw, reverse);
    for (size_t i = 0; i < n; ++i) total[i] += weight * raw[i];
  };
  if (!pod.preferred_terms.empty())  // without terms every node scores 0
    add_normalized([&](const node_info& node) { return preferred_affinity_score(pod, node); }, false, w.node_affinity);
  add_normalized([&](const node_info& node) { return intolerable_prefer_no_schedule(pod, node); }, true,
                 w.taint_toleration);

  auto owner = pod.owner_uid.empty() ? std::nullopt : snapshot.owner_id(pod.owner_uid);
  if (!owner) {
    for (auto& t : total) t += w.spreading * max_node_score;
  } else {
    std::vector<uint32_t> zones(n);
    for (size_t i = 0; i < n; ++i) {
      raw[i] = nodes[i]->pods_of_owner(*owner);
      zones[i] = nodes[i]->zone_id;
    }
    normalize_spreading(raw, zones, snapshot.zone_count());
    for (size_t i = 0; i < n; ++i) total[i] += w.spreading * raw[i];
  }
  return total;
}

}  // namespace

schedule_result schedule(const pod_info& pod, const cluster_snapshot& snapshot, const schedule_options& options,
                         schedule_cursor& cursor) {
  schedule_result result;
  const auto& all = snapshot.nodes();
  const size_t n = all.size();
  if (n == 0) {
    result.message = failed_scheduling_message(0, {}, pod.preempt_never);
    return result;
  }
  const size_t wanted = feasible_nodes_to_find(n, options.percentage_of_nodes_to_score);
  const size_t start = cursor.next_start_node % n;
  std::vector<const node_info*> feasible;
  feasible.reserve(wanted);
  std::vector<std::pair<const node_info*, filter_status>> rejected;
  size_t processed = 0;
  for (; processed < n && feasible.size() < wanted; ++processed) {
    const node_info& node = all[(start + processed) % n];
    filter_status s = run_filters(pod, node);
    if (s.fits()) feasible.push_back(&node);
    else rejected.emplace_back(&node, s);
  }
  cursor.next_start_node = (start + processed) % n;
  result.evaluated_nodes = processed;
  result.feasible_nodes = feasible.size();

  if (feasible.empty()) {
    for (const auto& [node, s] : rejected) result.failures.push_back({node->name, s.reasons(), s.unresolvable()});
    result.message = failed_scheduling_message(n, result.failures, pod.preempt_never);
    return result;
  }
  if (feasible.size() == 1) {  // nothing to compare
    result.node = feasible[0]->name;
    return result;
  }
  auto totals = total_scores(pod, snapshot, feasible, options.weights);
  // Reservoir sampling over the best: each tied node is equally likely, and the draw is reproducible.
  size_t best = 0, ties = 1;
  for (size_t i = 1; i < totals.size(); ++i) {
    if (totals[i] > totals[best]) {
      best = i;
      ties = 1;
    } else if (totals[i] == totals[best] && cursor.next_random() % ++ties == 0) {
      best = i;
    }
  }
  result.node = feasible[best]->name;
  result.score = totals[best];
  return result;
}

}  // namespace navarch::scheduler
