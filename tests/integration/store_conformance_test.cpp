// What every store backend promises through msg::store_actor, checked once against each: Navarch's Raft replica
// (one replica, in-process) and a real etcd 3.4 through the etcd backend. Backend-only behaviour is tested in
// store_replica_test.cpp and etcd_store_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "actors/store/etcd/endpoints.hpp"
#include "actors/store/etcd/etcd_store.hpp"
#include "actors/store/replica/store_replica.hpp"
#include "messages/registry.hpp"
#include "tests/e2e/etcd_server.hpp"
#include "tests/e2e/scratch_dir.hpp"
#include "tests/integration/store_client.hpp"

using namespace navarch;
using namespace navarch::store::testing;
using namespace std::chrono_literals;

namespace {

const std::string all_keys_end(1, '\0');  // as range_end: every key from `key` on

// One backend: spawns its store, and can make it lose everything but its durable state.
class backend {
 public:
  virtual ~backend() = default;
  virtual msg::store_actor spawn(caf::actor_system& sys, std::size_t max_watches) = 0;
  // The store's process dies and comes back on the same data (the caller respawns the store actor).
  virtual void restart() = 0;
};

class replica_backend : public backend {
 public:
  msg::store_actor spawn(caf::actor_system& sys, std::size_t max_watches) override {
    store::store_replica_options opts{(dir_.path() / "store").string()};
    opts.max_watches = max_watches;
    return store::spawn_store_replica(sys, opts);
  }
  void restart() override {}  // the respawned actor reopens the same directory

 private:
  e2e::scratch_dir dir_{"navarch-conformance-"};
};

class etcd_backend : public backend {
 public:
  msg::store_actor spawn(caf::actor_system& sys, std::size_t max_watches) override {
    etcd::etcd_options opts;
    opts.endpoints = std::get<std::vector<http::endpoint>>(etcd::parse_endpoints(etcd_.endpoint()));
    opts.request_timeout = 3s;
    opts.connect_timeout = 1s;
    opts.max_watches = max_watches;
    return etcd::spawn_etcd_store(sys, opts);
  }
  void restart() override {
    etcd_.kill();
    etcd_.start();
  }

 private:
  e2e::etcd_server etcd_;
};

bool etcd_available() { return std::system("command -v etcd >/dev/null 2>&1") == 0; }

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "etcd") {
      if (!etcd_available())
        GTEST_SKIP() << "etcd is not on PATH: the etcd backend is not checked (install etcd-server)";
      backend_ = std::make_unique<etcd_backend>();
    } else {
      backend_ = std::make_unique<replica_backend>();
    }
    msg::register_messages(cfg_);
    sys_ = std::make_unique<caf::actor_system>(cfg_);
    start();
  }
  void TearDown() override {
    if (store_) caf::anon_send_exit(store_, caf::exit_reason::user_shutdown);
    store_ = nullptr;
    sys_.reset();
  }

  void start(std::size_t max_watches = 1000) {
    if (store_) caf::anon_send_exit(store_, caf::exit_reason::user_shutdown);
    store_ = backend_->spawn(*sys_, max_watches);
  }
  // The store goes away with its process and comes back from its disk.
  void restart() {
    {
      caf::scoped_actor self{*sys_};
      self->monitor(store_);
      caf::anon_send_exit(store_, caf::exit_reason::kill);
      self->receive([](const caf::down_msg&) {});  // gone, with its files closed
    }
    store_ = nullptr;
    backend_->restart();
    start();
  }

  template <class Resp, class... Req>
  Resp call(const Req&... req) {
    return store_call<Resp>(*sys_, store_, 10s, req...);
  }
  msg::txn_response put(const std::string& k, const std::string& v) {
    return call<msg::txn_response>(txn_of(put_op(k, v)));
  }
  msg::watch_batch next(caf::scoped_actor& sub) { return next_batch(sub, 10s); }
  // Events of watch `id` up to and including revision `last` (a batch never splits a revision), or until a batch
  // comes empty.
  std::vector<msg::watch_event> events_through(caf::scoped_actor& sub, int64_t id, int64_t last) {
    std::vector<msg::watch_event> out;
    while (out.empty() || out.back().kv.mod_revision < last) {
      auto b = next(sub);
      if (b.events.empty()) break;
      EXPECT_EQ(b.watch_id, id);
      out.insert(out.end(), b.events.begin(), b.events.end());
    }
    return out;
  }
  msg::watch_response watch(caf::scoped_actor& sub, msg::watch_request req) {
    return call<msg::watch_response>(req, caf::actor_cast<caf::actor>(sub));
  }

  std::unique_ptr<backend> backend_;
  caf::actor_system_config cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  msg::store_actor store_;
};

TEST_P(StoreConformance, PutGetTxnCompareAndSwapAndPrefixDelete) {
  const std::string binary("v\0\xff\n", 4);  // values are bytes
  auto w = put("/registry/pods/default/a", binary);
  ASSERT_EQ(w.error, msg::store_ok);
  EXPECT_TRUE(w.succeeded);
  EXPECT_EQ(w.revision, 2);  // both start at revision 1
  auto got = call<msg::range_response>(range_req("/registry/pods/default/a"));
  ASSERT_EQ(got.kvs.size(), 1u);
  EXPECT_EQ(got.kvs[0].value, binary);
  EXPECT_EQ(got.kvs[0].create_revision, 2);
  EXPECT_EQ(got.kvs[0].version, 1);
  EXPECT_EQ(got.revision, 2);

  msg::txn_request update;
  update.compares = {cmp_num("/registry/pods/default/a", msg::compare::mod, msg::compare::equal, 2)};
  update.success = {put_op("/registry/pods/default/a", "{\"v\":2}", true)};
  update.failure = {range_op("/registry/pods/default/a")};
  auto first = call<msg::txn_response>(update);
  EXPECT_TRUE(first.succeeded);
  EXPECT_EQ(first.revision, 3);
  ASSERT_EQ(first.responses.size(), 1u);
  ASSERT_EQ(first.responses[0].prev_kvs.size(), 1u);
  EXPECT_EQ(first.responses[0].prev_kvs[0].value, binary);
  auto second = call<msg::txn_response>(update);  // the same compare, now stale
  EXPECT_EQ(second.error, msg::store_ok);
  EXPECT_FALSE(second.succeeded);
  EXPECT_EQ(second.revision, 3);
  ASSERT_EQ(second.responses.size(), 1u);
  EXPECT_EQ(second.responses[0].range.kvs.at(0).mod_revision, 3);

  // Create-if-absent, as the apiserver writes new objects; a value compare; then a prefix delete with prev_kv.
  msg::txn_request create;
  create.compares = {cmp_num("/registry/pods/default/b", msg::compare::version, msg::compare::equal, 0)};
  create.success = {put_op("/registry/pods/default/b", "b")};
  EXPECT_TRUE(call<msg::txn_response>(create).succeeded);
  EXPECT_FALSE(call<msg::txn_response>(create).succeeded);
  msg::txn_request by_value;
  by_value.compares = {cmp_value("/registry/pods/default/b", msg::compare::equal, "b")};
  by_value.success = {put_op("/registry/pods/default/b", "b2")};
  EXPECT_TRUE(call<msg::txn_response>(by_value).succeeded);
  EXPECT_FALSE(call<msg::txn_response>(by_value).succeeded);
  auto del = call<msg::txn_response>(txn_of(del_op("/registry/pods/", "/registry/pods0", true)));
  ASSERT_EQ(del.responses.size(), 1u);
  EXPECT_EQ(del.responses[0].deleted, 2);
  EXPECT_EQ(del.responses[0].prev_kvs.size(), 2u);
  auto count = call<msg::range_response>(msg::range_request{"/registry/", "/registry0", 0, 0, true});
  EXPECT_EQ(count.count, 0);
  EXPECT_TRUE(count.kvs.empty());

  EXPECT_EQ(call<msg::range_response>(range_req("/a", {}, 99)).error, msg::store_future_revision);
  EXPECT_EQ(put("/big", std::string(2 * 1024 * 1024, 'x')).error, msg::store_too_large);
}

TEST_P(StoreConformance, TxnComparesEveryTargetWithEveryResult) {
  put("/t/a", "1");  // 2
  put("/t/a", "2");  // 3: create 2, mod 3, version 2, value "2"
  using c = msg::compare;
  struct row {
    msg::compare cmp;
    bool holds;
  };
  const std::vector<row> rows = {
      {cmp_num("/t/a", c::mod, c::equal, 3), true},
      {cmp_num("/t/a", c::mod, c::not_equal, 3), false},
      {cmp_num("/t/a", c::mod, c::greater, 2), true},
      {cmp_num("/t/a", c::mod, c::less, 3), false},
      {cmp_num("/t/a", c::create, c::equal, 2), true},
      {cmp_num("/t/a", c::create, c::not_equal, 3), true},
      {cmp_num("/t/a", c::create, c::greater, 2), false},
      {cmp_num("/t/a", c::create, c::less, 3), true},
      {cmp_num("/t/a", c::version, c::equal, 1), false},
      {cmp_num("/t/a", c::version, c::not_equal, 1), true},
      {cmp_num("/t/a", c::version, c::greater, 1), true},
      {cmp_num("/t/a", c::version, c::less, 2), false},
      {cmp_value("/t/a", c::equal, "2"), true},
      {cmp_value("/t/a", c::not_equal, "2"), false},
      {cmp_value("/t/a", c::greater, "1"), true},
      {cmp_value("/t/a", c::less, "1"), false},
      // A missing key has zero revisions and version, and fails every value compare.
      {cmp_num("/t/none", c::mod, c::equal, 0), true},
      {cmp_num("/t/none", c::create, c::less, 1), true},
      {cmp_num("/t/none", c::version, c::greater, 0), false},
      {cmp_value("/t/none", c::equal, ""), false},
      {cmp_value("/t/none", c::not_equal, "x"), false},
  };
  for (const auto& [cmp, holds] : rows) {
    msg::txn_request t;
    t.compares = {cmp};
    t.success = {range_op("/t/a")};
    auto r = call<msg::txn_response>(t);
    EXPECT_EQ(r.error, msg::store_ok);
    EXPECT_EQ(r.succeeded, holds) << "target " << int{cmp.target} << ", result " << int{cmp.result} << " on "
                                  << cmp.key;
    EXPECT_EQ(r.revision, 3);  // a read-only txn writes nothing
  }

  // Every compare must hold; otherwise the failure branch runs, and its reads see its own writes.
  msg::txn_request t;
  t.compares = {cmp_num("/t/a", c::version, c::equal, 2), cmp_value("/t/a", c::equal, "1")};
  t.success = {put_op("/t/a", "success")};
  t.failure = {put_op("/t/b", "failure"), range_op("/t/", "/t0")};
  auto r = call<msg::txn_response>(t);
  EXPECT_FALSE(r.succeeded);
  EXPECT_EQ(r.revision, 4);
  ASSERT_EQ(r.responses.size(), 2u);
  EXPECT_EQ(r.responses[0].kind, msg::request_op::put);
  ASSERT_EQ(r.responses[1].range.kvs.size(), 2u);
  EXPECT_EQ(r.responses[1].range.kvs[1].value, "failure");
  EXPECT_EQ(call<msg::range_response>(range_req("/t/a")).kvs.at(0).value, "2");
}

TEST_P(StoreConformance, DeletesReportWhatTheyRemovedAndDeletingNothingWritesNothing) {
  put("/d/a", "1");  // 2
  put("/d/b", "2");  // 3
  put("/d/c", "3");  // 4
  auto none = call<msg::txn_response>(txn_of(del_op("/d/missing", {}, true)));
  EXPECT_TRUE(none.succeeded);
  EXPECT_EQ(none.revision, 4);
  ASSERT_EQ(none.responses.size(), 1u);
  EXPECT_EQ(none.responses[0].deleted, 0);
  EXPECT_TRUE(none.responses[0].prev_kvs.empty());

  auto one = call<msg::txn_response>(txn_of(del_op("/d/a")));  // one key, prev_kv not asked for
  EXPECT_EQ(one.revision, 5);
  ASSERT_EQ(one.responses.size(), 1u);
  EXPECT_EQ(one.responses[0].deleted, 1);
  EXPECT_TRUE(one.responses[0].prev_kvs.empty());

  auto range = call<msg::txn_response>(txn_of(del_op("/d/b", "/d/d", true)));  // [/d/b, /d/d)
  EXPECT_EQ(range.revision, 6);
  ASSERT_EQ(range.responses.size(), 1u);
  EXPECT_EQ(range.responses[0].deleted, 2);
  ASSERT_EQ(range.responses[0].prev_kvs.size(), 2u);
  EXPECT_EQ(range.responses[0].prev_kvs[0].key, "/d/b");
  EXPECT_EQ(range.responses[0].prev_kvs[0].mod_revision, 3);
  EXPECT_EQ(range.responses[0].prev_kvs[1].value, "3");

  EXPECT_EQ(call<msg::range_response>(range_req("/d/", "/d0")).count, 0);
  EXPECT_EQ(call<msg::range_response>(range_req("/d/", "/d0", 5)).kvs.size(), 2u);  // the past still has them
}

TEST_P(StoreConformance, RangeLimitCountAndPastRevisions) {
  for (int i = 0; i < 5; ++i)
    put("/l/" + std::to_string(i), std::to_string(i));  // revisions 2..6
  auto page = call<msg::range_response>(msg::range_request{"/l/", "/l0", 0, 2, false});
  ASSERT_EQ(page.kvs.size(), 2u);
  EXPECT_TRUE(page.more);
  EXPECT_EQ(page.count, 5);
  EXPECT_EQ(page.kvs[1].key, "/l/1");
  auto old = call<msg::range_response>(msg::range_request{"/l/", "/l0", 3, 0, false});
  EXPECT_EQ(old.kvs.size(), 2u);  // as of revision 3
}

TEST_P(StoreConformance, WatchFromNowGetsLiveEventsInRevisionOrder) {
  caf::scoped_actor sub{*sys_};
  auto resp = call<msg::watch_response>(watch_req("/p/", "/p0"), caf::actor_cast<caf::actor>(sub));
  ASSERT_EQ(resp.error, msg::store_ok);
  ASSERT_GT(resp.watch_id, 0);
  put("/q/outside", "x");  // 2
  put("/p/a", "1");        // 3
  msg::txn_request both;
  both.success = {put_op("/p/b", "1"), del_op("/p/a")};
  call<msg::txn_response>(both);  // 4

  auto seen = events_through(sub, resp.watch_id, 4);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].kv.key, "/p/a");
  EXPECT_EQ(seen[0].kv.mod_revision, 3);
  EXPECT_EQ(seen[1].kv.key, "/p/b");
  EXPECT_EQ(seen[1].kv.mod_revision, 4);
  EXPECT_EQ(seen[2].type, msg::watch_event::del);
  EXPECT_EQ(seen[2].kv.mod_revision, 4);
  EXPECT_EQ(seen[2].prev_kv.version, 0);  // not asked for

  caf::anon_send(store_, msg::watch_cancel{resp.watch_id});
  EXPECT_TRUE(next(sub).canceled);
}

TEST_P(StoreConformance, WatchFromHistoryReplaysWithPrevKvThenGoesLive) {
  put("/k/a", "1");  // 2
  put("/k/a", "2");  // 3
  put("/k/b", "1");  // 4
  caf::scoped_actor sub{*sys_};
  auto resp = call<msg::watch_response>(watch_req("/k/", "/k0", 3, true), caf::actor_cast<caf::actor>(sub));
  ASSERT_EQ(resp.error, msg::store_ok);
  auto history = events_through(sub, resp.watch_id, 4);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].kv.mod_revision, 3);
  EXPECT_EQ(history[0].prev_kv.value, "1");
  EXPECT_EQ(history[1].kv.key, "/k/b");
  put("/k/c", "1");  // 5
  auto live = next(sub);
  ASSERT_EQ(live.events.size(), 1u);
  EXPECT_EQ(live.events[0].kv.mod_revision, 5);
}

TEST_P(StoreConformance, WatchWithPrevKvCarriesWhatEachWriteReplaced) {
  caf::scoped_actor sub{*sys_};
  auto resp = watch(sub, watch_req("/v/", "/v0", 0, true));
  ASSERT_EQ(resp.error, msg::store_ok);
  put("/v/a", "1");                                          // 2
  put("/v/a", "2");                                          // 3
  call<msg::txn_response>(txn_of(del_op("/v/", "/v0")));  // 4
  auto seen = events_through(sub, resp.watch_id, 4);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].prev_kv.version, 0);  // nothing before the first write
  EXPECT_EQ(seen[1].prev_kv.value, "1");
  EXPECT_EQ(seen[1].prev_kv.mod_revision, 2);
  EXPECT_EQ(seen[2].type, msg::watch_event::del);
  EXPECT_EQ(seen[2].kv.key, "/v/a");
  EXPECT_EQ(seen[2].kv.mod_revision, 4);
  EXPECT_EQ(seen[2].prev_kv.value, "2");
  EXPECT_EQ(seen[2].prev_kv.version, 2);
}

TEST_P(StoreConformance, WatchesSeeOnlyTheirKeyRange) {
  caf::scoped_actor one_key{*sys_}, half_open{*sys_}, from_key{*sys_};
  auto w1 = watch(one_key, watch_req("/w/a", ""));             // just /w/a
  auto w2 = watch(half_open, watch_req("/w/b", "/w/d"));       // [/w/b, /w/d)
  auto w3 = watch(from_key, watch_req("/w/c", all_keys_end));  // every key from /w/c on
  ASSERT_EQ(w1.error, msg::store_ok);
  ASSERT_EQ(w2.error, msg::store_ok);
  ASSERT_EQ(w3.error, msg::store_ok);
  put("/w/ab", "x");  // 2: none
  put("/w/d", "x");   // 3: from /w/c
  put("/w/b", "x");   // 4: [/w/b, /w/d)
  put("/x", "x");     // 5: from /w/c
  put("/w/", "x");    // 6: none
  msg::txn_request last;  // 7: one key for every watch, so each one's events end here
  last.success = {put_op("/w/a", "x"), put_op("/w/c", "x")};
  call<msg::txn_response>(last);
  using seen = std::vector<std::pair<std::string, int64_t>>;
  auto keys = [&](caf::scoped_actor& sub, int64_t id) {
    seen out;
    for (const auto& ev : events_through(sub, id, 7)) out.emplace_back(ev.kv.key, ev.kv.mod_revision);
    return out;
  };
  EXPECT_EQ(keys(one_key, w1.watch_id), (seen{{"/w/a", 7}}));
  EXPECT_EQ(keys(half_open, w2.watch_id), (seen{{"/w/b", 4}, {"/w/c", 7}}));
  EXPECT_EQ(keys(from_key, w3.watch_id), (seen{{"/w/d", 3}, {"/x", 5}, {"/w/c", 7}}));
}

TEST_P(StoreConformance, CompactionFailsOldReadsAndOldWatches) {
  put("/c/a", "1");  // 2
  put("/c/a", "2");  // 3
  put("/c/a", "3");  // 4
  auto compacted = call<msg::compact_response>(msg::compact_request{4});
  EXPECT_EQ(compacted.error, msg::store_ok);
  EXPECT_EQ(compacted.revision, 4);
  EXPECT_EQ(call<msg::compact_response>(msg::compact_request{3}).error, msg::store_compacted);
  EXPECT_EQ(call<msg::compact_response>(msg::compact_request{50}).error, msg::store_future_revision);
  EXPECT_EQ(call<msg::range_response>(range_req("/c/a", {}, 3)).error, msg::store_compacted);
  EXPECT_EQ(call<msg::range_response>(range_req("/c/a", {}, 4)).kvs.at(0).value, "3");

  // A watch from before the compaction point fails with it: refused at once (the replica) or accepted and then
  // canceled with it (etcd decides after creating the watch).
  caf::scoped_actor sub{*sys_};
  auto old = call<msg::watch_response>(watch_req("/c/", "/c0", 2), caf::actor_cast<caf::actor>(sub));
  if (old.error == msg::store_compacted) {
    EXPECT_EQ(old.compact_revision, 4);
  } else {
    ASSERT_EQ(old.error, msg::store_ok);
    auto last = next(sub);
    EXPECT_TRUE(last.canceled);
    EXPECT_EQ(last.watch_id, old.watch_id);
    EXPECT_EQ(last.compact_revision, 4);
    EXPECT_TRUE(last.events.empty());
  }
}

TEST_P(StoreConformance, SubscriberDeathAndCancelFreeTheirWatches) {
  start(1);  // one watch at most, so a freed slot is observable
  // A stateless spawn with no arguments trips UBSan inside CAF 0.17 (init_fun_factory), so it takes one.
  auto quiet = sys_->spawn([](int) -> caf::behavior { return {[](const msg::watch_batch&) {}}; }, 0);
  ASSERT_EQ(call<msg::watch_response>(watch_req("/a", ""), quiet).error, msg::store_ok);
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
  EXPECT_TRUE(next(sub).canceled);
  EXPECT_EQ(call<msg::watch_response>(watch_req("/d", ""), caf::actor_cast<caf::actor>(sub)).error, msg::store_ok);
}

TEST_P(StoreConformance, ConcurrentWritesAreEachAcknowledgedOnceAndSurviveARestart) {
  constexpr int n = 200;
  std::set<int64_t> revisions;
  {
    caf::scoped_actor self{*sys_};
    for (int i = 0; i < n; ++i)
      self->send(store_, txn_of(put_op("/r/" + std::to_string(i), std::to_string(i))));
    for (int i = 0; i < n; ++i)
      self->receive(
          [&](msg::txn_response& r) {
            EXPECT_EQ(r.error, msg::store_ok);
            revisions.insert(r.revision);
          },
          caf::after(10s) >> [] { ADD_FAILURE() << "missing ack"; });
  }
  ASSERT_EQ(revisions.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(*revisions.begin(), 2);
  EXPECT_EQ(*revisions.rbegin(), n + 1);
  ASSERT_EQ(call<msg::compact_response>(msg::compact_request{50}).error, msg::store_ok);

  restart();
  msg::range_response all;
  for (int attempt = 0; attempt < 50; ++attempt) {  // a restarted etcd takes a moment to serve again
    all = call<msg::range_response>(range_req("/r/", "/r0"));
    if (all.error == msg::store_ok) break;
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(all.error, msg::store_ok);
  EXPECT_EQ(all.count, n);
  EXPECT_EQ(all.revision, n + 1);
  EXPECT_EQ(call<msg::range_response>(range_req("/r/", "/r0", 49)).error, msg::store_compacted);
  EXPECT_EQ(put("/r/next", "x").revision, n + 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::Values("replica", "etcd"),
                         [](const auto& info) { return info.param; });

}  // namespace
