// The etcd-backed store against a real etcd: the same protocol checks as store_actor_test.cpp, plus what only a
// remote store has (failover between endpoints, etcd going away).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <set>
#include <thread>

#include <caf/all.hpp>

#include "actors/store/etcd/endpoints.hpp"
#include "actors/store/etcd/etcd_store.hpp"
#include "messages/registry.hpp"
#include "tests/e2e/etcd_server.hpp"
#include "tests/integration/store_client.hpp"

using namespace navarch;
using namespace navarch::store::testing;
using namespace std::chrono_literals;

namespace {

http::endpoint endpoint_of(const std::string& url) {
  return std::get<std::vector<http::endpoint>>(etcd::parse_endpoints(url)).at(0);
}

class EtcdStore : public ::testing::Test {
 protected:
  void SetUp() override {
    etcd_ = std::make_unique<e2e::etcd_server>();
    msg::register_messages(cfg_);
    sys_ = std::make_unique<caf::actor_system>(cfg_);
    start({endpoint_of(etcd_->endpoint())});
  }
  void TearDown() override {
    caf::anon_send_exit(store_, caf::exit_reason::user_shutdown);
    store_ = nullptr;
    sys_.reset();
  }

  void start(std::vector<http::endpoint> endpoints, std::size_t max_watches = 1000) {
    if (store_) caf::anon_send_exit(store_, caf::exit_reason::user_shutdown);
    etcd::etcd_options opts;
    opts.endpoints = std::move(endpoints);
    opts.request_timeout = 3s;
    opts.connect_timeout = 1s;
    opts.max_watches = max_watches;
    store_ = etcd::spawn_etcd_store(*sys_, opts);
  }

  template <class Resp, class... Req>
  Resp call(const Req&... req) {
    return store_call<Resp>(*sys_, store_, 10s, req...);
  }

  msg::txn_response put(const std::string& k, const std::string& v) {
    return call<msg::txn_response>(txn_of(put_op(k, v)));
  }

  std::unique_ptr<e2e::etcd_server> etcd_;
  caf::actor_system_config cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  msg::store_actor store_;
};

msg::watch_batch next_batch(caf::scoped_actor& self) { return store::testing::next_batch(self, 10s); }

}  // namespace

TEST_F(EtcdStore, PutGetAndTxnConflict) {
  const std::string binary("v\0\xff\n", 4);  // values are bytes, carried as base64
  auto w = put("/registry/pods/default/a", binary);
  ASSERT_EQ(w.error, msg::store_ok);
  EXPECT_TRUE(w.succeeded);
  EXPECT_EQ(w.revision, 2);  // etcd starts at 1, as the built-in store does
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
  auto second = call<msg::txn_response>(update);
  EXPECT_EQ(second.error, msg::store_ok);
  EXPECT_FALSE(second.succeeded);
  EXPECT_EQ(second.revision, 3);
  ASSERT_EQ(second.responses.size(), 1u);
  EXPECT_EQ(second.responses[0].range.kvs.at(0).mod_revision, 3);

  // Create-if-absent, as the apiserver writes new objects; then a prefix delete with prev_kv.
  msg::txn_request create;
  create.compares = {cmp_num("/registry/pods/default/b", msg::compare::version, msg::compare::equal, 0)};
  create.success = {put_op("/registry/pods/default/b", "b")};
  EXPECT_TRUE(call<msg::txn_response>(create).succeeded);
  EXPECT_FALSE(call<msg::txn_response>(create).succeeded);
  auto del = call<msg::txn_response>(txn_of(del_op("/registry/pods/", "/registry/pods0", true)));
  ASSERT_EQ(del.responses.size(), 1u);
  EXPECT_EQ(del.responses[0].deleted, 2);
  EXPECT_EQ(del.responses[0].prev_kvs.size(), 2u);
  auto count = call<msg::range_response>(msg::range_request{"/registry/", "/registry0", 0, 0, true});
  EXPECT_EQ(count.count, 0);
  EXPECT_TRUE(count.kvs.empty());

  EXPECT_EQ(call<msg::range_response>(range_req("/a", {}, 99)).error, msg::store_future_revision);
  EXPECT_EQ(put("/big", std::string(1600 * 1024, 'x')).error, msg::store_too_large);      // etcd's limit
  EXPECT_EQ(put("/big", std::string(2 * 1024 * 1024, 'x')).error, msg::store_too_large);  // the gateway's
}

TEST_F(EtcdStore, RangeLimitCountAndRevision) {
  for (int i = 0; i < 5; ++i) put("/l/" + std::to_string(i), std::to_string(i));  // revisions 2..6
  auto page = call<msg::range_response>(msg::range_request{"/l/", "/l0", 0, 2, false});
  ASSERT_EQ(page.kvs.size(), 2u);
  EXPECT_TRUE(page.more);
  EXPECT_EQ(page.count, 5);
  EXPECT_EQ(page.kvs[1].key, "/l/1");
  auto old = call<msg::range_response>(msg::range_request{"/l/", "/l0", 3, 0, false});
  EXPECT_EQ(old.kvs.size(), 2u);
  EXPECT_EQ(old.revision, 6);  // etcd reports the current revision, even for a read in the past
}

TEST_F(EtcdStore, WatchFromNowGetsLiveEventsInRevisionOrder) {
  caf::scoped_actor sub{*sys_};
  auto resp = call<msg::watch_response>(watch_req("/p/", "/p0"), caf::actor_cast<caf::actor>(sub));
  ASSERT_EQ(resp.error, msg::store_ok);
  ASSERT_GT(resp.watch_id, 0);
  put("/q/outside", "x");  // 2
  put("/p/a", "1");        // 3
  msg::txn_request both;
  both.success = {put_op("/p/b", "1"), del_op("/p/a")};
  call<msg::txn_response>(both);  // 4

  std::vector<msg::watch_event> seen;
  while (seen.size() < 3) {
    auto b = next_batch(sub);
    if (b.events.empty()) break;
    EXPECT_EQ(b.watch_id, resp.watch_id);
    seen.insert(seen.end(), b.events.begin(), b.events.end());
  }
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].kv.key, "/p/a");
  EXPECT_EQ(seen[0].kv.mod_revision, 3);
  EXPECT_EQ(seen[1].kv.key, "/p/b");
  EXPECT_EQ(seen[1].kv.mod_revision, 4);
  EXPECT_EQ(seen[2].type, msg::watch_event::del);
  EXPECT_EQ(seen[2].kv.mod_revision, 4);
  EXPECT_EQ(seen[2].prev_kv.version, 0);  // not asked for

  caf::anon_send(store_, msg::watch_cancel{resp.watch_id});
  EXPECT_TRUE(next_batch(sub).canceled);
}

TEST_F(EtcdStore, WatchFromHistoryReplaysThenGoesLive) {
  put("/k/a", "1");  // 2
  put("/k/a", "2");  // 3
  put("/k/b", "1");  // 4
  caf::scoped_actor sub{*sys_};
  auto resp = call<msg::watch_response>(watch_req("/k/", "/k0", 3, true), caf::actor_cast<caf::actor>(sub));
  ASSERT_EQ(resp.error, msg::store_ok);
  std::vector<msg::watch_event> history;
  while (history.size() < 2) {
    auto b = next_batch(sub);
    if (b.events.empty()) break;
    history.insert(history.end(), b.events.begin(), b.events.end());
  }
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].kv.mod_revision, 3);
  EXPECT_EQ(history[0].prev_kv.value, "1");
  EXPECT_EQ(history[1].kv.key, "/k/b");
  put("/k/c", "1");  // 5
  auto live = next_batch(sub);
  ASSERT_EQ(live.events.size(), 1u);
  EXPECT_EQ(live.events[0].kv.mod_revision, 5);
}

TEST_F(EtcdStore, CompactionFailsOldReadsAndCancelsOldWatches) {
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

  // etcd accepts the watch, then cancels it with the compaction point: the subscriber learns it from the batch.
  caf::scoped_actor sub{*sys_};
  auto old = call<msg::watch_response>(watch_req("/c/", "/c0", 2), caf::actor_cast<caf::actor>(sub));
  ASSERT_EQ(old.error, msg::store_ok);
  auto last = next_batch(sub);
  EXPECT_TRUE(last.canceled);
  EXPECT_EQ(last.watch_id, old.watch_id);
  EXPECT_EQ(last.compact_revision, 4);
  EXPECT_TRUE(last.events.empty());
}

TEST_F(EtcdStore, SubscriberDeathAndCancelFreeTheirWatches) {
  start({endpoint_of(etcd_->endpoint())}, 1);  // one watch at most, so a freed slot is observable
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
  EXPECT_TRUE(next_batch(sub).canceled);
  EXPECT_EQ(call<msg::watch_response>(watch_req("/d", ""), caf::actor_cast<caf::actor>(sub)).error, msg::store_ok);
}

TEST_F(EtcdStore, FailsOverFromADeadEndpoint) {
  const http::endpoint dead{"127.0.0.1", 1};  // nothing listens there: connections are refused
  start({dead, endpoint_of(etcd_->endpoint())});
  EXPECT_EQ(put("/f", "1").error, msg::store_ok);
  EXPECT_EQ(call<msg::range_response>(range_req("/f")).kvs.size(), 1u);
  caf::scoped_actor sub{*sys_};
  ASSERT_EQ(call<msg::watch_response>(watch_req("/f", ""), caf::actor_cast<caf::actor>(sub)).error, msg::store_ok);
  put("/f", "2");
  auto b = next_batch(sub);
  ASSERT_EQ(b.events.size(), 1u);
  EXPECT_EQ(b.events[0].kv.value, "2");
}

TEST_F(EtcdStore, EtcdGoingAwayFailsRequestsAndCancelsWatches) {
  caf::scoped_actor sub{*sys_};
  ASSERT_EQ(call<msg::watch_response>(watch_req("/g", ""), caf::actor_cast<caf::actor>(sub)).error, msg::store_ok);
  etcd_.reset();  // kills etcd
  auto last = next_batch(sub);
  EXPECT_TRUE(last.canceled);
  EXPECT_EQ(put("/g", "1").error, msg::store_unavailable);
  EXPECT_EQ(call<msg::range_response>(range_req("/g")).error, msg::store_unavailable);
}

TEST_F(EtcdStore, ManyConcurrentWritesAreEachAcknowledgedOnce) {
  // More requests in flight than the keep-alive pool holds: extra connections open, and every reply arrives.
  constexpr int n = 200;
  std::set<int64_t> revisions;
  caf::scoped_actor self{*sys_};
  for (int i = 0; i < n; ++i) self->send(store_, txn_of(put_op("/m/" + std::to_string(i), std::to_string(i))));
  for (int i = 0; i < n; ++i)
    self->receive([&](msg::txn_response& r) { EXPECT_EQ(r.error, msg::store_ok); revisions.insert(r.revision); },
                  caf::after(10s) >> [] { ADD_FAILURE() << "missing ack"; });
  ASSERT_EQ(revisions.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(*revisions.begin(), 2);
  EXPECT_EQ(*revisions.rbegin(), n + 1);
  EXPECT_EQ(call<msg::range_response>(msg::range_request{"/m/", "/m0", 0, 0, true}).count, n);
}

TEST_F(EtcdStore, WatchSurvivesAnEtcdRestartWithoutLosingOrRepeatingEvents) {
  caf::scoped_actor sub{*sys_};
  auto resp = call<msg::watch_response>(watch_req("/w/", "/w0"), caf::actor_cast<caf::actor>(sub));
  ASSERT_EQ(resp.error, msg::store_ok);
  put("/w/a", "1");  // 2
  auto before = next_batch(sub);
  ASSERT_EQ(before.events.size(), 1u);
  EXPECT_EQ(before.events[0].kv.mod_revision, 2);
  etcd_->kill();
  EXPECT_EQ(put("/w/lost", "x").error, msg::store_unavailable);
  etcd_->start();
  put("/w/b", "1");  // 3: possibly before the watch is back, so it arrives as history from revision 3
  put("/w/c", "1");  // 4
  std::vector<int64_t> revisions;
  while (revisions.size() < 2) {
    auto b = next_batch(sub);
    ASSERT_FALSE(b.canceled) << "the watch did not come back after the restart";
    if (b.events.empty()) break;
    for (const auto& ev : b.events) revisions.push_back(ev.kv.mod_revision);
  }
  EXPECT_EQ(revisions, (std::vector<int64_t>{3, 4}));
}

TEST_F(EtcdStore, ListLargerThanBeastsDefaultBodyLimitIsReadWhole) {
  const std::string value(1400 * 1024, 'v');  // under etcd's 1.5 MiB request limit
  for (int i = 0; i < 7; ++i) ASSERT_EQ(put("/big/" + std::to_string(i), value).error, msg::store_ok);
  auto all = call<msg::range_response>(range_req("/big/", "/big0"));  // about 13 MB of base64 JSON
  ASSERT_EQ(all.error, msg::store_ok);
  ASSERT_EQ(all.kvs.size(), 7u);
  EXPECT_EQ(all.kvs[6].value, value);
}
