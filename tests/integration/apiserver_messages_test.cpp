// The apiserver actor over the real store actor, driven by typed messages as components use it.
#include <gtest/gtest.h>

#include <thread>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "tests/integration/test_cluster.hpp"

using namespace navarch;
using navarch::test_support::make_request;
namespace json = boost::json;

namespace {

std::string cm(const std::string& name, const std::string& app = "web") {
  return R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name + R"(","labels":{"app":")" + app +
         R"("}},"data":{"k":"v"}})";
}

json::object parse(const msg::api_response& r) { return json::parse(r.body).as_object(); }

std::string rv_of(const msg::api_response& r) {
  return std::string(parse(r)["metadata"].as_object()["resourceVersion"].as_string());
}

msg::api_request with(msg::api_request r, std::string key, std::string value) {
  r.query[key] = value;
  return r;
}

}  // namespace

TEST(ApiserverMessages, CreateGetConflictAndNamespaces) {
  test_support::test_cluster c;
  auto created = c.call(make_request("create", "configmaps", "default", "", cm("one")));
  ASSERT_EQ(created.code, 201) << created.body;
  EXPECT_FALSE(rv_of(created).empty());
  auto got = c.call(make_request("get", "configmaps", "default", "one"));
  ASSERT_EQ(got.code, 200);
  EXPECT_EQ(parse(got)["data"].as_object()["k"], "v");
  EXPECT_EQ(rv_of(got), rv_of(created));

  auto again = c.call(make_request("create", "configmaps", "default", "", cm("one")));
  EXPECT_EQ(again.code, 409);
  EXPECT_EQ(parse(again)["reason"], "AlreadyExists");
  auto nons = c.call(make_request("create", "configmaps", "nowhere", "", cm("one")));
  EXPECT_EQ(nons.code, 404);
  EXPECT_EQ(parse(nons)["message"], "namespaces \"nowhere\" not found");
  EXPECT_EQ(c.call(make_request("get", "configmaps", "default", "missing")).code, 404);

  // A stale resourceVersion on update is a Conflict; the current one succeeds.
  auto obj = parse(got);
  obj["data"].as_object()["k"] = "v2";
  obj["metadata"].as_object()["resourceVersion"] = "1";
  EXPECT_EQ(c.call(make_request("update", "configmaps", "default", "one", json::serialize(obj))).code, 409);
  obj["metadata"].as_object()["resourceVersion"] = rv_of(got);
  auto updated = c.call(make_request("update", "configmaps", "default", "one", json::serialize(obj)));
  ASSERT_EQ(updated.code, 200) << updated.body;
  EXPECT_GT(std::stoll(rv_of(updated)), std::stoll(rv_of(got)));
}

TEST(ApiserverMessages, ListSelectorsPaginationAndDryRun) {
  test_support::test_cluster c;
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(c.call(make_request("create", "configmaps", "default", "", cm("cm" + std::to_string(i), i % 2 ? "a" : "b"))).code,
              201);
  auto dry = make_request("create", "configmaps", "default", "", cm("dry"));
  dry.query["dryRun"] = "All";
  EXPECT_EQ(c.call(dry).code, 201);
  EXPECT_EQ(c.call(make_request("get", "configmaps", "default", "dry")).code, 404);

  auto list = c.call(with(make_request("list", "configmaps", "default"), "labelSelector", "app=a"));
  ASSERT_EQ(list.code, 200);
  EXPECT_EQ(parse(list)["items"].as_array().size(), 2u);
  EXPECT_EQ(parse(list)["kind"], "ConfigMapList");
  auto bad = c.call(with(make_request("list", "configmaps", "default"), "labelSelector", "app in (a"));
  EXPECT_EQ(bad.code, 400);

  std::vector<std::string> names;
  std::string token;
  do {
    auto page_req = with(make_request("list", "configmaps", "default"), "limit", "2");
    if (!token.empty()) page_req.query["continue"] = token;
    auto page = parse(c.call(page_req));
    for (auto& item : page["items"].as_array())
      names.emplace_back(item.as_object()["metadata"].as_object()["name"].as_string());
    auto& meta = page["metadata"].as_object();
    token = meta.contains("continue") ? std::string(meta["continue"].as_string()) : std::string{};
  } while (!token.empty());
  EXPECT_EQ(names, (std::vector<std::string>{"cm0", "cm1", "cm2", "cm3", "cm4"}));

  auto by_name = c.call(with(make_request("list", "configmaps", ""), "fieldSelector", "metadata.name=cm3"));
  EXPECT_EQ(parse(by_name)["items"].as_array().size(), 1u);
}

TEST(ApiserverMessages, WatchDeliversInitialStateThenChanges) {
  test_support::test_cluster c;
  ASSERT_EQ(c.call(make_request("create", "configmaps", "default", "", cm("before"))).code, 201);
  caf::scoped_actor self{c.system()};
  auto req = make_request("watch", "configmaps", "default");
  req.query["resourceVersion"] = "0";
  int64_t watch_id = 0;
  self->request(c.api(), std::chrono::seconds(5), req, caf::actor_cast<caf::actor>(self))
      .receive([&](msg::api_response& r) { watch_id = parse(r)["watchId"].as_int64(); },
               [&](caf::error& e) { FAIL() << caf::to_string(e); });
  ASSERT_GT(watch_id, 0);
  auto next = [&]() {
    msg::api_watch_event ev;
    self->receive([&](msg::api_watch_event& e) { ev = std::move(e); },
                  caf::after(std::chrono::seconds(5)) >> [] { ADD_FAILURE() << "no watch event"; });
    return ev;
  };
  auto first = next();
  EXPECT_EQ(first.type, "ADDED");
  EXPECT_NE(first.object.find("\"before\""), std::string::npos);
  ASSERT_EQ(c.call(make_request("create", "configmaps", "default", "", cm("after"))).code, 201);
  auto patch = make_request("patch", "configmaps", "default", "after", R"({"data":{"k":"changed"}})");
  patch.content_type = "application/merge-patch+json";
  ASSERT_EQ(c.call(patch).code, 200);
  ASSERT_EQ(c.call(make_request("delete", "configmaps", "default", "after")).code, 200);
  auto added = next(), modified = next(), deleted = next();
  EXPECT_EQ(added.type, "ADDED");
  EXPECT_EQ(modified.type, "MODIFIED");
  EXPECT_NE(modified.object.find("changed"), std::string::npos);
  EXPECT_EQ(deleted.type, "DELETED");
  EXPECT_LT(added.resource_version, modified.resource_version);
  EXPECT_LT(modified.resource_version, deleted.resource_version);
  self->send(c.api(), msg::api_watch_cancel{watch_id});
}

TEST(ApiserverMessages, RestartKeepsObjectsAndOldWatchesExpire) {
  test_support::test_cluster c;
  ASSERT_EQ(c.call(make_request("create", "configmaps", "default", "", cm("durable"))).code, 201);
  c.restart();
  auto got = c.call(make_request("get", "configmaps", "default", "durable"));
  ASSERT_EQ(got.code, 200);
  caf::scoped_actor self{c.system()};
  auto req = make_request("watch", "configmaps", "default");
  req.query["resourceVersion"] = "1";
  self->request(c.api(), std::chrono::seconds(5), req, caf::actor_cast<caf::actor>(self))
      .receive([](msg::api_response& r) { EXPECT_EQ(r.code, 200); }, [](caf::error&) { FAIL(); });
  self->receive(
      [](msg::api_watch_event& e) {
        EXPECT_EQ(e.type, "ERROR");
        EXPECT_TRUE(e.closed);
        EXPECT_NE(e.object.find("\"code\":410"), std::string::npos);
      },
      caf::after(std::chrono::seconds(5)) >> [] { ADD_FAILURE() << "no expiry"; });
}

TEST(ApiserverMessages, DeletingANamespaceRemovesItsContents) {
  test_support::test_cluster c;
  ASSERT_EQ(c.call(make_request("create", "namespaces", "", "", R"({"metadata":{"name":"dev"}})")).code, 201);
  ASSERT_EQ(c.call(make_request("create", "configmaps", "dev", "", cm("inside"))).code, 201);
  auto del = c.call(make_request("delete", "namespaces", "", "dev"));
  ASSERT_EQ(del.code, 200);
  EXPECT_EQ(parse(del)["status"].as_object()["phase"], "Terminating");
  int code = 0;
  for (int i = 0; i < 50 && code != 404; ++i) {
    code = c.call(make_request("get", "namespaces", "", "dev")).code;
    if (code != 404) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(code, 404);
  EXPECT_EQ(c.call(make_request("get", "configmaps", "dev", "inside")).code, 404);
  EXPECT_EQ(c.call(make_request("delete", "namespaces", "", "default")).code, 403);
}
