// A single store replica (the replica core on its on-disk Raft log), driven directly: every acknowledged write
// survives restarts, whether the state comes back from the log, from a snapshot, or from both; reads are served
// at the applied state.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <variant>

#include "actors/store/replica/raft_disk.hpp"
#include "actors/store/replica/replica_core.hpp"
#include "tests/unit/mvcc_observe.hpp"

using namespace navarch;
using namespace navarch::store;
using namespace navarch::store::testing;
namespace fs = std::filesystem;

namespace {

class ReplicaCore : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "navarch-replica-core-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    open();
  }
  void TearDown() override {
    core_.reset();
    disk_.reset();
    fs::remove_all(dir_);
  }

  // A restart: everything in memory is gone, the replica comes back from its directory.
  void open() {
    core_.reset();
    disk_.reset();
    disk_ = std::make_unique<raft_disk>(dir_);
    replica_options o;
    o.snapshot_every = 16;
    o.snapshot_keep = 4;
    core_ = std::make_unique<replica_core>(o, *disk_);
    core_->process();  // a lone voter elects itself at once
    ASSERT_TRUE(core_->is_leader());
  }

  // Submits one request and processes until its answer comes out.
  replica_reply one(const std::function<bool(replica_core&, uint64_t)>& submit) {
    const uint64_t token = ++token_;
    EXPECT_TRUE(submit(*core_, token));
    for (int round = 0; round < 10; ++round)
      for (auto& r : core_->process().replies)
        if (r.token == token)
          return r;
    ADD_FAILURE() << "no answer for request " << token;
    return {};
  }

  std::string dir_;
  std::unique_ptr<raft_disk> disk_;
  std::unique_ptr<replica_core> core_;
  uint64_t token_ = 0;
};

TEST_F(ReplicaCore, RandomHistoriesSurviveRestartsThroughLogAndSnapshots) {
  std::mt19937 rng(7);
  mvcc expected;
  for (int restart = 0; restart < 6; ++restart) {
    for (int i = 0; i < 40; ++i) {
      if (rng() % 15 == 0 && expected.revision() > expected.compact_revision() + 1) {
        const int64_t to = expected.compact_revision() + 1 +
                           static_cast<int64_t>(rng() % (expected.revision() - expected.compact_revision()));
        auto r = one([to](replica_core& c, uint64_t t) { return c.compact(t, to); });
        EXPECT_EQ(std::get<msg::compact_response>(r.body).error, expected.compact(to).error);
      } else {
        const auto txn = random_txn(rng);
        auto r = one([&txn](replica_core& c, uint64_t t) { return c.txn(t, txn); });
        // Every acknowledged write answers exactly what the reference store answers.
        EXPECT_EQ(dump(txn_result{std::get<msg::txn_response>(r.body), {}}),
                  dump(txn_result{expected.txn(txn).response, {}}));
      }
    }
    ASSERT_EQ(observe(core_->kv()), observe(expected));
    disk_->await_snapshot();
    open();
    ASSERT_EQ(observe(core_->kv()), observe(expected)) << "after restart " << restart;
  }
  // The log was compacted behind snapshots: the state came back from a snapshot plus the entries after it.
  EXPECT_GT(disk_->latest_snapshot().index, 0u);
  EXPECT_GT(disk_->first_index(), 1u);
}

TEST_F(ReplicaCore, LinearizableReadsSeeEveryAcknowledgedWrite) {
  auto w = one([](replica_core& c, uint64_t t) { return c.txn(t, txn_of(put_op("k", "v1"))); });
  ASSERT_EQ(std::get<msg::txn_response>(w.body).error, msg::store_ok);
  auto r = one([](replica_core& c, uint64_t t) { return c.read(t, range_req("k")); });
  const auto& got = std::get<msg::range_response>(r.body);
  ASSERT_EQ(got.kvs.size(), 1u);
  EXPECT_EQ(got.kvs[0].value, "v1");
  EXPECT_EQ(got.revision, std::get<msg::txn_response>(w.body).revision);
}

TEST_F(ReplicaCore, CommittedWritesAreStreamedInRevisionOrder) {
  ASSERT_TRUE(core_->txn(++token_, txn_of(put_op("a", "1"))));
  ASSERT_TRUE(core_->txn(++token_, txn_of(put_op("b", "2"))));
  ASSERT_TRUE(core_->txn(++token_, txn_of(del_op("a"))));
  auto out = core_->process();
  ASSERT_EQ(out.committed.size(), 3u);
  for (std::size_t i = 1; i < out.committed.size(); ++i)
    EXPECT_EQ(out.committed[i].revision, out.committed[i - 1].revision + 1);
  EXPECT_EQ(out.committed[2].events[0].type, msg::watch_event::del);
  EXPECT_EQ(out.replies.size(), 3u);
}

}  // namespace
