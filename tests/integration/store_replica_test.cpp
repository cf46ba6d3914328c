// A single store replica in a real actor system: protocol, watches, durability across restarts.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <thread>

#include <caf/all.hpp>

#include "actors/store/mvcc.hpp"
#include "actors/store/replica/store_replica.hpp"
#include "messages/registry.hpp"
#include "tests/integration/store_client.hpp"

using namespace navarch;
using namespace navarch::store::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string all_end(1, '\0');

class StoreReplica : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "navarch-store-it-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    start();
  }
  void TearDown() override {
    stop();
    fs::remove_all(dir_);
  }

  void start(store::store_replica_options opts = {}) {
    cfg_ = std::make_unique<caf::actor_system_config>();
    msg::register_messages(*cfg_);
    sys_ = std::make_unique<caf::actor_system>(*cfg_);
    opts.data_dir = dir_;
    store_ = store::spawn_store_replica(*sys_, opts);
  }
  void stop() {
    if (!sys_)
      return;
    caf::anon_send_exit(store_, caf::exit_reason::user_shutdown);
    store_ = nullptr;
    sys_.reset();  // waits for every actor, so the WAL is closed afterwards
    cfg_.reset();
  }

  template <class Resp, class... Req>
  Resp call(const Req&... req) {
    return store_call<Resp>(*sys_, store_, 5s, req...);
  }

  msg::txn_response put(const std::string& k, const std::string& v) {
    return call<msg::txn_response>(txn_of(put_op(k, v)));
  }

  std::string dir_;
  std::unique_ptr<caf::actor_system_config> cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  msg::store_actor store_;
};

msg::watch_batch next_batch(caf::scoped_actor& self) { return store::testing::next_batch(self, 5s); }

}  // namespace

TEST_F(StoreReplica, PutGetAndTxnConflict) {
  auto w = put("/registry/pods/default/a", "{\"v\":1}");
  EXPECT_EQ(w.error, msg::store_ok);
  EXPECT_EQ(w.revision, 2);
  auto got = call<msg::range_response>(range_req("/registry/pods/default/a"));
  ASSERT_EQ(got.kvs.size(), 1u);
  EXPECT_EQ(got.kvs[0].value, "{\"v\":1}");
  EXPECT_EQ(got.revision, 2);

  msg::txn_request update;
  update.compares = {cmp_num("/registry/pods/default/a", msg::compare::mod, msg::compare::equal, 2)};
  update.success = {put_op("/registry/pods/default/a", "{\"v\":2}")};
  update.failure = {range_op("/registry/pods/default/a")};
  auto first = call<msg::txn_response>(update);
  EXPECT_TRUE(first.succeeded);
  EXPECT_EQ(first.revision, 3);
  auto second = call<msg::txn_response>(update);
  EXPECT_FALSE(second.succeeded);
  EXPECT_EQ(second.revision, 3);
  ASSERT_EQ(second.responses.size(), 1u);
  EXPECT_EQ(second.responses[0].range.kvs.at(0).mod_revision, 3);

  EXPECT_EQ(put("/big", std::string(store::max_request_bytes + 1, 'x')).error, msg::store_too_large);
  EXPECT_EQ(call<msg::range_response>(range_req("/a", {}, 99)).error, msg::store_future_revision);
}

TEST_F(StoreReplica, WatchFromNowGetsLiveEventsInRevisionOrder) {
  caf::scoped_actor sub{*sys_};
  auto resp = call<msg::watch_response>(watch_req("/p/", "/p0"), caf::actor_cast<caf::actor>(sub));
  ASSERT_EQ(resp.error, msg::store_ok);
  ASSERT_GT(resp.watch_id, 0);
  put("/q/outside", "x");
  put("/p/a", "1");
  msg::txn_request both;
  both.success = {put_op("/p/b", "1"), del_op("/p/a")};
  call<msg::txn_response>(both);

  std::vector<msg::watch_event> seen;
  while (seen.size() < 3) {
    auto b = next_batch(sub);
    if (b.events.empty())
      break;
    EXPECT_EQ(b.watch_id, resp.watch_id);
    seen.insert(seen.end(), b.events.begin(), b.events.end());
  }
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].kv.key, "/p/a");
  EXPECT_EQ(seen[0].kv.mod_revision, 3);
  EXPECT_EQ(seen[1].kv.key, "/p/b");
  EXPECT_EQ(seen[2].type, msg::watch_event::del);
  EXPECT_EQ(seen[2].kv.mod_revision, 4);
  EXPECT_EQ(seen[2].prev_kv.version, 0);  // not asked for

  caf::anon_send(store_, msg::watch_cancel{resp.watch_id});
  EXPECT_TRUE(next_batch(sub).canceled);
}

TEST_F(StoreReplica, WatchFromHistoryReplaysThenGoesLive) {
  put("/k/a", "1");  // 2
  put("/k/a", "2");  // 3
  put("/k/b", "1");  // 4
  caf::scoped_actor sub{*sys_};
  auto resp = call<msg::watch_response>(watch_req("/k/", "/k0", 3, true), caf::actor_cast<caf::actor>(sub));
  ASSERT_EQ(resp.error, msg::store_ok);
  auto history = next_batch(sub);
  ASSERT_EQ(history.events.size(), 2u);
  EXPECT_EQ(history.events[0].kv.mod_revision, 3);
  EXPECT_EQ(history.events[0].prev_kv.value, "1");
  EXPECT_EQ(history.events[1].kv.key, "/k/b");
  put("/k/c", "1");  // 5
  auto live = next_batch(sub);
  ASSERT_EQ(live.events.size(), 1u);
  EXPECT_EQ(live.events[0].kv.mod_revision, 5);

  EXPECT_EQ(call<msg::compact_response>(msg::compact_request{4}).error, msg::store_ok);
  auto old = call<msg::watch_response>(watch_req("/k/", "/k0", 2), caf::actor_cast<caf::actor>(sub));
  EXPECT_EQ(old.error, msg::store_compacted);
  EXPECT_EQ(old.compact_revision, 4);
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

TEST_F(StoreReplica, RestartKeepsEveryAcknowledgedWrite) {
  // Many writes in flight at once, so several share one fsync.
  constexpr int n = 200;
  std::set<int64_t> revisions;
  {
    caf::scoped_actor self{*sys_};
    for (int i = 0; i < n; ++i)
      self->send(store_, txn_of(put_op("/r/" + std::to_string(i), std::to_string(i))));
    for (int i = 0; i < n; ++i)
      self->receive([&](msg::txn_response& r) { revisions.insert(r.revision); },
                    caf::after(5s) >> [] { ADD_FAILURE() << "missing ack"; });
  }
  ASSERT_EQ(revisions.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(*revisions.rbegin(), n + 1);
  ASSERT_EQ(call<msg::compact_response>(msg::compact_request{50}).error, msg::store_ok);
  stop();
  start();
  auto all = call<msg::range_response>(range_req("/r/", "/r0"));
  EXPECT_EQ(all.count, n);
  EXPECT_EQ(all.revision, n + 1);
  EXPECT_EQ(call<msg::range_response>(range_req("/r/", "/r0", 49)).error, msg::store_compacted);
  EXPECT_EQ(put("/r/next", "x").revision, n + 2);
}

TEST_F(StoreReplica, SubscriberDeathAndCancelFreeTheirWatches) {
  stop();
  store::store_replica_options one_watch;
  one_watch.max_watches = 1;  // so a freed slot is observable
  start(one_watch);
  auto quiet = sys_->spawn([]() -> caf::behavior { return {[](const msg::watch_batch&) {}}; });
  auto first = call<msg::watch_response>(watch_req("/a", ""), quiet);
  ASSERT_EQ(first.error, msg::store_ok);
  {
    caf::scoped_actor self{*sys_};
    bool refused = false;
    self->request(store_, 5s, watch_req("/b", ""), quiet)
        .receive([](msg::watch_response&) {},
                 [&](caf::error& e) { refused = sys_->render(e).find("watch limit") != std::string::npos; });
    EXPECT_TRUE(refused);
  }
  caf::anon_send_exit(quiet, caf::exit_reason::kill);
  caf::scoped_actor sub{*sys_};
  msg::watch_response again;
  for (int attempt = 0; attempt < 100 && again.watch_id == 0; ++attempt) {
    sub->request(store_, 5s, watch_req("/c", ""), caf::actor_cast<caf::actor>(sub))
        .receive([&](msg::watch_response& r) { again = r; }, [&](caf::error&) { std::this_thread::sleep_for(20ms); });
  }
  ASSERT_GT(again.watch_id, 0) << "the dead subscriber's watch was never dropped";
  caf::anon_send(store_, msg::watch_cancel{again.watch_id});
  EXPECT_TRUE(next_batch(sub).canceled);
  EXPECT_EQ(call<msg::watch_response>(watch_req("/d", ""), caf::actor_cast<caf::actor>(sub)).error,
            msg::store_ok);
}

TEST(StoreReplicaSpawn, UnusableDataDirectoryThrowsWithThePath) {
  std::string tmpl = (fs::temp_directory_path() / "navarch-store-bad-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  std::string file = tmpl + "/plain-file";
  { std::ofstream(file) << "x"; }
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  try {
    store::spawn_store_replica(sys, {file + "/data"});
    ADD_FAILURE() << "spawned on an unusable directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
  fs::remove_all(tmpl);
}
