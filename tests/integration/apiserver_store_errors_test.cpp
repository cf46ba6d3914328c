// The apiserver over a store that fails: a failing store is a server error (500), never "not found", and nothing
// already stored is touched.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <caf/all.hpp>

#include "actors/apiserver/actor/apiserver_actor.hpp"
#include "actors/store/replica/store_replica.hpp"
#include "messages/registry.hpp"
#include "tests/e2e/scratch_dir.hpp"
#include "tests/integration/test_cluster.hpp"

using namespace navarch;
using namespace std::chrono_literals;
using navarch::test_support::make_request;

namespace {

// The real store, except that every request touching a key with "broken" in it fails as an unavailable store
// (a lost quorum) does.
msg::store_actor::behavior_type failing_store(msg::store_actor::pointer self, msg::store_actor real) {
  auto broken = [](const std::string& key) { return key.find("broken") != std::string::npos; };
  return {
      [=](const msg::range_request& r) -> caf::result<msg::range_response> {
        if (broken(r.key))
          return msg::range_response{msg::store_unavailable, {}, false, 0, 0};
        return self->delegate(real, r);
      },
      [=](const msg::txn_request& t) -> caf::result<msg::txn_response> {
        for (const auto& op : t.success)
          if (broken(op.key))
            return msg::txn_response{msg::store_unavailable, false, 0, {}};
        return self->delegate(real, t);
      },
      [=](const msg::compact_request& c) -> caf::result<msg::compact_response> { return self->delegate(real, c); },
      [=](const msg::watch_request& w, const caf::actor& sub) -> caf::result<msg::watch_response> {
        return self->delegate(real, w, sub);
      },
      [=](const msg::watch_cancel& c) { self->send(real, c); },
  };
}

std::string cm(const std::string& name) {
  return R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name + R"("},"data":{"k":"v"}})";
}

}  // namespace

TEST(ApiserverStoreErrors, AFailingStoreIsAServerErrorNotAMissingObject) {
  e2e::scratch_dir dir{"navarch-api-store-errors-"};
  caf::actor_system_config cfg;
  msg::register_messages(cfg);
  caf::actor_system sys{cfg};
  auto real = store::spawn_store_replica(sys, {(dir.path() / "store").string()});
  auto store = sys.spawn(failing_store, msg::store_actor{real});
  auto api = apiserver::spawn_apiserver(sys, store);
  caf::scoped_actor self{sys};
  auto call = [&](msg::api_request req) {
    msg::api_response out;
    self->request(api, 10s, std::move(req))
        .receive([&](msg::api_response& r) { out = std::move(r); },
                 [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  };
  ASSERT_EQ(call(make_request("create", "configmaps", "default", "", cm("fine"))).code, 201);
  auto get = call(make_request("get", "configmaps", "default", "broken"));
  EXPECT_EQ(get.code, 500) << get.body;
  EXPECT_NE(get.body.find("InternalError"), std::string::npos) << get.body;
  auto create = call(make_request("create", "configmaps", "default", "", cm("broken")));
  EXPECT_EQ(create.code, 500) << create.body;
  EXPECT_EQ(call(make_request("get", "configmaps", "default", "fine")).code, 200);
  EXPECT_EQ(call(make_request("get", "configmaps", "default", "missing")).code, 404);
  self->send_exit(api, caf::exit_reason::user_shutdown);
  self->send_exit(store, caf::exit_reason::user_shutdown);
  self->send_exit(real, caf::exit_reason::user_shutdown);
}
