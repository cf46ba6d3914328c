// The informer inside a real actor, against the fake apiserver: list, watch, 410 relist, closed watch,
// events overtaking the watch reply, a silent apiserver, and an apiserver restart.
#include <gtest/gtest.h>

#include <optional>
#include <thread>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "messages/registry.hpp"
#include "tests/integration/client_fake_apiserver.hpp"
#include "tests/integration/client_test_owner.hpp"

namespace navarch::client {
namespace {

using namespace std::chrono_literals;
using test_support::eventually;
using test_support::strings;
constexpr auto apiserver_name = caf::atom("apiserver");

struct config : caf::actor_system_config {
  config() { msg::register_messages(*this); }
};

class InformerTest : public ::testing::Test {
 protected:
  InformerTest() : sys(cfg), me(sys) {
    opts.resource = {"", "v1", "pods"};
    opts.ns = "a";
    opts.request_timeout = 500ms;
    opts.watch_timeout = 60s;
    opts.watch_grace = 1s;
    opts.initial_backoff = 20ms;
    opts.max_backoff = 200ms;
  }
  ~InformerTest() override {
    owner.reset();
    me->send_exit(api, caf::exit_reason::kill);
  }

  void start_apiserver(int64_t start_rv = 0) { api = test::spawn_fake_apiserver(sys, start_rv); }
  // CAF 0.17's registry does not overwrite a name (nor forget a dead actor's): erase first.
  void publish_apiserver() {
    sys.registry().erase(apiserver_name);
    sys.registry().put(apiserver_name, api);
  }
  // The informer finds the apiserver by name, as components will after a restart.
  void start_informer() {
    auto* s = &sys;
    owner.emplace(sys, [s] { return caf::actor_cast<msg::api_actor>(s->registry().get(apiserver_name)); }, opts);
  }

  msg::api_response call(msg::api_request r) {
    msg::api_response out{0, "", ""};
    me->request(api, 5s, std::move(r))
        .receive([&](msg::api_response& x) { out = std::move(x); },
                 [&](caf::error& e) { ADD_FAILURE() << "request failed: " << sys.render(e); });
    return out;
  }
  msg::api_response control(std::string verb, std::string body = {}) {
    msg::api_request r;
    r.verb = std::move(verb);
    r.body = std::move(body);
    return call(std::move(r));
  }
  int64_t stat(const char* name) {
    return boost::json::parse(control("x-stats").body).at(name).to_number<int64_t>();
  }
  void put(std::string ns, std::string name, std::string phase, bool update = false) {
    boost::json::object o{{"metadata", {{"name", name}}}, {"status", {{"phase", phase}}}};
    auto r = update ? pods.update(o) : pods.create(ns, o);
    r.ns = ns;
    auto reply = call(r);
    ASSERT_TRUE(succeeded(reply)) << reply.body;
  }
  void remove(std::string ns, std::string name) {
    auto reply = call(pods.remove(ns, name));
    ASSERT_TRUE(succeeded(reply)) << reply.body;
  }
  void start_synced(std::vector<std::string> names) {
    start_apiserver();
    publish_apiserver();
    for (const auto& n : names) put("a", n, "Pending");
    start_informer();
    ASSERT_EQ(owner->events(names.size() + 1).back(), "synced");
    }

  config cfg;
  caf::actor_system sys;
  caf::scoped_actor me;
  msg::api_actor api;
  informer_options opts;
  std::optional<test_support::test_owner> owner;
  resource_client pods{{"", "v1", "pods"}};
};

TEST_F(InformerTest, InitialListFiresAddsThenSynced) {
  start_apiserver();
  publish_apiserver();
  put("a", "x", "Pending");
  put("a", "y", "Pending");
  put("b", "other-namespace", "Pending");
  opts.label_selector = "app=web";
  start_informer();
  EXPECT_EQ(owner->events(3), (strings{"add a/x@1", "add a/y@2", "synced"}));
  EXPECT_EQ(owner->dump(), "synced rv=3 a/x@1 a/y@2");
  auto query = boost::json::parse(control("x-stats").body).at("lastListQuery");
  EXPECT_EQ(query.at("labelSelector").as_string(), "app=web");
  EXPECT_TRUE(eventually([&] { return stat("activeWatches") == 1; }));
  EXPECT_EQ(stat("lastWatchRv"), 3) << "the watch starts at the List's resourceVersion";
}

TEST_F(InformerTest, ApiserverNotYetThereIsWaitedFor) {
  start_informer();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(owner->dump(), "unsynced rv=0");
  start_apiserver();
  put("a", "x", "Pending");
  publish_apiserver();
  EXPECT_EQ(owner->events(2), (strings{"add a/x@1", "synced"}));
}

TEST_F(InformerTest, WatchEventsUpdateTheCacheAndFireHandlers) {
  start_synced({"x", "y"});
  put("a", "z", "Pending");
  put("a", "x", "Running", true);
  remove("a", "y");
  put("b", "elsewhere", "Pending");
  EXPECT_EQ(owner->events_after(3, 3), (strings{"add a/z@3", "update a/x@1->4", "delete a/y@5"}));
  EXPECT_EQ(owner->dump(), "synced rv=5 a/x@4 a/z@3");
  EXPECT_EQ(stat("lists"), 1);
}

TEST_F(InformerTest, ExpiredWatchRelistsAndReportsWhatChangedMeanwhile) {
  start_synced({"w", "x", "y"});
  control("x-pause");
  put("a", "x", "Running", true);
  remove("a", "y");
  put("a", "z", "Pending");
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(owner->event_count(), 4u) << "nothing delivered while paused";
  control("x-expire");
  EXPECT_EQ(owner->events_after(4, 3), (strings{"delete a/y@3", "update a/x@2->4", "add a/z@6"}));
  EXPECT_EQ(owner->dump(), "synced rv=6 a/w@1 a/x@4 a/z@6");
  EXPECT_EQ(owner->last_error().rfind("watch ERROR 410", 0), 0u) << owner->last_error();
  EXPECT_EQ(stat("lists"), 2);
  EXPECT_TRUE(eventually([&] { return stat("activeWatches") == 1; }));
  put("a", "after", "Pending");
  EXPECT_EQ(owner->events_after(7, 1), (strings{"add a/after@7"}));
}

TEST_F(InformerTest, ClosedWatchResumesFromTheLastResourceVersion) {
  start_synced({"x"});
  put("a", "y", "Pending");
  ASSERT_EQ(owner->events_after(2, 1), (strings{"add a/y@2"}));
  control("x-close");
  ASSERT_TRUE(eventually([&] { return stat("watches") == 2 && stat("activeWatches") == 1; }));
  EXPECT_EQ(stat("lastWatchRv"), 2);
  EXPECT_EQ(stat("lists"), 1) << "a closed watch needs no relist";
  EXPECT_EQ(owner->last_error(), "watch closed");
  put("a", "z", "Pending");
  EXPECT_EQ(owner->events_after(3, 1), (strings{"add a/z@3"}));
}

TEST_F(InformerTest, EventsOvertakingTheWatchReplyAreNotLost) {
  start_synced({"x"});
  control("x-events-first", "true");
  control("x-pause");
  put("a", "y", "Pending");
  control("x-close");  // the new watch catches up on a/y, sending it before its reply
  EXPECT_EQ(owner->events_after(2, 1), (strings{"add a/y@2"}));
  EXPECT_EQ(stat("lists"), 1);
  EXPECT_EQ(owner->dump(), "synced rv=2 a/x@1 a/y@2");
}

TEST_F(InformerTest, SilentApiserverIsDetectedByTimeouts) {
  opts.watch_timeout = 1s;
  opts.watch_grace = 200ms;
  start_synced({"x"});
  control("x-silent", "true");
  std::this_thread::sleep_for(1800ms);  // the watchdog fires, then the relist times out
  control("x-silent", "false");
  EXPECT_TRUE(eventually([&] { return stat("lists") >= 2 && stat("activeWatches") >= 1; }));
  EXPECT_NE(owner->last_error().find("request_timeout"), std::string::npos) << owner->last_error();
  put("a", "y", "Pending");
  EXPECT_EQ(owner->events_after(2, 1), (strings{"add a/y@2"}));
}

TEST_F(InformerTest, RestartedApiserverIsFoundAndDiffed) {
  start_synced({"x", "y"});
  me->send_exit(api, caf::exit_reason::kill);
  std::this_thread::sleep_for(100ms);  // the informer sees it down and retries against nothing
  start_apiserver(100);                // its store kept going: a/x changed, a/y went, a/q came
  put("a", "x", "Running");
  put("a", "q", "Pending");
  publish_apiserver();
  EXPECT_EQ(owner->events_after(3, 3), (strings{"delete a/y@2", "add a/q@102", "update a/x@1->101"}));
  EXPECT_EQ(owner->dump(), "synced rv=102 a/q@102 a/x@101");
  EXPECT_TRUE(eventually([&] { return stat("activeWatches") == 1; }));
  put("a", "r", "Pending");
  EXPECT_EQ(owner->events_after(6, 1), (strings{"add a/r@103"}));
}

TEST_F(InformerTest, StopCancelsTheWatchAndSilencesHandlers) {
  start_synced({"x"});
  owner->stop();
  EXPECT_TRUE(eventually([&] { return stat("cancels") == 1 && stat("activeWatches") == 0; }));
  put("a", "y", "Pending");
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(owner->event_count(), 2u);
}

}  // namespace
}  // namespace navarch::client
