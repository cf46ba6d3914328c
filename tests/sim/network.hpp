// The simulated network between replicas and clients: per-message delay (so reordering), loss, duplication and
// partitions. Raft traffic is datagram-like (may be duplicated); client requests ride a connection (lost, never
// duplicated); watch events ride an ordered stream that breaks when a partition cuts it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <utility>

#include "tests/sim/history.hpp"
#include "tests/sim/scheduler.hpp"

namespace navarch::sim {

using endpoint = uint64_t;  // replicas are 1..N, clients 100+

struct net_faults {
  double drop = 0;       // raft messages and client requests/replies
  double duplicate = 0;  // raft messages only
  sim_time min_delay = 1;
  sim_time max_delay = 5;
  sim_time stream_extra_delay = 0;  // a starved watch stream: each batch takes this much longer
};

class network {
 public:
  explicit network(scheduler& s) : s_(s) {}

  net_faults faults;

  void send_datagram(endpoint from, endpoint to, std::function<void()> deliver);
  void send_request(endpoint from, endpoint to, std::function<void()> deliver);

  void cut(endpoint a, endpoint b) {
    cut_.insert({a, b});
    cut_.insert({b, a});
  }
  void heal() { cut_.clear(); }
  bool linked(endpoint a, endpoint b) const { return !cut_.count({a, b}); }

  scheduler& sched() { return s_; }

 private:
  void deliver_later(endpoint from, endpoint to, std::function<void()> deliver);

  scheduler& s_;
  std::set<std::pair<endpoint, endpoint>> cut_;
};

// An ordered one-way stream of watch batches (replica to client), like a watch's gRPC stream. Broken for good when
// a batch meets a partition or the replica crashes; the sender sees broken(), the receiver gets on_break.
class stream : public std::enable_shared_from_this<stream> {
 public:
  stream(network& net, endpoint from, endpoint to) : net_(net), from_(from), to_(to) {}

  // Queues a batch; false (and nothing sent) when the stream is broken.
  bool send(watch_batch b);
  // The connection dies: the receiver learns it after `detect` ms.
  void fail(sim_time detect);
  std::size_t queued() const { return queued_; }
  bool broken() const { return broken_; }
  void close() { broken_ = true; }  // the receiver hangs up (no callback)

  std::function<void(const watch_batch&)> on_batch;  // the receiver's side
  std::function<void()> on_break;                     // the receiver's side
  std::function<void()> on_drain;  // the sender's side: a batch was delivered, there is room again

 private:
  void do_break();

  network& net_;
  endpoint from_, to_;
  std::size_t queued_ = 0;
  sim_time last_delivery_ = 0;
  bool broken_ = false;
};

}  // namespace navarch::sim
