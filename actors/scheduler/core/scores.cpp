#include "actors/scheduler/core/scores.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "actors/scheduler/core/filters.hpp"

namespace navarch::scheduler {

namespace {

int64_t least_requested(int64_t requested, int64_t capacity) {
  if (capacity == 0 || requested > capacity) return 0;
  return (capacity - requested) * max_node_score / capacity;
}

}  // namespace

int64_t least_allocated_score(const pod_info& pod, const node_info& node) {
  // cpu and memory weigh 1 each; a resource the node has none of is left out.
  int64_t sum = 0, weights = 0;
  auto add = [&](int64_t requested, int64_t capacity) {
    if (capacity == 0) return;
    sum += least_requested(requested, capacity);
    ++weights;
  };
  add(node.nonzero_requested.milli_cpu + pod.nonzero_requests.milli_cpu, node.allocatable.milli_cpu);
  add(node.nonzero_requested.memory + pod.nonzero_requests.memory, node.allocatable.memory);
  return weights == 0 ? 0 : sum / weights;
}

int64_t balanced_allocation_score(const pod_info& pod, const node_info& node) {
  if (pod.requests.milli_cpu == 0 && pod.requests.memory == 0) return 0;  // best effort: no say, or all pile up
  double fractions[2];
  int n = 0;
  auto add = [&](int64_t requested, int64_t capacity) {
    if (capacity == 0) return;
    fractions[n++] = std::min(1.0, double(requested) / double(capacity));
  };
  add(node.requested.milli_cpu + pod.requests.milli_cpu, node.allocatable.milli_cpu);
  add(node.requested.memory + pod.requests.memory, node.allocatable.memory);
  double deviation = n == 2 ? std::abs(fractions[0] - fractions[1]) / 2 : 0.0;
  return int64_t((1 - deviation) * double(max_node_score));
}

int64_t preferred_affinity_score(const pod_info& pod, const node_info& node) {
  int64_t sum = 0;
  for (const auto& p : pod.preferred_terms)
    if (matches_term(p.term, node)) sum += p.weight;
  return sum;
}

int64_t intolerable_prefer_no_schedule(const pod_info& pod, const node_info& node) {
  int64_t count = 0;
  for (const auto& t : node.taints) {
    if (t.effect != taint_effect::prefer_no_schedule) continue;
    bool tolerated = std::any_of(pod.tolerations.begin(), pod.tolerations.end(), [&](const toleration& tol) {
      return (!tol.effect || *tol.effect == taint_effect::prefer_no_schedule) && tolerates(tol, t);
    });
    if (!tolerated) ++count;
  }
  return count;
}

void normalize_scores(std::span<int64_t> scores, bool reverse) {
  int64_t max = 0;
  for (int64_t s : scores) max = std::max(max, s);
  if (max == 0) {
    if (reverse) std::fill(scores.begin(), scores.end(), max_node_score);
    return;
  }
  for (int64_t& s : scores) {
    s = max_node_score * s / max;
    if (reverse) s = max_node_score - s;
  }
}

void normalize_spreading(std::span<int64_t> counts, std::span<const uint32_t> zones, size_t zone_count) {
  constexpr double zone_weighting = 2.0 / 3.0;
  int64_t max_on_node = 0;
  std::vector<int64_t> per_zone(zone_count + 1, 0);  // [0] gathers the nodes without a zone, and is not used
  for (size_t i = 0; i < counts.size(); ++i) {
    max_on_node = std::max(max_on_node, counts[i]);
    if (zones[i] <= zone_count) per_zone[zones[i]] += counts[i];
  }
  int64_t max_in_zone = 0;
  for (size_t z = 1; z < per_zone.size(); ++z) max_in_zone = std::max(max_in_zone, per_zone[z]);
  const double top = double(max_node_score);
  for (size_t i = 0; i < counts.size(); ++i) {
    double score = max_on_node > 0 ? top * double(max_on_node - counts[i]) / double(max_on_node) : top;
    if (zones[i] != 0 && zones[i] <= zone_count) {
      double zone_score = max_in_zone > 0 ? top * double(max_in_zone - per_zone[zones[i]]) / double(max_in_zone) : top;
      score = score * (1 - zone_weighting) + zone_weighting * zone_score;
    }
    counts[i] = int64_t(score);
  }
}

}  // namespace navarch::scheduler
