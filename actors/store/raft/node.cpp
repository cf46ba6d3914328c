#include "actors/store/raft/node.hpp"

#include <algorithm>
#include <stdexcept>

namespace navarch::raft {

node::node(const config& cfg, const storage& s) : id_(cfg.id), log_(s), cfg_(cfg), rng_(cfg.seed ^ (cfg.id * 0x9e3779b97f4a7c15ULL)) {
  if (cfg.id == no_node)
    throw std::invalid_argument("raft: node id 0 is reserved");
  if (cfg.election_tick <= cfg.heartbeat_tick || cfg.heartbeat_tick <= 0)
    throw std::invalid_argument("raft: election_tick must exceed heartbeat_tick > 0");
  if (cfg.max_inflight == 0)
    throw std::invalid_argument("raft: max_inflight must be positive");
  snapshot snap = s.latest_snapshot();
  if (!snap.empty())
    set_membership(snap.conf);
  else
    set_membership(conf_state{cfg.peers, cfg.learners});
  hard_state hs = s.initial_hard_state();
  if (!hs.empty()) {
    if (hs.commit > log_.last_index())
      throw std::invalid_argument("raft: hard state commit index beyond the stored log");
    log_.commit_to(hs.commit);
    term_ = hs.term;
    vote_ = hs.vote;
  }
  // A snapshot holds only committed state, so its index is committed even when the commit index on disk (which is
  // not synced on its own) lags behind it.
  if (!snap.empty() && snap.index > log_.committed())
    log_.commit_to(snap.index);
  if (cfg.applied > log_.applied())
    log_.applied_to(std::min(cfg.applied, log_.committed()));
  become_follower(term_, no_node);
  prev_hard_ = hard_state{term_, vote_, log_.committed()};
  prev_soft_ = soft_state{lead_, role_};
}

// ---- roles -------------------------------------------------------------------------------------------------

void node::reset(uint64_t term) {
  if (term_ != term) {
    term_ = term;
    vote_ = no_node;
  }
  lead_ = no_node;
  election_elapsed_ = 0;
  heartbeat_elapsed_ = 0;
  reset_randomized_timeout();
  abort_transfer();
  votes_.clear();
  reads_.clear();  // their callers time out and retry: leadership may have moved
  for (auto& [id, pr] : prs_) {
    bool learner = pr.learner;
    pr = progress(log_.last_index() + 1, cfg_.max_inflight, learner);
    if (id == id_)
      pr.match = log_.last_index();
  }
}

void node::reset_randomized_timeout() {
  std::uniform_int_distribution<int> d(cfg_.election_tick, 2 * cfg_.election_tick - 1);
  randomized_timeout_ = d(rng_);
}

void node::become_follower(uint64_t term, node_id lead) {
  reset(term);
  role_ = role::follower;
  lead_ = lead;
}

void node::become_pre_candidate() {
  // Neither the term nor the vote change: a pre-candidate that loses leaves no trace.
  votes_.clear();
  role_ = role::pre_candidate;
  lead_ = no_node;
}

void node::become_candidate() {
  reset(term_ + 1);
  vote_ = id_;
  role_ = role::candidate;
}

void node::become_leader() {
  reset(term_);
  role_ = role::leader;
  lead_ = id_;
  prs_.at(id_).become_replicate();
  prs_.at(id_).recent_active = true;
  // A conf change still in the log may be uncommitted: treat it as pending until applied.
  pending_conf_index_ = log_.last_index();
  // The no-op of the new term: committing it commits everything before it (Raft §5.4.2) and unlocks ReadIndex.
  append_entries({entry{}});
}

bool node::promotable() const {
  auto it = prs_.find(id_);
  return it != prs_.end() && !it->second.learner;
}

bool node::has_unapplied_conf_change() const {
  if (log_.committed() <= log_.applied())
    return false;
  for (const auto& e : log_.next_committed(UINT64_MAX))
    if (e.type == entry_type::conf_change)
      return true;
  return false;
}

void node::campaign() {
  if (role_ == role::leader || !promotable() || has_unapplied_conf_change())
    return;
  start_campaign(cfg_.pre_vote ? campaign_kind::pre_election : campaign_kind::election);
}

void node::start_campaign(campaign_kind k) {
  uint64_t term;
  msg_type t;
  if (k == campaign_kind::pre_election) {
    become_pre_candidate();
    t = msg_type::pre_vote;
    term = term_ + 1;  // the term it would campaign in; its own term stays
  } else {
    become_candidate();
    t = msg_type::vote;
    term = term_;
  }
  if (poll(id_, true) == poll_result::won) {
    // A single voter wins outright.
    if (k == campaign_kind::pre_election)
      start_campaign(campaign_kind::election);
    else
      become_leader();
    return;
  }
  for (const auto& [id, pr] : prs_) {
    if (id == id_ || pr.learner)
      continue;
    message m{.type = t, .to = id, .term = term, .log_term = log_.last_term(), .index = log_.last_index()};
    m.transfer = k == campaign_kind::transfer;
    send(std::move(m));
  }
}

node::poll_result node::poll(node_id from, bool granted) {
  votes_.emplace(from, granted);
  std::size_t yes = 0, no = 0;
  for (const auto& [id, pr] : prs_) {
    if (pr.learner)
      continue;
    auto v = votes_.find(id);
    if (v == votes_.end())
      continue;
    (v->second ? yes : no)++;
  }
  if (yes >= quorum())
    return poll_result::won;
  if (no >= quorum())
    return poll_result::lost;
  return poll_result::pending;
}

std::size_t node::quorum() const {
  std::size_t voters = 0;
  for (const auto& [id, pr] : prs_)
    voters += pr.learner ? 0 : 1;
  return voters / 2 + 1;
}

// ---- inputs --------------------------------------------------------------------------------------------------

void node::tick() {
  if (role_ != role::leader) {
    ++election_elapsed_;
    if (election_elapsed_ >= randomized_timeout_) {
      election_elapsed_ = 0;
      campaign();
    }
    return;
  }
  ++heartbeat_elapsed_;
  ++election_elapsed_;
  if (election_elapsed_ >= cfg_.election_tick) {
    election_elapsed_ = 0;
    if (cfg_.check_quorum && !quorum_active()) {
      become_follower(term_, no_node);
      return;
    }
    abort_transfer();  // a transfer that did not finish within an election timeout failed
    // A snapshot unanswered for an election timeout was probably lost: probe again (which resends it if needed).
    for (auto& [id, pr] : prs_)
      if (pr.state == flow::snapshot)
        pr.become_probe();
  }
  if (heartbeat_elapsed_ >= cfg_.heartbeat_tick) {
    heartbeat_elapsed_ = 0;
    bcast_heartbeat({});
  }
}

bool node::quorum_active() {
  std::size_t active = 0;
  for (auto& [id, pr] : prs_) {
    if (id == id_) {
      active += pr.learner ? 0 : 1;
      continue;
    }
    if (pr.recent_active && !pr.learner)
      ++active;
    pr.recent_active = false;
  }
  return active >= quorum();
}

void node::step(const message& m) {
  if (m.to != id_)
    return;
  if (m.term > term_) {
    if (m.type == msg_type::vote || m.type == msg_type::pre_vote) {
      // Check-quorum gives the leader a lease: while we heard from it within the minimum election timeout, we
      // ignore candidates (a partitioned node rejoining with a higher term cannot depose a healthy leader).
      bool in_lease = cfg_.check_quorum && lead_ != no_node && election_elapsed_ < cfg_.election_tick;
      if (!m.transfer && in_lease)
        return;
    }
    if (m.type == msg_type::pre_vote) {
      // Never change term on a pre-vote.
    } else if (m.type == msg_type::pre_vote_resp && !m.reject) {
      // The term in a granted pre-vote response is the one we would campaign in.
    } else {
      bool from_leader = m.type == msg_type::append || m.type == msg_type::heartbeat ||
                         m.type == msg_type::install_snapshot;
      become_follower(m.term, from_leader ? m.from : no_node);
    }
  } else if (m.term < term_) {
    if ((cfg_.check_quorum || cfg_.pre_vote) && (m.type == msg_type::append || m.type == msg_type::heartbeat)) {
      // A stale leader (e.g. healed from a partition) learns our term and steps down, instead of being ignored
      // while our pre-votes fail against its followers forever.
      send(message{.type = msg_type::append_resp, .to = m.from});
    } else if (m.type == msg_type::pre_vote) {
      send(message{.type = msg_type::pre_vote_resp, .to = m.from, .term = term_, .reject = true});
    }
    return;
  }

  if (m.type == msg_type::vote || m.type == msg_type::pre_vote) {
    bool can_vote = vote_ == m.from || (vote_ == no_node && lead_ == no_node) ||
                    (m.type == msg_type::pre_vote && m.term > term_);
    msg_type resp = m.type == msg_type::vote ? msg_type::vote_resp : msg_type::pre_vote_resp;
    if (can_vote && log_.is_up_to_date(m.index, m.log_term)) {
      // A pre-vote answer carries the term of the request, so the pre-candidate counts it for its next term.
      send(message{.type = resp, .to = m.from, .term = m.term});
      if (m.type == msg_type::vote) {
        election_elapsed_ = 0;
        vote_ = m.from;
      }
    } else {
      send(message{.type = resp, .to = m.from, .term = term_, .reject = true});
    }
    return;
  }
  switch (role_) {
    case role::leader: step_leader(m); break;
    case role::candidate:
    case role::pre_candidate: step_candidate(m); break;
    case role::follower: step_follower(m); break;
  }
}

uint64_t node::propose(std::string data) {
  if (role_ != role::leader || lead_transferee_ != no_node)
    return 0;
  append_entries({entry{.data = std::move(data)}});
  bcast_append();
  return log_.last_index();
}

uint64_t node::propose_conf_change(const conf_change& cc) {
  if (role_ != role::leader || lead_transferee_ != no_node || pending_conf_index_ > log_.applied())
    return 0;
  append_entries({entry{.type = entry_type::conf_change, .data = encode(cc)}});
  pending_conf_index_ = log_.last_index();
  bcast_append();
  return log_.last_index();
}

conf_state node::apply_conf_change(const conf_change& cc) {
  conf_state cs = membership();
  auto erase = [](std::vector<node_id>& v, node_id n) { v.erase(std::remove(v.begin(), v.end(), n), v.end()); };
  auto has = [](const std::vector<node_id>& v, node_id n) { return std::find(v.begin(), v.end(), n) != v.end(); };
  switch (cc.kind) {
    case conf_change::add_voter:
      erase(cs.learners, cc.node);
      if (!has(cs.voters, cc.node))
        cs.voters.push_back(cc.node);
      break;
    case conf_change::add_learner:
      if (!has(cs.voters, cc.node) && !has(cs.learners, cc.node))  // demoting a voter is not supported
        cs.learners.push_back(cc.node);
      break;
    case conf_change::remove_node:
      if (cs.voters.size() == 1 && cs.voters[0] == cc.node)
        return cs;  // refusing to remove the last voter keeps the cluster alive
      erase(cs.voters, cc.node);
      erase(cs.learners, cc.node);
      break;
  }
  set_membership(cs);
  if (role_ != role::leader) {
    if (role_ != role::follower && !promotable())
      become_follower(term_, no_node);  // a candidate that was removed must not win
    return cs;
  }
  if (!prs_.count(id_) || prs_.at(id_).learner) {
    become_follower(term_, no_node);  // a removed leader steps down; the rest elect a new one
    return cs;
  }
  if (lead_transferee_ != no_node && !prs_.count(lead_transferee_))
    abort_transfer();
  if (maybe_commit())  // a smaller quorum may commit more now
    bcast_append();
  else
    for (auto& [id, pr] : prs_)
      if (id != id_)
        maybe_send_append(id, false);
  return cs;
}

void node::set_membership(const conf_state& cs) {
  std::map<node_id, progress> next;
  auto keep = [&](node_id n, bool learner) {
    auto it = prs_.find(n);
    progress pr = it != prs_.end() ? it->second : progress(log_.last_index() + 1, cfg_.max_inflight, learner);
    if (it == prs_.end() && n == id_)
      pr.match = log_.last_index();
    pr.learner = learner;
    next.emplace(n, std::move(pr));
  };
  for (node_id n : cs.voters)
    keep(n, false);
  for (node_id n : cs.learners)
    keep(n, true);
  prs_ = std::move(next);
}

conf_state node::membership() const {
  conf_state cs;
  for (const auto& [id, pr] : prs_)
    (pr.learner ? cs.learners : cs.voters).push_back(id);
  return cs;
}

void node::transfer_leader(node_id to) {
  if (role_ != role::leader || to == id_ || lead_transferee_ == to)
    return;
  auto it = prs_.find(to);
  if (it == prs_.end() || it->second.learner)
    return;
  lead_transferee_ = to;
  election_elapsed_ = 0;  // the transfer must finish within one election timeout
  if (it->second.match == log_.last_index())
    send(message{.type = msg_type::timeout_now, .to = to});
  else
    maybe_send_append(to, true);
}

bool node::read_index(std::string context) {
  if (role_ != role::leader || log_.term(log_.committed()) != term_)
    return false;
  if (quorum() == 1) {
    read_states_.push_back(read_state{log_.committed(), std::move(context)});
    return true;
  }
  for (const auto& r : reads_)
    if (r.context == context)
      return true;  // already waiting
  reads_.push_back(pending_read{context, log_.committed(), {id_}});
  bcast_heartbeat(context);
  return true;
}

// ---- leader --------------------------------------------------------------------------------------------------

void node::step_leader(const message& m) {
  auto it = prs_.find(m.from);
  if (it == prs_.end())
    return;
  progress& pr = it->second;
  switch (m.type) {
    case msg_type::append_resp:
      handle_append_resp(m, pr);
      break;
    case msg_type::heartbeat_resp:
      handle_heartbeat_resp(m, pr);
      break;
    default:
      break;
  }
}

void node::handle_append_resp(const message& m, progress& pr) {
  pr.recent_active = true;
  if (m.reject) {
    uint64_t hint = m.reject_hint;
    if (m.log_term > 0)  // skip every entry of ours whose term the follower cannot have at that index
      hint = log_.find_conflict_by_term(m.reject_hint, m.log_term).first;
    if (pr.maybe_decr_to(m.index, hint)) {
      if (pr.state == flow::replicate)
        pr.become_probe();
      maybe_send_append(m.from, false);
    }
    return;
  }
  if (!pr.maybe_update(m.index))
    return;
  if (pr.state == flow::probe || (pr.state == flow::snapshot && pr.match >= pr.pending_snapshot))
    pr.become_replicate();  // found where the logs match: from now on send optimistically
  else if (pr.state == flow::replicate)
    pr.ins.free_le(m.index);
  if (maybe_commit())
    bcast_append();
  while (maybe_send_append(m.from, false)) {
  }  // fill the pipeline
  if (m.from == lead_transferee_ && pr.match == log_.last_index())
    send(message{.type = msg_type::timeout_now, .to = m.from});
}

void node::handle_heartbeat_resp(const message& m, progress& pr) {
  pr.recent_active = true;
  pr.probe_sent = false;
  if (pr.state == flow::replicate && pr.ins.full())
    pr.ins.free_first_one();  // the follower is alive: let one more append through in case one was lost
  if (pr.match < log_.last_index())  // possibly lost appends: an empty one finds out (a reject turns to probe)
    maybe_send_append(m.from, true);
  if (m.context.empty() || pr.learner)
    return;
  auto r = std::find_if(reads_.begin(), reads_.end(), [&](const pending_read& p) { return p.context == m.context; });
  if (r == reads_.end())
    return;
  r->acks.insert(m.from);
  std::size_t votes = 0;
  for (node_id n : r->acks)
    votes += prs_.count(n) && !prs_.at(n).learner ? 1 : 0;
  if (votes < quorum())
    return;
  // A quorum still follows us, so every read queued up to this one sees at least its recorded commit index.
  auto end = std::next(r);
  for (auto p = reads_.begin(); p != end; ++p)
    read_states_.push_back(read_state{p->index, p->context});
  reads_.erase(reads_.begin(), end);
}

bool node::maybe_commit() {
  std::vector<uint64_t> matches;
  for (const auto& [id, pr] : prs_)
    if (!pr.learner)
      matches.push_back(pr.match);
  if (matches.empty())
    return false;
  std::sort(matches.begin(), matches.end(), std::greater<>());
  return log_.maybe_commit(matches[quorum() - 1], term_);
}

void node::append_entries(std::vector<entry> es) {
  uint64_t li = log_.last_index();
  for (std::size_t i = 0; i < es.size(); ++i) {
    es[i].term = term_;
    es[i].index = li + 1 + i;
  }
  li = log_.append(es);
  prs_.at(id_).maybe_update(li);
  maybe_commit();  // a single voter commits at once
}

bool node::maybe_send_append(node_id to, bool send_if_empty) {
  progress& pr = prs_.at(to);
  if (pr.paused())
    return false;
  auto prev_term = log_.term(pr.next - 1);
  auto es = prev_term ? log_.entries_from(pr.next, cfg_.max_msg_bytes) : std::nullopt;
  if (!es) {
    // The entries are compacted away: the follower needs the snapshot. Its recent_active is known, so a
    // follower that is down does not get snapshots sent into the void.
    if (!pr.recent_active)
      return false;
    snapshot snap = log_.latest_snapshot();
    if (snap.empty())
      return false;
    pr.become_snapshot(snap.index);
    send(message{.type = msg_type::install_snapshot, .to = to, .snap = std::move(snap)});
    return true;
  }
  if (es->empty() && !send_if_empty)
    return false;
  uint64_t last = es->empty() ? pr.next - 1 : es->back().index;
  bool any = !es->empty();
  send(message{.type = msg_type::append, .to = to, .log_term = *prev_term, .index = pr.next - 1,
               .entries = std::move(*es), .commit = log_.committed()});
  pr.sent_entries(last, any);
  return true;
}

void node::bcast_append() {
  for (const auto& [id, pr] : prs_)
    if (id != id_)
      maybe_send_append(id, true);
}

void node::bcast_heartbeat(const std::string& ctx) {
  for (const auto& [id, pr] : prs_) {
    if (id == id_)
      continue;
    // Never tell a follower to commit past what it is known to hold.
    send(message{.type = msg_type::heartbeat, .to = id, .commit = std::min(pr.match, log_.committed()),
                 .context = ctx});
  }
}

// ---- candidate and follower -----------------------------------------------------------------------------------

void node::step_candidate(const message& m) {
  switch (m.type) {
    case msg_type::append:
      become_follower(m.term, m.from);  // a leader of our term exists
      handle_append(m);
      break;
    case msg_type::heartbeat:
      become_follower(m.term, m.from);
      handle_heartbeat(m);
      break;
    case msg_type::install_snapshot:
      become_follower(m.term, m.from);
      handle_snapshot(m);
      break;
    case msg_type::vote_resp:
    case msg_type::pre_vote_resp: {
      bool mine = (m.type == msg_type::vote_resp) == (role_ == role::candidate);
      if (!mine)
        return;
      switch (poll(m.from, !m.reject)) {
        case poll_result::won:
          if (role_ == role::pre_candidate)
            start_campaign(campaign_kind::election);
          else {
            become_leader();
            bcast_append();
          }
          break;
        case poll_result::lost:
          become_follower(term_, no_node);  // a rejection carries our term or the larger one handled above
          break;
        case poll_result::pending:
          break;
      }
      break;
    }
    default:
      break;
  }
}

void node::step_follower(const message& m) {
  switch (m.type) {
    case msg_type::append:
      election_elapsed_ = 0;
      lead_ = m.from;
      handle_append(m);
      break;
    case msg_type::heartbeat:
      election_elapsed_ = 0;
      lead_ = m.from;
      handle_heartbeat(m);
      break;
    case msg_type::install_snapshot:
      election_elapsed_ = 0;
      lead_ = m.from;
      handle_snapshot(m);
      break;
    case msg_type::timeout_now:
      // The leader hands over: campaign at once, skipping pre-vote, and break the other voters' leases.
      if (promotable())
        start_campaign(campaign_kind::transfer);
      break;
    default:
      break;
  }
}

void node::handle_append(const message& m) {
  if (m.index < log_.committed()) {
    send(message{.type = msg_type::append_resp, .to = m.from, .index = log_.committed()});
    return;
  }
  if (auto last = log_.maybe_append(m.index, m.log_term, m.commit, m.entries)) {
    send(message{.type = msg_type::append_resp, .to = m.from, .index = *last});
    return;
  }
  // Reject with a hint: our last index at or before m.index whose term is <= the leader's term there, so the
  // leader skips a whole conflicting term per round trip instead of one entry.
  auto [hint, hint_term] = log_.find_conflict_by_term(std::min(m.index, log_.last_index()), m.log_term);
  send(message{.type = msg_type::append_resp, .to = m.from, .log_term = hint_term, .index = m.index,
               .reject = true, .reject_hint = hint});
}

void node::handle_heartbeat(const message& m) {
  log_.commit_to(std::min(m.commit, log_.last_index()));
  send(message{.type = msg_type::heartbeat_resp, .to = m.from, .context = m.context});
}

void node::handle_snapshot(const message& m) {
  restore(m.snap);
  // Either way the leader learns how far we now are (a stale snapshot is acknowledged with our commit index).
  send(message{.type = msg_type::append_resp, .to = m.from,
               .index = std::max(log_.committed(), std::min(log_.last_index(), m.snap.index))});
}

bool node::restore(const snapshot& s) {
  if (s.index <= log_.committed())
    return false;
  if (log_.match_term(s.index, s.term)) {
    log_.commit_to(s.index);  // we already hold the snapshot's entries: just fast-forward the commit index
    return false;
  }
  log_.restore(s);
  set_membership(s.conf);
  return true;
}

// ---- ready ---------------------------------------------------------------------------------------------------

void node::send(message m) {
  m.from = id_;
  // Votes and their answers carry their own term (pre-votes a future one); everything else carries ours.
  bool own_term = m.type == msg_type::vote || m.type == msg_type::vote_resp || m.type == msg_type::pre_vote ||
                  m.type == msg_type::pre_vote_resp;
  if (!own_term)
    m.term = term_;
  msgs_.push_back(std::move(m));
}

bool node::has_ready() const {
  return soft_state{lead_, role_} != prev_soft_ || hard_state{term_, vote_, log_.committed()} != prev_hard_ ||
         log_.unstable_snapshot() || !log_.unstable_entries().empty() || log_.has_next_committed() ||
         !msgs_.empty() || !read_states_.empty();
}

ready node::get_ready() {
  ready rd;
  rd.soft = soft_state{lead_, role_};
  rd.soft_changed = rd.soft != prev_soft_;
  hard_state hs{term_, vote_, log_.committed()};
  if (hs != prev_hard_) {
    rd.hard = hs;
    rd.hard_must_sync = hs.term != prev_hard_.term || hs.vote != prev_hard_.vote;
  }
  if (log_.unstable_snapshot())
    rd.snap = *log_.unstable_snapshot();
  rd.entries = log_.unstable_entries();
  rd.committed = log_.next_committed(cfg_.max_committed_bytes);
  rd.messages = std::move(msgs_);
  msgs_.clear();
  rd.read_states = std::move(read_states_);
  read_states_.clear();
  prev_soft_ = rd.soft;
  if (!rd.hard.empty())
    prev_hard_ = rd.hard;
  return rd;
}

void node::advance(const ready& rd) {
  if (!rd.snap.empty()) {
    log_.stable_snap_to(rd.snap.index);
    log_.applied_to(rd.snap.index);
  }
  if (!rd.entries.empty())
    log_.stable_to(rd.entries.back().index, rd.entries.back().term);
  if (!rd.committed.empty())
    log_.applied_to(rd.committed.back().index);
}

// ---- small helpers ---------------------------------------------------------------------------------------------

const char* to_string(msg_type t) {
  switch (t) {
    case msg_type::append: return "append";
    case msg_type::append_resp: return "append_resp";
    case msg_type::vote: return "vote";
    case msg_type::vote_resp: return "vote_resp";
    case msg_type::pre_vote: return "pre_vote";
    case msg_type::pre_vote_resp: return "pre_vote_resp";
    case msg_type::heartbeat: return "heartbeat";
    case msg_type::heartbeat_resp: return "heartbeat_resp";
    case msg_type::install_snapshot: return "install_snapshot";
    case msg_type::timeout_now: return "timeout_now";
  }
  return "?";
}

const char* to_string(role r) {
  switch (r) {
    case role::follower: return "follower";
    case role::pre_candidate: return "pre_candidate";
    case role::candidate: return "candidate";
    case role::leader: return "leader";
  }
  return "?";
}

std::string encode(const conf_change& cc) {
  std::string out(1, static_cast<char>(cc.kind));
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<char>((cc.node >> (8 * i)) & 0xff));
  return out;
}

bool decode(const std::string& data, conf_change& out) {
  if (data.size() != 9 || static_cast<uint8_t>(data[0]) > conf_change::add_learner)
    return false;
  out.kind = static_cast<conf_change::kind_t>(data[0]);
  out.node = 0;
  for (int i = 0; i < 8; ++i)
    out.node |= uint64_t{static_cast<uint8_t>(data[1 + i])} << (8 * i);
  return true;
}

}  // namespace navarch::raft
