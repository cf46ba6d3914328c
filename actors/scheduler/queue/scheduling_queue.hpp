// kube-scheduler's scheduling queue, as a pure structure: pods ready to try (FIFO), pods backing off after a
// failed attempt (1 s doubling to 10 s), and unschedulable pods parked until the cluster changes (or 5 minutes
// pass). Keys are "namespace/name".
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>

namespace navarch::scheduler {

using steady = std::chrono::steady_clock;

struct queue_options {
  std::chrono::milliseconds initial_backoff{1000};
  std::chrono::milliseconds max_backoff{10000};
  std::chrono::milliseconds max_unschedulable{std::chrono::minutes(5)};
};

class scheduling_queue {
 public:
  explicit scheduling_queue(queue_options opts = {});

  // A pod that needs a node (new, or changed while waiting). Already queued pods keep their place.
  void add(const std::string& key);
  // The pod got a node, was deleted, or no longer needs scheduling.
  void remove(const std::string& key);
  // The next pod to try, if any is ready now.
  std::optional<std::string> pop(steady::time_point now);
  // An attempt found no node: park the pod until the cluster changes.
  void unschedulable(const std::string& key, steady::time_point now);
  // An attempt failed for another reason (binding conflict, apiserver error): retry after back-off.
  void retry(const std::string& key, steady::time_point now);
  // Nodes or pods changed in a way that may make parked pods fit: they go back through back-off.
  void cluster_changed(steady::time_point now);
  // When the next parked or backing-off pod becomes ready; nullopt when none waits.
  std::optional<steady::time_point> next_ready() const;

  size_t active_size() const { return active_.size(); }
  size_t waiting_size() const { return waiting_.size(); }
  bool contains(const std::string& key) const;

 private:
  struct waiting_pod {
    steady::time_point ready_at;
    steady::time_point parked_at;
    bool parked = false;  // unschedulable: waits for a cluster change (or max_unschedulable)
  };
  std::chrono::milliseconds backoff_for(const std::string& key);
  void promote(steady::time_point now);

  queue_options opts_;
  std::deque<std::string> active_;
  std::unordered_set<std::string> in_active_;
  std::map<std::string, waiting_pod> waiting_;
  std::map<std::string, int> attempts_;  // failed attempts so far, for the back-off
};

}  // namespace navarch::scheduler
