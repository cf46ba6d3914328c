// One scheduling decision, as kube-scheduler's schedule_one: run the filters over the nodes starting where the
// previous decision stopped, stop once enough feasible nodes are found, score those, pick the best (ties drawn
// from a seeded generator), or explain why no node fits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "actors/scheduler/core/failure_message.hpp"
#include "actors/scheduler/core/pod_info.hpp"
#include "actors/scheduler/core/snapshot.hpp"

namespace navarch::scheduler {

// kube-scheduler's default plugin weights.
struct score_weights {
  int64_t least_allocated = 1;
  int64_t balanced_allocation = 1;
  int64_t node_affinity = 2;
  int64_t taint_toleration = 3;
  int64_t spreading = 2;
};

struct schedule_options {
  // Share of the nodes to find feasible before scoring; 0 is adaptive (50% - nodes/125, at least 5%). Never fewer
  // than 100 nodes.
  int percentage_of_nodes_to_score = 0;
  score_weights weights;
};

// What carries over between decisions: where the next search starts and the tie-breaking generator.
struct schedule_cursor {
  size_t next_start_node = 0;
  uint64_t random_state = 0;  // the seed

  uint64_t next_random();
};

struct schedule_result {
  std::string node;            // the chosen node; empty when none fits
  int64_t score = 0;           // its weighted total; 0 when it was the only feasible node (nothing to score)
  size_t evaluated_nodes = 0;  // nodes run through the filters
  size_t feasible_nodes = 0;   // of which passed
  std::vector<node_failure> failures;  // every node's reasons, when none fits
  std::string message;                 // the FailedScheduling message, when none fits
  bool scheduled() const { return !node.empty(); }
};

// How many feasible nodes to find before scoring, out of `all_nodes` (numFeasibleNodesToFind).
size_t feasible_nodes_to_find(size_t all_nodes, int percentage_of_nodes_to_score);

schedule_result schedule(const pod_info& pod, const cluster_snapshot& snapshot, const schedule_options& options,
                         schedule_cursor& cursor);

}  // namespace navarch::scheduler
