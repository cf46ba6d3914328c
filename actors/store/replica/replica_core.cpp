#include "actors/store/replica/replica_core.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "actors/store/mvcc_snapshot.hpp"
#include "actors/store/wal_codec.hpp"

namespace navarch::store {

namespace {

mvcc state_of(const raft::snapshot& s) { return s.empty() ? mvcc() : restore(s.data); }

raft::config raft_config(const replica_options& o, uint64_t applied) {
  raft::config c;
  c.id = o.id;
  c.peers = o.peers;
  c.election_tick = o.election_tick;
  c.heartbeat_tick = o.heartbeat_tick;
  c.applied = applied;
  c.max_msg_bytes = o.max_msg_bytes;
  c.max_inflight = o.max_inflight;
  c.seed = o.seed;
  return c;
}

}  // namespace

replica_reply replica_core::failed(const pending_write& w, int32_t error) {
  if (w.is_compact)
    return replica_reply{w.token, msg::compact_response{error, 0}};
  msg::txn_response r;
  r.error = error;
  return replica_reply{w.token, std::move(r)};
}

namespace {

}  // namespace

replica_core::replica_core(const replica_options& opts, replica_log& log)
    : replica_core(opts, log, log.latest_snapshot()) {}

replica_core::replica_core(const replica_options& opts, replica_log& log, const raft::snapshot& snap)
    : opts_(opts),
      log_(log),
      kv_(state_of(snap)),
      applied_(snap.index),
      snapshot_index_(applied_),
      node_(raft_config(opts, applied_), log),
      read_prefix_(std::to_string(opts.id) + "/" + std::to_string(opts.seed) + "/" +
                   std::to_string(log.initial_hard_state().term) + "/") {
  // A lone voter need not wait out an election timeout to lead (the embedded store starts at once).
  if (node_.membership().voters.size() == 1 && node_.membership().voters[0] == opts.id)
    node_.campaign();
}

void replica_core::tick() { node_.tick(); }

void replica_core::step(const raft::message& m) { node_.step(m); }

void replica_core::transfer_leadership(raft::node_id to) { node_.transfer_leader(to); }

bool replica_core::propose(uint64_t token, std::string payload, bool is_compact) {
  uint64_t index = node_.propose(std::move(payload));
  if (index == 0)
    return false;
  writes_[index] = pending_write{token, node_.term(), is_compact};
  return true;
}

bool replica_core::txn(uint64_t token, const msg::txn_request& req) {
  wal_command cmd;
  cmd.kind = wal_command::txn;
  cmd.request = req;
  return propose(token, encode(cmd), false);
}

bool replica_core::compact(uint64_t token, int64_t revision) {
  wal_command cmd;
  cmd.kind = wal_command::compact;
  cmd.compact_revision = revision;
  return propose(token, encode(cmd), true);
}

bool replica_core::read(uint64_t token, const msg::range_request& req) {
  if (!is_leader())
    return false;
  unissued_reads_.push_back(pending_read{token, req});
  return true;
}

// One ReadIndex round confirms leadership for every read that arrived since the last one.
void replica_core::issue_reads() {
  if (unissued_reads_.empty() || !is_leader())
    return;
  std::string ctx = read_prefix_ + std::to_string(++read_seq_);
  if (!node_.read_index(ctx))
    return;  // no entry of this term committed yet: retried on the next process()
  read_batches_[ctx].reads = std::exchange(unissued_reads_, {});
}

void replica_core::serve_reads(replica_output& out) {
  for (auto it = read_batches_.begin(); it != read_batches_.end();) {
    if (it->second.index == 0 || it->second.index > applied_) {
      ++it;
      continue;
    }
    for (auto& r : it->second.reads)
      out.replies.push_back(replica_reply{r.token, kv_.range(r.req)});
    it = read_batches_.erase(it);
  }
}

// A replica that stopped leading never gets read states for its open rounds; their reads go to the new leader.
void replica_core::bounce_reads(replica_output& out) {
  if (is_leader())
    return;
  for (auto& [ctx, batch] : read_batches_)
    if (batch.index == 0)
      for (auto& r : batch.reads)
        out.bounced_reads.emplace_back(r.token, std::move(r.req));
  std::erase_if(read_batches_, [](const auto& b) { return b.second.index == 0; });
  for (auto& r : unissued_reads_)
    out.bounced_reads.emplace_back(r.token, std::move(r.req));
  unissued_reads_.clear();
}

replica_output replica_core::process() {
  replica_output out;
  issue_reads();
  while (node_.has_ready()) {
    raft::ready rd = node_.get_ready();
    // Persist before anything leaves: a vote, an acknowledgement or a reply must never be forgotten by a crash.
    // Only a leader's own messages may overtake its fsync (see send_before_sync).
    log_.write(rd);
    if (send_before_sync && rd.must_sync() && is_leader() && !rd.messages.empty())
      send_before_sync(std::exchange(rd.messages, {}));
    if (rd.must_sync())
      log_.sync();
    out.messages.insert(out.messages.end(), std::make_move_iterator(rd.messages.begin()),
                        std::make_move_iterator(rd.messages.end()));
    if (!rd.snap.empty())
      restore(rd.snap, out);
    for (const auto& e : rd.committed)
      apply(e, out);
    for (const auto& rs : rd.read_states) {
      auto it = read_batches_.find(rs.context);
      if (it != read_batches_.end())
        it->second.index = rs.index;
    }
    node_.advance(rd);
    issue_reads();
  }
  serve_reads(out);
  bounce_reads(out);
  maybe_snapshot();
  return out;
}

void replica_core::apply(const raft::entry& e, replica_output& out) {
  if (e.index <= applied_)
    return;  // already in the state (restored from a snapshot beyond the commit index on disk)
  applied_ = e.index;
  auto pending = writes_.extract(e.index);
  // Another leader's entry in our proposal's slot means ours was overwritten: it never takes effect.
  const bool ours = pending && pending.mapped().term == e.term;
  if (pending && !ours)
    out.replies.push_back(failed(pending.mapped(), msg::store_unavailable));
  if (e.type == raft::entry_type::conf_change) {
    raft::conf_change cc;
    if (raft::decode(e.data, cc))
      node_.apply_conf_change(cc);
    return;
  }
  if (e.data.empty()) {  // a new leader's no-op
    if (on_apply)
      on_apply(e.index, e.data, 0, {});
    return;
  }
  wal_command cmd;
  if (!decode(e.data, cmd))
    throw std::runtime_error("store replica: undecodable log entry at index " + std::to_string(e.index));
  if (cmd.kind == wal_command::compact) {
    msg::compact_response r = kv_.compact(cmd.compact_revision);
    if (on_apply)
      on_apply(e.index, e.data, 0, {});
    if (ours)
      out.replies.push_back(replica_reply{pending.mapped().token, r});
    return;
  }
  txn_result r = kv_.txn(cmd.request);
  const int64_t revision = r.events.empty() ? 0 : r.response.revision;
  if (on_apply)
    on_apply(e.index, e.data, revision, r.events);
  if (ours)
    out.replies.push_back(replica_reply{pending.mapped().token, std::move(r.response)});
  if (revision != 0)
    out.committed.push_back(committed_revision{revision, std::move(r.events)});
}

void replica_core::restore(const raft::snapshot& s, replica_output& out) {
  kv_ = store::restore(s.data);
  applied_ = s.index;
  snapshot_index_ = s.index;
  // Whether these proposals took effect is unknown here: the snapshot holds their result, not their identity.
  for (auto it = writes_.begin(); it != writes_.end() && it->first <= s.index;) {
    out.replies.push_back(failed(it->second, msg::store_outcome_unknown));
    it = writes_.erase(it);
  }
  out.restored = true;
}

void replica_core::maybe_snapshot() {
  if (applied_ < snapshot_index_ + opts_.snapshot_every || applied_ > log_.last_index())
    return;
  const uint64_t keep_from = applied_ > opts_.snapshot_keep ? applied_ - opts_.snapshot_keep : 0;
  // Copying the state here is several times cheaper than serializing it, which the log may do elsewhere.
  auto state = std::make_shared<const mvcc>(kv_);
  log_.create_snapshot(applied_, node_.membership(), [state] { return serialize(*state); },
                       std::max(keep_from, log_.first_index() - 1));
  snapshot_index_ = applied_;
}

}  // namespace navarch::store
