// A single store replica in a real actor system: what only the replica has (limits, batch bounds, data directory
// errors). What every backend promises is in store_conformance_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/store/mvcc.hpp"
#include "actors/store/replica/store_replica.hpp"
#include "messages/registry.hpp"
#include "tests/e2e/scratch_dir.hpp"
#include "tests/integration/store_client.hpp"

using namespace navarch;
using namespace navarch::store::testing;
using namespace std::chrono_literals;

namespace {

const std::string all_end(1, '\0');

class StoreReplica : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void TearDown() override { stop(); }

  void start(store::store_replica_options opts = {}) {
    cfg_ = std::make_unique<caf::actor_system_config>();
    msg::register_messages(*cfg_);
    sys_ = std::make_unique<caf::actor_system>(*cfg_);
    opts.data_dir = dir_.path().string();
    store_ = store::spawn_store_replica(*sys_, opts);
  }
  void stop() {
    if (!sys_)
      return;
    caf::anon_send_exit(store_, caf::exit_reason::user_shutdown);
    store_ = nullptr;
    sys_.reset();  // waits for every actor, so the Raft log is closed afterwards
    cfg_.reset();
  }

  template <class Resp, class... Req>
  Resp call(const Req&... req) {
    return store_call<Resp>(*sys_, store_, 5s, req...);
  }

  msg::txn_response put(const std::string& k, const std::string& v) {
    return call<msg::txn_response>(txn_of(put_op(k, v)));
  }

  e2e::scratch_dir dir_{"navarch-store-it-"};
  std::unique_ptr<caf::actor_system_config> cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  msg::store_actor store_;
};

msg::watch_batch next_batch(caf::scoped_actor& self) { return store::testing::next_batch(self, 5s); }

}  // namespace

TEST_F(StoreReplica, RequestsOverTheSizeLimitAreRefusedAndNothingIsWritten) {
  EXPECT_EQ(put("/big", std::string(store::max_request_bytes + 1, 'x')).error, msg::store_too_large);
  auto all = call<msg::range_response>(msg::range_request{"/", all_end, 0, 0, true});
  EXPECT_EQ(all.count, 0);
  EXPECT_EQ(all.revision, 1);
  EXPECT_EQ(put("/small", "x").revision, 2);
}

TEST_F(StoreReplica, WithoutAQuorumRequestsWaitForALeaderThenFailAsUnavailable) {
  stop();
  store::store_replica_options lonely;
  lonely.peers = {1, 2, 3};  // its two peers never show up: no leader can be elected
  lonely.leader_wait = std::chrono::milliseconds(300);
  start(lonely);
  const auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(put("/q", "x").error, msg::store_unavailable);
  EXPECT_EQ(call<msg::range_response>(range_req("/q")).error, msg::store_unavailable);
  const auto waited = std::chrono::steady_clock::now() - begin;
  EXPECT_GE(waited, std::chrono::milliseconds(500));  // each waited for a leader first
  EXPECT_LT(waited, std::chrono::seconds(3));
}

TEST_F(StoreReplica, BatchesAreBoundedButNeverSplitARevision) {
  stop();
  store::store_replica_options small;
  small.max_batch_events = 2;
  start(small);
  msg::txn_request three;
  three.success = {put_op("/b/1", "x"), put_op("/b/2", "x"), put_op("/b/3", "x")};
  call<msg::txn_response>(three);  // 2
  put("/b/4", "x");                // 3
  put("/b/5", "x");                // 4
  put("/b/6", "x");                // 5
  caf::scoped_actor sub{*sys_};
  ASSERT_EQ(call<msg::watch_response>(watch_req("/b/", "/b0", 2), caf::actor_cast<caf::actor>(sub)).error,
            msg::store_ok);
  std::vector<std::vector<int64_t>> batches;
  for (int i = 0; i < 3; ++i) {
    batches.emplace_back();
    for (const auto& ev : next_batch(sub).events)
      batches.back().push_back(ev.kv.mod_revision);
  }
  EXPECT_EQ(batches, (std::vector<std::vector<int64_t>>{{2, 2, 2}, {3, 4}, {5}}));
}

TEST(StoreReplicaSpawn, UnusableDataDirectoryThrowsWithThePath) {
  e2e::scratch_dir dir{"navarch-store-bad-"};
  const std::string file = (dir.path() / "plain-file").string();
  e2e::write_file(file, "x");
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  try {
    store::spawn_store_replica(sys, {file + "/data"});
    ADD_FAILURE() << "spawned on an unusable directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
}
