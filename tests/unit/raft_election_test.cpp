// Leader election: randomized timeouts, split votes, the election restriction, pre-vote and check-quorum.
#include "tests/unit/raft_test_util.hpp"

namespace navarch::raft {
namespace {

using test::cluster;

TEST(RaftElection, CampaignWinsWithAQuorumOfVotes) {
  cluster c(3);
  c.elect(1);
  EXPECT_EQ(c[1].state(), role::leader);
  EXPECT_EQ(c[1].term(), 1u);  // the pre-vote round does not bump the term
  EXPECT_EQ(c[2].leader(), 1u);
  EXPECT_EQ(c[3].leader(), 1u);
}

TEST(RaftElection, TimeoutsElectExactlyOneLeader) {
  cluster c(5);
  for (int i = 0; i < 40 && c.leaders().empty(); ++i)
    c.tick_all();
  ASSERT_EQ(c.leaders().size(), 1u);
  node_id l = c.leaders()[0];
  for (auto& [id, p] : c.peers)
    EXPECT_EQ(p.n->leader(), l);
}

TEST(RaftElection, RandomizedTimeoutsAreSeededAndSpread) {
  // Followers with different ids campaign at different ticks: the spread that resolves split votes.
  std::set<int> first_campaign;
  for (node_id id = 1; id <= 5; ++id) {
    memory_storage st;
    node n(config{.id = id, .peers = {1, 2, 3, 4, 5}, .seed = 9}, st);
    int t = 0;
    while (n.state() == role::follower && t < 100) {
      n.tick();
      ++t;
    }
    EXPECT_GE(t, 10);
    EXPECT_LT(t, 20);
    first_campaign.insert(t);
  }
  EXPECT_GT(first_campaign.size(), 1u);
}

TEST(RaftElection, SplitVoteElectsNobodyThenTimeoutsResolveIt) {
  cluster c(4, [](config& cfg) { cfg.pre_vote = false; });
  c.drop = [](const message& m) {
    return m.type == msg_type::vote && ((m.from == 1 && m.to == 4) || (m.from == 3 && m.to == 2));
  };
  c[1].campaign();
  c[3].campaign();
  c.stabilize();
  EXPECT_TRUE(c.leaders().empty());
  EXPECT_EQ(c[1].state(), role::candidate);
  EXPECT_EQ(c[3].state(), role::candidate);
  c.drop = nullptr;
  for (int i = 0; i < 60 && c.leaders().empty(); ++i)
    c.tick_all();
  ASSERT_EQ(c.leaders().size(), 1u);
  EXPECT_GE(c[c.leaders()[0]].term(), 2u);
}

TEST(RaftElection, VotesOncePerTerm) {
  memory_storage st;
  node n(config{.id = 1, .peers = {1, 2, 3}, .pre_vote = false}, st);
  n.step(message{.type = msg_type::vote, .from = 2, .to = 1, .term = 5});
  auto out = test::drain(n, st);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].reject);
  EXPECT_EQ(st.initial_hard_state().vote, 2u);  // persisted before the answer may be sent
  n.step(message{.type = msg_type::vote, .from = 3, .to = 1, .term = 5});
  out = test::drain(n, st);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].reject);
}

TEST(RaftElection, CandidateWithShorterLogLoses) {
  cluster c(3);
  c.elect(1);
  c.isolate(3);
  c.propose(1, "a");
  c.heal();
  c[3].campaign();  // node 3 misses "a": no up-to-date voter may elect it
  c.stabilize();
  EXPECT_NE(c[3].state(), role::leader);
  EXPECT_EQ(c[1].state(), role::leader);
}

TEST(RaftElection, PreVoteDoesNotDisruptAStableLeader) {
  cluster c(3);
  c.elect(1);
  c.isolate(3);
  c.tick(3, 100);  // many election timeouts alone: pre-votes fail, the term stays
  EXPECT_EQ(c[3].term(), 1u);
  c.heal();
  c.tick_all(3);
  EXPECT_EQ(c[1].state(), role::leader);
  EXPECT_EQ(c[1].term(), 1u);
}

TEST(RaftElection, WithoutPreVoteARejoiningNodeDisruptsTheLeader) {
  cluster c(3, [](config& cfg) {
    cfg.pre_vote = false;
    cfg.check_quorum = false;
  });
  c.elect(1);
  c.isolate(3);
  c.tick(3, 100);
  EXPECT_GT(c[3].term(), 1u);
  c.heal();
  c.tick_all(30);
  EXPECT_GT(c[1].term(), 1u);  // the contrast that justifies pre-vote
}

TEST(RaftElection, CheckQuorumStepsDownAnIsolatedLeader) {
  cluster c(3);
  c.elect(1);
  c.isolate(1);
  c.tick(1, 10);  // the first check still counts the answers from the election
  EXPECT_EQ(c[1].state(), role::leader);
  c.tick(1, 10);
  EXPECT_EQ(c[1].state(), role::follower);
  EXPECT_EQ(c[1].leader(), no_node);
}

TEST(RaftElection, LeaseMakesFollowersIgnoreCandidatesWhileTheLeaderIsHeard) {
  cluster c(3, [](config& cfg) { cfg.pre_vote = false; });
  c.elect(1);
  c[3].campaign();  // term 2, but 2 heard from 1 within the election timeout
  c.stabilize();
  EXPECT_EQ(c[2].term(), 1u);
  EXPECT_EQ(c[2].leader(), 1u);
}

TEST(RaftElection, StaleLeaderStepsDownOnAHigherTerm) {
  cluster c(3, [](config& cfg) { cfg.check_quorum = false; });  // no lease, no self-demotion of the old leader
  c.elect(1);
  c.isolate(1);
  c.elect(2);
  EXPECT_EQ(c[2].state(), role::leader);
  EXPECT_EQ(c[1].state(), role::leader);
  c.heal();
  c.propose(1, "stale");  // still thinks it leads: its append draws a higher-term answer
  EXPECT_EQ(c[1].state(), role::follower);
  c.tick_all(2);
  EXPECT_EQ(c[1].leader(), 2u);
  for (auto& [id, p] : c.peers)
    EXPECT_TRUE(p.applied.empty()) << id;  // "stale" never committed
}

TEST(RaftElection, RestartKeepsTermVoteAndLog) {
  cluster c(3);
  c.elect(1);
  c.propose(1, "x");
  c.restart(2);
  EXPECT_EQ(c[2].term(), 1u);
  EXPECT_EQ(c[2].log().last_index(), 2u);
  EXPECT_EQ(c[2].log().committed(), 2u);
}

TEST(RaftElection, BadConfigIsRejected) {
  memory_storage st;
  EXPECT_THROW(node(config{.id = 0}, st), std::invalid_argument);
  EXPECT_THROW(node(config{.id = 1, .election_tick = 1, .heartbeat_tick = 1}, st), std::invalid_argument);
}

}  // namespace
}  // namespace navarch::raft
