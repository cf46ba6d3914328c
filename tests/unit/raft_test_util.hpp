// A lockstep harness for the Raft core's tests (like etcd's raft_test.go network): nodes with memory storage,
// each Ready persisted, applied and its messages queued; delivery until nothing is left, through a filter.
#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "actors/store/raft/node.hpp"

namespace navarch::raft::test {

struct peer {
  std::unique_ptr<memory_storage> st = std::make_unique<memory_storage>();
  std::unique_ptr<node> n;
  std::vector<entry> applied;  // committed normal entries with data, in apply order
  uint64_t snapshot_index = 0; // last snapshot applied from the leader
  std::vector<read_state> reads;
};

class cluster {
 public:
  explicit cluster(int size, std::function<void(config&)> tweak = {}) : tweak_(std::move(tweak)) {
    std::vector<node_id> ids;
    for (int i = 1; i <= size; ++i)
      ids_.push_back(static_cast<node_id>(i));
    for (node_id id : ids_)
      add(id, ids_);
  }

  // Adds a node; one joining a running cluster is given the current voters.
  void add(node_id id, const std::vector<node_id>& voters) {
    config c;
    c.id = id;
    c.peers = voters;
    c.seed = 42;
    if (tweak_)
      tweak_(c);
    peers[id].n = std::make_unique<node>(c, *peers[id].st);
  }

  // Restarts a node from what its storage holds (as after a crash where everything handed out was persisted).
  void restart(node_id id) {
    config c;
    c.id = id;
    c.peers = ids_;  // used only while storage holds no snapshot
    c.seed = 7;
    if (tweak_)
      tweak_(c);
    peers[id].n = std::make_unique<node>(c, *peers[id].st);
  }

  node& operator[](node_id id) { return *peers.at(id).n; }

  // Persists, applies and collects one Ready of `id`.
  void process(node_id id) {
    peer& p = peers.at(id);
    while (p.n->has_ready()) {
      ready rd = p.n->get_ready();
      if (!rd.snap.empty()) {
        p.st->apply_snapshot(rd.snap);
        p.snapshot_index = rd.snap.index;
      }
      p.st->append(rd.entries);
      if (!rd.hard.empty())
        p.st->set_hard_state(rd.hard);
      for (auto& m : rd.messages)
        queue.push_back(std::move(m));
      for (const auto& e : rd.committed) {
        if (e.type == entry_type::conf_change) {
          conf_change cc;
          ASSERT_TRUE(decode(e.data, cc));
          p.n->apply_conf_change(cc);
        } else if (!e.data.empty()) {
          p.applied.push_back(e);
        }
      }
      for (auto& r : rd.read_states)
        p.reads.push_back(r);
      p.n->advance(rd);
    }
  }

  // Delivers messages (and the messages they cause) until the cluster is quiet.
  void stabilize() {
    for (int rounds = 0; rounds < 100000; ++rounds) {
      for (auto& [id, p] : peers)
        process(id);
      if (queue.empty())
        return;
      message m = std::move(queue.front());
      queue.pop_front();
      ++delivered[m.type];
      if (cut.count({m.from, m.to}) || !peers.count(m.to) || (drop && drop(m)))
        continue;
      peers.at(m.to).n->step(m);
    }
    FAIL() << "cluster did not stabilize";
  }

  void tick(node_id id, int n = 1) {
    for (int i = 0; i < n; ++i) {
      peers.at(id).n->tick();
      stabilize();
    }
  }
  void tick_all(int n = 1) {
    for (int i = 0; i < n; ++i) {
      for (auto& [id, p] : peers)
        p.n->tick();
      stabilize();
    }
  }
  void elect(node_id id) {
    peers.at(id).n->campaign();
    stabilize();
  }
  void propose(node_id id, const std::string& data) {
    peers.at(id).n->propose(data);
    stabilize();
  }

  void isolate(node_id id) {
    for (auto& [other, p] : peers)
      if (other != id) {
        cut.insert({id, other});
        cut.insert({other, id});
      }
  }
  void heal() { cut.clear(); }

  std::vector<node_id> leaders() {
    std::vector<node_id> out;
    for (auto& [id, p] : peers)
      if (p.n->state() == role::leader)
        out.push_back(id);
    return out;
  }

  std::map<node_id, peer> peers;
  std::deque<message> queue;
  std::set<std::pair<node_id, node_id>> cut;
  std::function<bool(const message&)> drop;
  std::map<msg_type, int> delivered;

 private:
  std::function<void(config&)> tweak_;
  std::vector<node_id> ids_;
};

inline std::vector<std::string> data_of(const std::vector<entry>& es) {
  std::vector<std::string> out;
  for (const auto& e : es)
    out.push_back(e.data);
  return out;
}

// Drains a node's pending Ready, persisting into `st`, and returns the messages it wanted to send.
inline std::vector<message> drain(node& n, memory_storage& st) {
  std::vector<message> out;
  while (n.has_ready()) {
    ready rd = n.get_ready();
    if (!rd.snap.empty())
      st.apply_snapshot(rd.snap);
    st.append(rd.entries);
    if (!rd.hard.empty())
      st.set_hard_state(rd.hard);
    out.insert(out.end(), rd.messages.begin(), rd.messages.end());
    n.advance(rd);
  }
  return out;
}

}  // namespace navarch::raft::test
