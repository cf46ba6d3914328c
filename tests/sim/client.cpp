#include "tests/sim/client.hpp"

#include <map>

#include "tests/sim/cluster.hpp"

namespace navarch::sim {

client::client(cluster& c, endpoint self, int index) : c_(c), self_(self), index_(index) {}

void client::start() {
  c_.sched.after(c_.sched.uniform(0, 20), [this] { next_op(); });
}

void client::next_op() {
  if (stopped_)
    return;
  issue();
}

raft::node_id client::pick_target() {
  if (leader_guess_ != raft::no_node)
    return leader_guess_;
  return static_cast<raft::node_id>(c_.sched.uniform(1, c_.replica_count()));
}

void client::issue() {
  auto& s = c_.sched;
  auto think = [this] { c_.sched.after(c_.sched.uniform(1, 15), [this] { next_op(); }); };
  int64_t roll = s.uniform(0, 99);
  if (roll < 4 && !watch_) {
    open_watch(seen_revision_ + 1);
    return think();
  }
  if (roll < 6 && watch_ && !cancel_sent_) {
    cancel_watch();
    return think();
  }
  if (roll < 8) {
    if (seen_revision_ > 4) {
      raft::node_id target = pick_target();
      int64_t rev = seen_revision_ - s.uniform(2, 4);
      c_.net.send_request(self_, target, [&c = c_, target, rev] { c.at(target).compact(rev); });
    }
    return think();
  }
  kv_op op;
  op.client = index_;
  op.key = "k" + std::to_string(s.uniform(0, c_.opt.keys - 1));
  op.kind = roll < 45 ? kv_op::put : roll < 75 ? kv_op::get : kv_op::cas;
  msg::txn_request txn;
  if (op.kind != kv_op::get) {
    op.value = "c" + std::to_string(index_) + "-" + std::to_string(++next_value_);
    txn.success.push_back(msg::request_op{msg::request_op::put, op.key, "", op.value, false});
  }
  if (op.kind == kv_op::cas) {
    // Compare against a value this client saw for the key (or absence), so some succeed and some fail.
    if (s.chance(0.8) && last_seen_.count(op.key))
      op.expected = last_seen_[op.key];
    msg::compare cmp;
    cmp.key = op.key;
    if (op.expected) {
      cmp.target = msg::compare::value;
      cmp.text = *op.expected;
    } else {
      cmp.target = msg::compare::version;
      cmp.number = 0;
    }
    txn.compares.push_back(cmp);
  }
  op.call = c_.next_stamp();
  uint64_t req = ++next_req_;
  out_ = outstanding{req, c_.ops.size()};
  c_.ops.push_back(op);
  raft::node_id target = pick_target();
  endpoint self = self_;
  if (op.kind == kv_op::get)
    c_.net.send_request(self_, target, [&c = c_, target, self, req, key = op.key] { c.at(target).read(self, req, key); });
  else
    c_.net.send_request(self_, target, [&c = c_, target, self, req, txn] { c.at(target).write(self, req, txn); });
  s.after(c_.opt.request_timeout, [this, req] { timeout(req); });
}

void client::on_reply(uint64_t req, const reply& r) {
  if (!out_ || out_->req != req)
    return;  // answered after its timeout: the outcome stays unknown in the history
  kv_op& op = c_.ops[*out_->op];
  out_.reset();
  if (r.status != reply::ok) {
    op.failed = true;
    leader_guess_ = r.leader_hint;
  } else {
    op.ret = c_.next_stamp();
    op.observed = r.value;
    op.succeeded = r.succeeded;
    seen_revision_ = std::max(seen_revision_, r.revision);
    if (op.kind == kv_op::get && r.value)
      last_seen_[op.key] = *r.value;
    else if (op.kind != kv_op::get && (op.kind == kv_op::put || r.succeeded))
      last_seen_[op.key] = op.value;
  }
  c_.sched.after(c_.sched.uniform(1, 15), [this] { next_op(); });
}

void client::timeout(uint64_t req) {
  if (!out_ || out_->req != req)
    return;
  out_.reset();
  leader_guess_ = raft::no_node;  // try someone else next
  next_op();
}

// ---- watches ---------------------------------------------------------------------------------------------------

void client::open_watch(int64_t start) {
  watch_ = c_.watches.size();
  c_.watches.push_back(watch_session{index_, c_.watches.size() + 1, start, {}, false, 0, 0});
  cancel_sent_ = false;
  connect_watch();
}

void client::connect_watch() {
  std::size_t sess = *watch_;
  uint64_t gen = ++watch_generation_;
  raft::node_id target = static_cast<raft::node_id>(c_.sched.uniform(1, c_.replica_count()));
  watch_replica_ = target;
  auto s = std::make_shared<stream>(c_.net, target, self_);
  s->on_batch = [this, sess, gen](const watch_batch& b) { on_watch_batch(sess, gen, b); };
  s->on_break = [this, sess, gen] { on_watch_break(sess, gen); };
  watch_stream_ = s;
  const watch_session& w = c_.watches[sess];
  int64_t from = w.events.empty() ? w.start_revision : w.events.back().kv.mod_revision + 1;
  uint64_t id = w.id;
  endpoint self = self_;
  // Opening a stream either reaches the replica or fails visibly (like a gRPC stream that cannot connect).
  c_.sched.after(c_.sched.uniform(1, 6), [&c = c_, target, self, id, from, s] {
    if (c.net.linked(self, target))
      c.at(target).watch(self, id, from, s);
    else
      s->fail(c.sched.uniform(5, 30));
  });
}

void client::cancel_watch() {
  cancel_sent_ = true;
  raft::node_id target = watch_replica_;
  uint64_t id = c_.watches[*watch_].id;
  c_.net.send_request(self_, target, [&c = c_, target, id] { c.at(target).cancel_watch(id); });
}

void client::on_watch_batch(std::size_t session, uint64_t generation, const watch_batch& b) {
  watch_session& w = c_.watches[session];
  if (w.canceled) {
    w.events_after_cancel += static_cast<int>(b.events.size());
    return;
  }
  if (!watch_ || *watch_ != session || generation != watch_generation_)
    return;  // an older connection's leftovers
  for (const auto& e : b.events) {
    w.events.push_back(e);
    seen_revision_ = std::max(seen_revision_, e.kv.mod_revision);
  }
  if (b.canceled) {
    w.canceled = true;
    w.compacted_at = b.compact_revision;
    watch_.reset();
    // Keep listening on the stream: anything more on it is a violation the validator reports.
  }
}

void client::on_watch_break(std::size_t session, uint64_t generation) {
  if (!watch_ || *watch_ != session || generation != watch_generation_)
    return;
  if (cancel_sent_) {
    watch_.reset();  // the replica forgot the watch with the connection: canceled either way
    return;
  }
  c_.sched.after(c_.sched.uniform(10, 50), [this, session, generation] {
    if (watch_ && *watch_ == session && generation == watch_generation_)
      connect_watch();
  });
}

}  // namespace navarch::sim
