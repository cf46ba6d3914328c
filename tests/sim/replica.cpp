#include "tests/sim/replica.hpp"

#include <stdexcept>
#include <variant>

#include "tests/sim/cluster.hpp"

namespace navarch::sim {

namespace {

const std::string watch_key = "k";  // every watch covers the whole key space of the simulation: [k, l)
const std::string watch_end = "l";
constexpr uint64_t no_reply = 0;  // the token of requests nobody waits for (compactions)

}  // namespace

replica::replica(cluster& c, raft::node_id id, std::vector<raft::node_id> peers)
    : c_(c), id_(id), peers_(std::move(peers)) {
  disk_.power_fails = [this] { return c_.sched.chance(c_.crash_chance()); };
  disk_.lies_about_sync = c_.opt.bug.ack_before_sync;
}

void replica::start() {
  ++incarnation_;
  store::replica_options o;
  o.id = id_;
  o.peers = peers_;
  o.max_msg_bytes = 4096;
  o.max_inflight = 8;
  o.snapshot_every = c_.opt.snapshot_every;
  o.snapshot_keep = 4;
  o.seed = c_.sched.rng()();
  core_ = std::make_unique<store::replica_core>(o, disk_);
  core_->send_before_sync = [this](std::vector<raft::message>&& msgs) {
    for (const auto& m : msgs)
      c_.send_raft(m);
  };
  core_->on_apply = [this](uint64_t index, const std::string& payload, int64_t revision,
                           const std::vector<msg::watch_event>& events) {
    c_.record_apply(id_, index, payload, revision, events);
  };
  c_.note("replica " + std::to_string(id_) + " starts at term " + std::to_string(raft().term()) + ", commit " +
          std::to_string(raft().log().committed()) + ", applied " + std::to_string(applied()));
  process();
}

void replica::crash() {
  if (!up())
    return;
  c_.note("replica " + std::to_string(id_) + " crashes" + (disk_.has_unsynced() ? " losing unsynced writes" : ""));
  ++c_.stats.crashes;
  disk_.crash();
  core_.reset();
  was_leader_ = false;
  requests_.clear();
  for (auto& [id, w] : watchers_)
    w.out->fail(c_.sched.uniform(5, 30));  // the client notices the connection reset
  watchers_.clear();
}

void replica::tick() {
  if (!up())
    return;
  core_->tick();
  process();
}

void replica::receive(const raft::message& m) {
  if (!up())
    return;
  core_->step(m);
  process();
}

void replica::reply_to(endpoint client, uint64_t req, reply r) {
  c_.net.send_request(id_, client, [&c = c_, client, req, r] { c.client_at(client).on_reply(req, r); });
}

// The core refused the request (not the leader): the client retries at the leader it names.
void replica::refuse(uint64_t token) {
  auto r = requests_.extract(token);
  if (r)
    reply_to(r.mapped().client, r.mapped().req, reply{.status = reply::not_leader, .leader_hint = core_->leader()});
}

void replica::write(endpoint client, uint64_t req, const msg::txn_request& txn) {
  if (!up())
    return;
  uint64_t token = ++next_token_;
  requests_[token] = request{client, req};
  if (!core_->txn(token, txn))
    return refuse(token);
  process();
}

void replica::compact(int64_t revision) {
  if (!up())
    return;
  if (core_->compact(no_reply, revision))
    process();
}

void replica::read(endpoint client, uint64_t req, const std::string& key) {
  if (!up())
    return;
  uint64_t token = ++next_token_;
  requests_[token] = request{client, req};
  msg::range_request q;
  q.key = key;
  if (!core_->read(token, q))
    return refuse(token);
  process();
}

void replica::watch(endpoint client, uint64_t watch_id, int64_t start, std::shared_ptr<stream> s) {
  if (!up()) {
    s->fail(c_.sched.uniform(5, 30));
    return;
  }
  watchers_[watch_id] = watcher{client, start, start, true, std::move(s)};
  uint64_t inc = incarnation_;
  watchers_[watch_id].out->on_drain = [this, watch_id, inc] {
    if (up() && incarnation_ == inc && watchers_.count(watch_id) && watchers_[watch_id].unsynced)
      resync(watch_id);
  };
  resync(watch_id);
}

void replica::cancel_watch(uint64_t watch_id) {
  if (!up() || !watchers_.count(watch_id))
    return;
  end_watch(watch_id, 0);
}

void replica::transfer_leadership(raft::node_id to) {
  if (!up())
    return;
  core_->transfer_leadership(to);
  process();
}

void replica::end_watch(uint64_t watch_id, int64_t compact_revision) {
  auto w = watchers_.extract(watch_id);
  w.mapped().out->send(watch_batch{{}, true, compact_revision});
}

void replica::process() {
  store::replica_output out;
  try {
    out = core_->process();
  } catch (const power_loss&) {
    crash();
    c_.sched.after(c_.sched.uniform(20, 200), [this] { start(); });
    return;
  }
  if (!was_leader_ && core_->is_leader()) {
    ++c_.stats.elections;
    c_.note("replica " + std::to_string(id_) + " leads term " + std::to_string(raft().term()));
  }
  was_leader_ = core_->is_leader();
  handle(out);
}

void replica::handle(store::replica_output& out) {
  for (const auto& m : out.messages)
    c_.send_raft(m);
  if (out.restored) {
    ++c_.stats.snapshots_installed;
    resync_all();
  }
  for (const auto& rev : out.committed)
    notify(rev.revision, rev.events);
  for (auto& r : out.replies) {
    auto pending = requests_.extract(r.token);
    if (!pending)
      continue;
    const request& to = pending.mapped();
    if (auto* txn = std::get_if<msg::txn_response>(&r.body)) {
      // An unknown outcome gets no answer: the client times out and records "may or may not have happened".
      if (txn->error == msg::store_outcome_unknown)
        continue;
      reply rep{.status = txn->error == msg::store_ok ? reply::ok : reply::failed, .succeeded = txn->succeeded,
                .revision = txn->revision};
      reply_to(to.client, to.req, rep);
    } else if (auto* range = std::get_if<msg::range_response>(&r.body)) {
      reply rep{.revision = range->revision};
      if (!range->kvs.empty())
        rep.value = range->kvs[0].value;
      reply_to(to.client, to.req, rep);
    }
  }
  for (auto& [token, req] : out.bounced_reads)
    refuse(token);
}

void replica::resync_all() {
  std::vector<uint64_t> ids;
  for (auto& [id, w] : watchers_) {
    if (c_.opt.bug.watch_restart_after_snapshot)
      w.next = w.start;  // the bug: replays what the client already has
    w.unsynced = true;
    ids.push_back(id);
  }
  for (uint64_t id : ids)
    resync(id);
}

// ---- watches ---------------------------------------------------------------------------------------------------

void replica::notify(int64_t revision, const std::vector<msg::watch_event>& events) {
  std::vector<msg::watch_event> mine;
  for (const auto& e : events)
    if (store::in_range(e.kv.key, watch_key, watch_end))
      mine.push_back(e);
  if (mine.empty())
    return;
  for (auto& [id, w] : watchers_) {
    if (w.unsynced || revision < w.next)
      continue;
    if (w.out->queued() >= c_.opt.watch_buffer) {
      if (c_.opt.bug.drop_events_when_stream_full)
        w.next = revision + 1;  // the bug: skips what did not fit
      else
        w.unsynced = true;  // catch up from history once the stream drains
      continue;
    }
    w.out->send(watch_batch{mine, false, 0});
    w.next = revision + 1;
  }
}

void replica::resync(uint64_t watch_id) {
  watcher& w = watchers_.at(watch_id);
  if (w.out->broken()) {
    watchers_.erase(watch_id);
    return;
  }
  if (w.out->queued() >= c_.opt.watch_buffer)
    return;  // still starved: wait for the next drain
  auto h = kv().events_since(watch_key, watch_end, w.next);
  if (h.error == msg::store_compacted) {
    end_watch(watch_id, h.compact_revision);
    return;
  }
  if (!h.events.empty()) {
    w.next = h.events.back().kv.mod_revision + 1;
    w.out->send(watch_batch{std::move(h.events), false, 0});
  }
  w.unsynced = false;
}

}  // namespace navarch::sim
