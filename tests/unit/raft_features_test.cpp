// Snapshots and InstallSnapshot, ReadIndex, leadership transfer and membership changes.
#include "tests/unit/raft_test_util.hpp"

namespace navarch::raft {
namespace {

using test::cluster;
using test::data_of;

// The leader snapshots everything it applied and drops those entries from its log.
void compact_leader(cluster& c, node_id id) {
  auto& p = c.peers.at(id);
  uint64_t applied = p.n->log().applied();
  p.st->create_snapshot(applied, p.n->membership(), "state@" + std::to_string(applied));
  p.st->compact(applied);
}

TEST(RaftSnapshot, FollowerTooFarBehindIsCaughtUpByInstallSnapshot) {
  cluster c(3);
  c.elect(1);
  c.isolate(3);
  for (int i = 0; i < 10; ++i)
    c.propose(1, "v" + std::to_string(i));
  compact_leader(c, 1);
  uint64_t snap_index = c[1].log().applied();
  c.heal();
  c.tick_all(3);
  EXPECT_EQ(c.peers[3].snapshot_index, snap_index);
  EXPECT_EQ(c.peers[3].st->latest_snapshot().data, "state@" + std::to_string(snap_index));
  EXPECT_EQ(c.delivered[msg_type::install_snapshot], 1);
  c.propose(1, "after");
  EXPECT_EQ(data_of(c.peers[3].applied), (std::vector<std::string>{"after"}));
  EXPECT_EQ(c[3].log().last_index(), c[1].log().last_index());
}

TEST(RaftSnapshot, LostSnapshotIsResentAfterAnElectionTimeout) {
  cluster c(3);
  c.elect(1);
  c.isolate(3);
  for (int i = 0; i < 5; ++i)
    c.propose(1, "v");
  compact_leader(c, 1);
  c.heal();
  int dropped = 0;
  c.drop = [&](const message& m) { return m.type == msg_type::install_snapshot && dropped++ == 0; };
  c.tick_all(25);
  EXPECT_EQ(dropped, 2);
  EXPECT_EQ(c.peers[3].snapshot_index, c.peers[1].st->latest_snapshot().index);
}

TEST(RaftSnapshot, RestartFromASnapshotKeepsMembershipAndLog) {
  cluster c(3);
  c.elect(1);
  c.propose(1, "a");
  compact_leader(c, 1);
  c.restart(1);
  EXPECT_EQ(c[1].membership().voters, (std::vector<node_id>{1, 2, 3}));
  EXPECT_EQ(c[1].log().first_index(), c.peers[1].st->latest_snapshot().index + 1);
  for (int i = 0; i < 60 && c.leaders().empty(); ++i)
    c.tick_all();
  ASSERT_EQ(c.leaders().size(), 1u);
  c.propose(c.leaders()[0], "b");
  EXPECT_EQ(data_of(c.peers[2].applied), (std::vector<std::string>{"a", "b"}));
}

TEST(RaftReadIndex, LeaderConfirmsWithAHeartbeatRound) {
  cluster c(3);
  c.elect(1);
  c.propose(1, "a");
  ASSERT_TRUE(c[1].read_index("r1"));
  c.stabilize();
  ASSERT_EQ(c.peers[1].reads.size(), 1u);
  EXPECT_EQ(c.peers[1].reads[0].context, "r1");
  EXPECT_EQ(c.peers[1].reads[0].index, c[1].log().committed());
}

TEST(RaftReadIndex, IsolatedLeaderCannotConfirm) {
  cluster c(3);
  c.elect(1);
  c.isolate(1);
  ASSERT_TRUE(c[1].read_index("r1"));
  c.stabilize();
  EXPECT_TRUE(c.peers[1].reads.empty());  // a newer leader may exist: the read must not be served
  c.tick(1, 10);                          // check-quorum: steps down, the pending read is dropped
  c.heal();
  c.stabilize();
  EXPECT_TRUE(c.peers[1].reads.empty());
}

TEST(RaftReadIndex, RefusedByFollowersAndBeforeTheLeaderCommitsInItsTerm) {
  cluster c(3);
  c.drop = [](const message& m) { return m.type == msg_type::append; };  // the no-op cannot commit
  c.elect(1);
  ASSERT_EQ(c[1].state(), role::leader);
  EXPECT_FALSE(c[1].read_index("early"));
  c.drop = nullptr;
  c.tick_all(2);
  EXPECT_TRUE(c[1].read_index("later"));
  EXPECT_FALSE(c[2].read_index("f"));
}

TEST(RaftReadIndex, SingleVoterAnswersAtOnce) {
  cluster c(1);
  c.elect(1);
  ASSERT_TRUE(c[1].read_index("solo"));
  c.stabilize();
  ASSERT_EQ(c.peers[1].reads.size(), 1u);
  EXPECT_EQ(c.peers[1].reads[0].index, 1u);
}

TEST(RaftTransfer, TimeoutNowHandsLeadershipOver) {
  cluster c(3);
  c.elect(1);
  c[1].transfer_leader(3);
  c.stabilize();
  EXPECT_EQ(c[3].state(), role::leader);
  EXPECT_EQ(c[1].leader(), 3u);
  EXPECT_EQ(c[3].term(), 2u);
}

TEST(RaftTransfer, LaggingTransfereeCatchesUpFirst) {
  cluster c(3);
  c.elect(1);
  c.isolate(3);
  c.propose(1, "a");
  c.heal();
  c[1].transfer_leader(3);
  EXPECT_EQ(c[1].propose("refused"), 0u);  // no new proposals while handing over
  c.stabilize();
  EXPECT_EQ(c[3].state(), role::leader);
  c.propose(3, "b");
  EXPECT_EQ(data_of(c.peers[3].applied), (std::vector<std::string>{"a", "b"}));
}

TEST(RaftTransfer, AbortedAfterAnElectionTimeout) {
  cluster c(3);
  c.elect(1);
  c.isolate(3);
  c[1].transfer_leader(3);
  EXPECT_EQ(c[1].transferee(), 3u);
  c.tick(1, 10);
  EXPECT_EQ(c[1].transferee(), no_node);
  EXPECT_EQ(c[1].state(), role::leader);
  EXPECT_NE(c[1].propose("ok"), 0u);
}

TEST(RaftMembership, LearnerReceivesTheLogButNeverVotes) {
  cluster c(3);
  c.elect(1);
  c.propose(1, "a");
  c.add(4, {1, 2, 3});  // a joining node starts with the current voters
  ASSERT_NE(c[1].propose_conf_change(conf_change{conf_change::add_learner, 4}), 0u);
  c.stabilize();
  EXPECT_EQ(c[1].membership().learners, (std::vector<node_id>{4}));
  c.propose(1, "b");
  EXPECT_EQ(data_of(c.peers[4].applied), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c[4].membership().learners, (std::vector<node_id>{4}));
  c.isolate(1);
  c.tick(4, 100);
  EXPECT_EQ(c[4].state(), role::follower);  // learners never campaign
  EXPECT_EQ(c[4].term(), 1u);
}

TEST(RaftMembership, OneChangeAtATimeThenPromote) {
  cluster c(3);
  c.elect(1);
  c.add(4, {1, 2, 3});  // a joining node starts with the current voters
  ASSERT_NE(c[1].propose_conf_change(conf_change{conf_change::add_learner, 4}), 0u);
  EXPECT_EQ(c[1].propose_conf_change(conf_change{conf_change::add_voter, 5}), 0u);  // first not applied yet
  c.stabilize();
  ASSERT_NE(c[1].propose_conf_change(conf_change{conf_change::add_voter, 4}), 0u);
  c.stabilize();
  EXPECT_EQ(c[1].membership().voters, (std::vector<node_id>{1, 2, 3, 4}));
  EXPECT_TRUE(c[1].membership().learners.empty());
  // Four voters need three: with 3 and 4 cut off, nothing commits.
  c.isolate(3);
  c.isolate(4);
  c.propose(1, "needs-three");
  EXPECT_TRUE(c.peers[1].applied.empty());
  c.heal();
  c.tick_all(2);
  EXPECT_EQ(data_of(c.peers[1].applied), (std::vector<std::string>{"needs-three"}));
}

TEST(RaftMembership, RemovedLeaderStepsDownAndTheRestElect) {
  cluster c(3);
  c.elect(1);
  ASSERT_NE(c[1].propose_conf_change(conf_change{conf_change::remove_node, 1}), 0u);
  c.stabilize();
  EXPECT_NE(c[1].state(), role::leader);
  EXPECT_EQ(c[2].membership().voters, (std::vector<node_id>{2, 3}));
  c.isolate(1);
  for (int i = 0; i < 40 && c.leaders().empty(); ++i)
    c.tick_all();
  ASSERT_EQ(c.leaders().size(), 1u);
  EXPECT_NE(c.leaders()[0], 1u);
}

TEST(RaftMembership, RemovingAVoterShrinksTheQuorum) {
  cluster c(3);
  c.elect(1);
  ASSERT_NE(c[1].propose_conf_change(conf_change{conf_change::remove_node, 3}), 0u);
  c.stabilize();
  c.isolate(3);
  c.propose(1, "two-of-two");
  EXPECT_EQ(data_of(c.peers[2].applied), (std::vector<std::string>{"two-of-two"}));
}

}  // namespace
}  // namespace navarch::raft
