#include "tests/sim/replica.hpp"

#include <cstring>
#include <stdexcept>

#include "actors/store/wal_codec.hpp"
#include "tests/sim/cluster.hpp"

namespace navarch::sim {

namespace {

// The snapshot's content: every applied command, length-prefixed. Replaying them rebuilds the MVCC state with its
// history and revisions exactly (mvcc has no state dump of its own yet).
std::string pack(const std::vector<std::string>& cmds) {
  std::string out;
  for (const auto& c : cmds) {
    uint32_t n = static_cast<uint32_t>(c.size());
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    out += c;
  }
  return out;
}

std::vector<std::string> unpack(const std::string& data) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < data.size()) {
    uint32_t n = 0;
    if (pos + sizeof n > data.size())
      throw std::runtime_error("sim: torn snapshot");
    std::memcpy(&n, data.data() + pos, sizeof n);
    pos += sizeof n;
    if (pos + n > data.size())
      throw std::runtime_error("sim: torn snapshot");
    out.push_back(data.substr(pos, n));
    pos += n;
  }
  return out;
}

const std::string watch_key = "k";  // every watch covers the whole key space of the simulation: [k, l)
const std::string watch_end = "l";

}  // namespace

replica::replica(cluster& c, raft::node_id id, std::vector<raft::node_id> peers)
    : c_(c), id_(id), peers_(std::move(peers)) {}

void replica::start() {
  ++incarnation_;
  kv_ = store::mvcc();
  commands_.clear();
  applied_ = 0;
  raft::snapshot snap = disk_.storage().latest_snapshot();
  if (!snap.empty())
    restore(snap);
  raft::config cfg;
  cfg.id = id_;
  cfg.peers = peers_;
  cfg.applied = applied_;
  cfg.max_msg_bytes = 4096;
  cfg.max_inflight = 8;
  cfg.seed = c_.sched.rng()();
  node_ = std::make_unique<raft::node>(cfg, disk_.storage());
  c_.note("replica " + std::to_string(id_) + " starts at term " + std::to_string(node_->term()) + ", commit " +
          std::to_string(node_->log().committed()) + ", applied " + std::to_string(applied_));
  process();
}

void replica::crash() {
  if (!up())
    return;
  c_.note("replica " + std::to_string(id_) + " crashes" + (disk_.has_unsynced() ? " losing unsynced writes" : ""));
  ++c_.stats.crashes;
  disk_.crash();
  node_.reset();
  writes_.clear();
  reads_.clear();
  for (auto& [id, w] : watchers_)
    w.out->fail(c_.sched.uniform(5, 30));  // the client notices the connection reset
  watchers_.clear();
}

void replica::tick() {
  if (!up())
    return;
  node_->tick();
  process();
}

void replica::receive(const raft::message& m) {
  if (!up())
    return;
  node_->step(m);
  process();
}

void replica::reply_to(endpoint client, uint64_t req, reply r) {
  c_.net.send_request(id_, client, [&c = c_, client, req, r] { c.client_at(client).on_reply(req, r); });
}

void replica::write(endpoint client, uint64_t req, const msg::txn_request& txn) {
  if (!up())
    return;
  store::wal_command cmd;
  cmd.kind = store::wal_command::txn;
  cmd.request = txn;
  uint64_t index = node_->propose(store::encode(cmd));
  if (index == 0) {
    reply_to(client, req, reply{.status = reply::not_leader, .leader_hint = node_->leader()});
    return;
  }
  writes_[index] = pending_write{client, req, node_->term()};
  process();
}

void replica::compact(int64_t revision) {
  if (!up())
    return;
  store::wal_command cmd;
  cmd.kind = store::wal_command::compact;
  cmd.compact_revision = revision;
  node_->propose(store::encode(cmd));
  process();
}

void replica::read(endpoint client, uint64_t req, const std::string& key) {
  if (!up())
    return;
  std::string ctx = std::to_string(id_) + "/" + std::to_string(incarnation_) + "/" + std::to_string(++read_seq_);
  if (!node_->read_index(ctx)) {
    reply_to(client, req, reply{.status = reply::not_leader, .leader_hint = node_->leader()});
    return;
  }
  reads_[ctx] = pending_read{client, req, key};
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
  node_->transfer_leader(to);
  process();
}

void replica::end_watch(uint64_t watch_id, int64_t compact_revision) {
  auto w = watchers_.extract(watch_id);
  w.mapped().out->send(watch_batch{{}, true, compact_revision});
}

// ---- the Ready loop: persist, send, apply ---------------------------------------------------------------------

void replica::process() {
  while (up() && node_->has_ready()) {
    raft::ready rd = node_->get_ready();
    if (rd.soft_changed && rd.soft.state == raft::role::leader) {
      ++c_.stats.elections;
      c_.note("replica " + std::to_string(id_) + " leads term " + std::to_string(node_->term()));
    }
    if (c_.opt.bug.ack_before_sync)
      apply_all(rd);  // the bug: answers clients about entries a crash can still take away
    disk_.write(rd);
    if (rd.must_sync() && c_.sched.chance(c_.crash_chance())) {
      crash();
      c_.sched.after(c_.sched.uniform(20, 200), [this] { start(); });
      return;
    }
    disk_.sync();
    for (const auto& m : rd.messages)
      c_.send_raft(m);
    if (!c_.opt.bug.ack_before_sync)
      apply_all(rd);
    node_->advance(rd);
    serve_reads();
    maybe_snapshot();
  }
}

void replica::apply_all(const raft::ready& rd) {
  if (!rd.snap.empty()) {
    ++c_.stats.snapshots_installed;
    restore(rd.snap);
  }
  for (const auto& e : rd.committed)
    apply(e);
  for (const auto& rs : rd.read_states) {
    auto it = reads_.find(rs.context);
    if (it != reads_.end())
      it->second.index = rs.index;
  }
}

void replica::apply(const raft::entry& e) {
  if (e.index <= applied_)
    return;  // the bug mode applies before advance and may see an entry twice
  applied_ = e.index;
  auto pending = writes_.extract(e.index);
  if (e.type != raft::entry_type::normal || e.data.empty()) {
    if (pending)
      reply_to(pending.mapped().client, pending.mapped().req, reply{.status = reply::failed});
    return;
  }
  store::wal_command cmd;
  if (!store::decode(e.data, cmd))
    throw std::runtime_error("sim: undecodable log entry");
  commands_.push_back(e.data);
  if (cmd.kind == store::wal_command::compact) {
    kv_.compact(cmd.compact_revision);
    c_.record_apply(id_, e.index, e.data, 0, {});
    return;
  }
  store::txn_result r = kv_.txn(cmd.request);
  c_.record_apply(id_, e.index, e.data, r.events.empty() ? 0 : r.response.revision, r.events);
  if (pending) {
    // Our proposal's slot holds another leader's entry: ours was overwritten and never takes effect.
    bool ours = pending.mapped().term == e.term;
    reply rep{.status = ours ? reply::ok : reply::failed, .succeeded = r.response.succeeded,
              .revision = r.response.revision};
    reply_to(pending.mapped().client, pending.mapped().req, rep);
  }
  if (!r.events.empty())
    notify(r.response.revision, r.events);
}

void replica::restore(const raft::snapshot& s) {
  kv_ = store::mvcc();
  commands_ = unpack(s.data);
  for (const auto& payload : commands_) {
    store::wal_command cmd;
    if (!store::decode(payload, cmd))
      throw std::runtime_error("sim: undecodable snapshot command");
    if (cmd.kind == store::wal_command::compact)
      kv_.compact(cmd.compact_revision);
    else
      kv_.txn(cmd.request);
  }
  applied_ = s.index;
  for (auto it = writes_.begin(); it != writes_.end() && it->first <= s.index;)
    it = writes_.erase(it);  // their outcome is unknown here; the clients time out
  for (auto& [id, w] : watchers_) {
    if (c_.opt.bug.watch_restart_after_snapshot)
      w.next = w.start;  // the bug: replays what the client already has
    w.unsynced = true;
  }
  std::vector<uint64_t> ids;
  for (auto& [id, w] : watchers_)
    ids.push_back(id);
  for (uint64_t id : ids)
    resync(id);
}

void replica::serve_reads() {
  for (auto it = reads_.begin(); it != reads_.end();) {
    const pending_read& r = it->second;
    if (r.index == 0 || r.index > applied_) {
      ++it;
      continue;
    }
    msg::range_request q;
    q.key = r.key;
    auto resp = kv_.range(q);
    reply rep{.revision = resp.revision};
    if (!resp.kvs.empty())
      rep.value = resp.kvs[0].value;
    reply_to(r.client, r.req, rep);
    it = reads_.erase(it);
  }
}

void replica::maybe_snapshot() {
  const auto& st = disk_.storage();
  uint64_t snap_index = st.latest_snapshot().index;
  if (applied_ < snap_index + c_.opt.snapshot_every || applied_ > st.last_index())
    return;
  disk_.storage().create_snapshot(applied_, node_->membership(), pack(commands_));
  // Keep a short tail so a follower slightly behind still gets entries, not a snapshot.
  uint64_t keep = 4;
  if (applied_ > keep && applied_ - keep >= st.first_index())
    disk_.storage().compact(applied_ - keep);
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
  auto h = kv_.events_since(watch_key, watch_end, w.next);
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
