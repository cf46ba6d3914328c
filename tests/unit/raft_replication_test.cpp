// Log replication: commit rules, log matching, fast backtracking, probe/replicate flow control and batching.
#include "tests/unit/raft_test_util.hpp"

namespace navarch::raft {
namespace {

using test::cluster;
using test::data_of;
using test::drain;

std::vector<entry> term_run(uint64_t from, uint64_t to, uint64_t term) {
  std::vector<entry> out;
  for (uint64_t i = from; i <= to; ++i)
    out.push_back(entry{.term = term, .index = i, .data = "t" + std::to_string(term) + "i" + std::to_string(i)});
  return out;
}

// A leader of {1, 2} (or more) at term 1 whose peers are driven by hand.
struct lone_leader {
  static config without_pre_vote(config c) {
    c.pre_vote = false;
    return c;
  }
  explicit lone_leader(const config& cfg) : n(without_pre_vote(cfg), st) {
    n.campaign();
    drain(n, st);
    n.step(message{.type = msg_type::vote_resp, .from = 2, .to = 1, .term = n.term()});
    first = drain(n, st);
  }
  std::vector<message> appends_to(node_id to) {
    std::vector<message> out;
    for (auto& m : drain(n, st))
      if (m.to == to && m.type == msg_type::append)
        out.push_back(m);
    return out;
  }
  void ack(node_id from, uint64_t index) {
    n.step(message{.type = msg_type::append_resp, .from = from, .to = 1, .term = n.term(), .index = index});
  }
  memory_storage st;
  node n;
  std::vector<message> first;
};

TEST(RaftReplication, ProposalsCommitAndApplyEverywhereInOrder) {
  cluster c(3);
  c.elect(1);
  for (const char* d : {"a", "b", "c"})
    c.propose(1, d);
  c.tick_all();  // a heartbeat carries the final commit index to the followers
  for (auto& [id, p] : c.peers)
    EXPECT_EQ(data_of(p.applied), (std::vector<std::string>{"a", "b", "c"})) << id;
}

TEST(RaftReplication, FollowersAndCandidatesRefuseProposals) {
  cluster c(3);
  c.elect(1);
  EXPECT_EQ(c[2].propose("x"), 0u);
  EXPECT_EQ(c[1].propose("y"), 2u);  // after the leader's no-op at 1
}

TEST(RaftReplication, LeaderCommitsOldTermEntriesOnlyThroughACurrentTermEntry) {
  // Figure 8 of the Raft paper: an entry of an earlier term stored on a majority is not yet safe.
  memory_storage st;
  st.append(term_run(1, 2, 1));
  st.set_hard_state(hard_state{.term = 1});
  node n(config{.id = 1, .peers = {1, 2, 3}, .pre_vote = false}, st);
  n.campaign();
  drain(n, st);
  n.step(message{.type = msg_type::vote_resp, .from = 2, .to = 1, .term = 2});
  ASSERT_EQ(n.state(), role::leader);
  drain(n, st);
  n.step(message{.type = msg_type::append_resp, .from = 2, .to = 1, .term = 2, .index = 2});
  EXPECT_EQ(n.log().committed(), 0u);  // index 2 (term 1) is on a majority but not committed by counting
  n.step(message{.type = msg_type::append_resp, .from = 2, .to = 1, .term = 2, .index = 3});
  EXPECT_EQ(n.log().committed(), 3u);  // the term-2 no-op commits, and everything before it with it
}

TEST(RaftReplication, FastBacktrackingSkipsAConflictingTermInOneRoundTrip) {
  cluster c(3);
  auto load = [&](node_id id, std::vector<entry> es, uint64_t term) {
    c.peers[id].st->append(es);
    c.peers[id].st->set_hard_state(hard_state{.term = term});
    c.restart(id);
  };
  auto leader_log = term_run(1, 50, 1);
  for (auto& e : term_run(51, 60, 3))
    leader_log.push_back(e);
  auto stale_log = term_run(1, 50, 1);
  for (auto& e : term_run(51, 100, 2))
    stale_log.push_back(e);
  load(1, leader_log, 3);
  load(2, stale_log, 2);
  load(3, leader_log, 3);
  int rejects = 0;
  c.drop = [&](const message& m) {
    rejects += m.type == msg_type::append_resp && m.reject && m.from == 2 ? 1 : 0;
    return false;
  };
  c.elect(1);
  ASSERT_EQ(c[1].state(), role::leader);
  EXPECT_LE(rejects, 1);
  EXPECT_EQ(c[2].log().last_index(), 61u);  // the conflicting suffix 51..100 of term 2 is gone
  EXPECT_EQ(c[2].log().term(55), 3u);
  EXPECT_EQ(c[2].log().term(61), c[1].term());
}

TEST(RaftReplication, ProbeStateSendsOneAppendUntilAnswered) {
  lone_leader l(config{.id = 1, .peers = {1, 2}});
  for (int i = 0; i < 5; ++i)
    l.n.propose("p");
  EXPECT_TRUE(l.appends_to(2).empty());  // the first probe (in l.first) is still unanswered
  EXPECT_EQ(l.n.progresses().at(2).state, flow::probe);
}

TEST(RaftReplication, ReplicateStatePipelinesUpToTheInflightLimit) {
  lone_leader l(config{.id = 1, .peers = {1, 2}, .max_inflight = 3});
  l.ack(2, 1);  // the no-op: found the match, switch to replicate
  ASSERT_EQ(l.n.progresses().at(2).state, flow::replicate);
  drain(l.n, l.st);
  int sent = 0;
  for (int i = 0; i < 10; ++i) {
    l.n.propose("p" + std::to_string(i));
    sent += static_cast<int>(l.appends_to(2).size());
  }
  EXPECT_EQ(sent, 3);
  l.ack(2, 2);  // frees one slot: everything pending goes out in one batch
  auto out = l.appends_to(2);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].entries.size(), 7u);
  EXPECT_EQ(out[0].index, 4u);
}

TEST(RaftReplication, BatchesRespectTheMessageSizeLimit) {
  std::string payload(100, 'x');
  lone_leader l(config{.id = 1, .peers = {1, 2}, .max_msg_bytes = 2 * entry_bytes(entry{.data = payload})});
  for (int i = 0; i < 6; ++i)
    l.n.propose(payload);
  drain(l.n, l.st);
  l.ack(2, 1);
  auto out = l.appends_to(2);
  ASSERT_EQ(out.size(), 3u);
  for (const auto& m : out)
    EXPECT_EQ(m.entries.size(), 2u);
}

TEST(RaftReplication, RejectedAppendInReplicateFallsBackToProbe) {
  lone_leader l(config{.id = 1, .peers = {1, 2}});
  l.ack(2, 1);
  l.n.propose("a");
  drain(l.n, l.st);
  l.n.step(message{.type = msg_type::append_resp, .from = 2, .to = 1, .term = l.n.term(), .index = 1,
                   .reject = true, .reject_hint = 0});
  EXPECT_EQ(l.n.progresses().at(2).state, flow::replicate);  // stale: index 1 is already matched
  l.n.step(message{.type = msg_type::append_resp, .from = 2, .to = 1, .term = l.n.term(), .index = 2,
                   .reject = true, .reject_hint = 1});
  EXPECT_EQ(l.n.progresses().at(2).state, flow::probe);
  EXPECT_EQ(l.n.progresses().at(2).next, 2u);
}

TEST(RaftReplication, LostMessagesAreRepairedByHeartbeats) {
  cluster c(3);
  c.elect(1);
  c.drop = [](const message& m) { return m.type == msg_type::append && m.to == 3; };
  c.propose(1, "a");
  c.propose(1, "b");
  EXPECT_TRUE(c.peers[3].applied.empty());
  c.drop = nullptr;
  c.tick_all(3);
  EXPECT_EQ(data_of(c.peers[3].applied), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace navarch::raft
