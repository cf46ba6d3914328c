// The apiserver's worker pool over the real store, with nothing else talking to it: a request that is slow to
// decode does not hold up a small read behind it, and a request past its deadline gets a 504 Timeout Status and
// changes nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/apiserver/actor/apiserver_actor.hpp"
#include "actors/store/replica/store_replica.hpp"
#include "messages/registry.hpp"
#include "tests/e2e/scratch_dir.hpp"
#include "tests/integration/test_cluster.hpp"

using namespace navarch;
using namespace std::chrono_literals;
using navarch::test_support::make_request;
using steady = std::chrono::steady_clock;
namespace json = boost::json;

namespace {

caf::actor_system_config& registered(caf::actor_system_config& cfg) {
  msg::register_messages(cfg);
  return cfg;
}

std::string cm(const std::string& name) {
  return R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name + R"("},"data":{"k":"v"}})";
}

// A ConfigMap with `keys` entries: megabytes to parse and check, key by key.
std::string huge_cm(const std::string& name, int keys) {
  std::string body = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name + R"("},"data":{)";
  for (int i = 0; i < keys; ++i) body += (i ? ",\"key-" : "\"key-") + std::to_string(i) + "\":\"a value\"";
  return body + "}}";
}

msg::api_request with(msg::api_request r, std::string key, std::string value) {
  r.query[key] = value;
  return r;
}

json::object parse(const msg::api_response& r) { return json::parse(r.body).as_object(); }

class ApiserverPool : public ::testing::Test {
 protected:
  void start(std::size_t workers) {
    store_ = store::spawn_store_replica(sys_, {(dir_.path() / "store").string()});
    apiserver::apiserver_options opts;
    opts.workers = workers;
    api_ = apiserver::spawn_apiserver(sys_, msg::store_actor{store_}, opts);
  }
  void TearDown() override {
    caf::anon_send_exit(api_, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(store_, caf::exit_reason::user_shutdown);
  }
  msg::api_response call(msg::api_request req) {
    caf::scoped_actor self{sys_};
    msg::api_response out;
    self->request(api_, 60s, std::move(req))
        .receive([&](msg::api_response& r) { out = std::move(r); },
                 [&](caf::error& e) { ADD_FAILURE() << sys_.render(e); });
    return out;
  }

  e2e::scratch_dir dir_{"navarch-api-pool-"};
  caf::actor_system_config cfg_;
  caf::actor_system sys_{registered(cfg_)};
  msg::store_replica_actor store_;
  msg::api_actor api_;
};

}  // namespace

TEST_F(ApiserverPool, ASlowRequestDoesNotHoldUpASmallReadBehindIt) {
  start(2);
  ASSERT_EQ(call(make_request("create", "configmaps", "default", "", cm("small"))).code, 201);

  // The slow request goes first, from its own actor, which notes when its answer comes.
  struct slow_probe {
    std::atomic<bool> sent{false};
    std::atomic<int> code{0};
    std::atomic<steady::rep> answered{0};
  };
  auto probe = std::make_shared<slow_probe>();
  auto slow = make_request("create", "configmaps", "default", "", huge_cm("huge", 400000));
  auto api = api_;
  sys_.spawn([probe, slow, api](caf::event_based_actor* self) {
    self->request(api, 60s, slow).then(
        [probe](const msg::api_response& r) {
          probe->code = r.code;
          probe->answered = steady::now().time_since_epoch().count();
        },
        [probe](caf::error&) { probe->answered = steady::now().time_since_epoch().count(); });
    probe->sent = true;
  });
  while (!probe->sent) std::this_thread::sleep_for(100us);
  auto small = call(make_request("get", "configmaps", "default", "small"));
  auto small_answered = steady::now().time_since_epoch().count();
  EXPECT_EQ(small.code, 200) << small.body;
  for (auto until = steady::now() + 60s; !probe->answered && steady::now() < until;)
    std::this_thread::sleep_for(1ms);
  ASSERT_NE(probe->answered, 0) << "the slow request was never answered";
  // Decoded and checked in full: too large for a ConfigMap.
  EXPECT_EQ(probe->code, 422);
  EXPECT_LT(small_answered, probe->answered) << "the small read waited for the slow request";
}

TEST_F(ApiserverPool, ARequestPastItsDeadlineIsA504AndChangesNothing) {
  start(2);
  ASSERT_EQ(call(make_request("create", "configmaps", "default", "", cm("kept"))).code, 201);

  // A create whose time runs out while it is decoded is not stored.
  auto late = call(with(make_request("create", "configmaps", "default", "", cm("late")), "timeout", "1ns"));
  EXPECT_EQ(late.code, 504) << late.body;
  EXPECT_EQ(parse(late)["reason"], "Timeout");
  EXPECT_EQ(call(make_request("get", "configmaps", "default", "late")).code, 404);

  // Nor is a patch applied.
  auto patch = with(make_request("patch", "configmaps", "default", "kept", R"({"data":{"k":"changed"}})"),
                    "timeout", "1ns");
  patch.content_type = "application/merge-patch+json";
  EXPECT_EQ(call(patch).code, 504);
  auto kept = call(make_request("get", "configmaps", "default", "kept"));
  ASSERT_EQ(kept.code, 200);
  EXPECT_EQ(parse(kept)["data"].as_object()["k"], "v");

  // Reads past their deadline stop too; a timeout that is not a duration is a bad request; a sane one works.
  EXPECT_EQ(call(with(make_request("list", "configmaps", "default"), "timeout", "1ns")).code, 504);
  auto bad = call(with(make_request("list", "configmaps", "default"), "timeout", "soon"));
  EXPECT_EQ(bad.code, 400) << bad.body;
  patch.query["timeout"] = "30s";
  EXPECT_EQ(call(patch).code, 200);
}
