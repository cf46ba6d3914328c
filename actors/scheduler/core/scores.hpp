// The scores of kube-scheduler's default profile that concern node placement, each 0..max_node_score per node
// after normalisation: NodeResourcesFit (least allocated), NodeResourcesBalancedAllocation, NodeAffinity
// (preferred terms), TaintToleration (PreferNoSchedule) and spreading the pods of one owner (as SelectorSpread).
#pragma once

#include <cstdint>
#include <span>

#include "actors/scheduler/core/node_info.hpp"
#include "actors/scheduler/core/pod_info.hpp"

namespace navarch::scheduler {

constexpr int64_t max_node_score = 100;

// Free share of cpu and memory once the pod is placed, weighted equally; non-zero requests (100m, 200Mi defaults).
int64_t least_allocated_score(const pod_info& pod, const node_info& node);
// (1 - |cpu fraction - memory fraction| / 2) * 100 with the pod placed; 0 for a pod that requests nothing.
int64_t balanced_allocation_score(const pod_info& pod, const node_info& node);
// Raw: the sum of the weights of the preferred node affinity terms the node matches.
int64_t preferred_affinity_score(const pod_info& pod, const node_info& node);
// Raw: PreferNoSchedule taints the pod does not tolerate (only tolerations with no effect or PreferNoSchedule count).
int64_t intolerable_prefer_no_schedule(const pod_info& pod, const node_info& node);

// kube-scheduler's DefaultNormalizeScore: scale to 0..100 by the maximum; `reverse` turns more into worse.
void normalize_scores(std::span<int64_t> scores, bool reverse);
// Spreading: `counts` holds, per node, the pods of the pod's owner already there; fewer is better, on the node
// (one third) and across its zone (two thirds) when nodes carry zone labels. `zones[i]` is nodes[i]'s zone id,
// from 1 to `zone_count`, or 0 without a zone.
void normalize_spreading(std::span<int64_t> counts, std::span<const uint32_t> zones, size_t zone_count);

}  // namespace navarch::scheduler
