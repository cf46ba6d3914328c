// The etcd-backed store against a real etcd: what only a remote store has (its limits and quirks, failover
// between endpoints, etcd going away and coming back). What every backend promises is in
// store_conformance_test.cpp.
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

TEST_F(EtcdStore, EtcdsOwnLimitsAndQuirks) {
  EXPECT_EQ(put("/big", std::string(1600 * 1024, 'x')).error, msg::store_too_large);  // etcd's request limit
  for (int i = 0; i < 5; ++i) put("/l/" + std::to_string(i), std::to_string(i));  // revisions 2..6
  auto old = call<msg::range_response>(msg::range_request{"/l/", "/l0", 3, 0, false});
  EXPECT_EQ(old.kvs.size(), 2u);
  EXPECT_EQ(old.revision, 6);  // etcd reports the current revision, even for a read in the past
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
