#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/registry/registry.hpp"
#include "actors/apiserver/core/watch_hub.hpp"

using namespace navarch;
namespace json = boost::json;

namespace {

const auto now = api::clock::now();

msg::watch_event put(std::string key, std::string value, int64_t rv, std::string prev = {}) {
  msg::watch_event e;
  e.type = msg::watch_event::put;
  e.kv.key = key;
  e.kv.value = std::move(value);
  e.kv.mod_revision = rv;
  e.kv.version = 1;
  if (!prev.empty()) {
    e.prev_kv.key = key;
    e.prev_kv.value = std::move(prev);
    e.prev_kv.version = 1;
  }
  return e;
}

msg::watch_event del(std::string key, int64_t rv, std::string prev) {
  msg::watch_event e;
  e.type = msg::watch_event::del;
  e.kv.key = key;
  e.kv.mod_revision = rv;
  e.prev_kv.key = key;
  e.prev_kv.value = std::move(prev);
  e.prev_kv.version = 1;
  return e;
}

std::string pod(std::string name, std::string app) {
  return R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":")" + name + R"(","namespace":"default","labels":{"app":")" +
         app + R"("}}})";
}

api::watch_spec pods_spec(std::string ns = "default", std::string labels = {}) {
  api::watch_spec s;
  s.resource = api::kind_registry().find("", "v1", "pods");
  s.ns = std::move(ns);
  s.filter = std::get<api::object_filter>(api::object_filter::parse(labels, "", *s.resource));
  return s;
}

std::vector<std::string> types(const std::vector<api::delivery>& d) {
  std::vector<std::string> t;
  for (const auto& x : d) t.push_back(x.type);
  return t;
}

}  // namespace

TEST(WatchHub, DeliversAddModifyDeleteInOrderWithResourceVersions) {
  api::watch_hub hub(100);
  hub.reset(10);
  ASSERT_TRUE(hub.add(1, pods_spec(), 10, now));
  auto a = hub.push(put("/registry/pods/default/web", pod("web", "a"), 11), now);
  auto m = hub.push(put("/registry/pods/default/web", pod("web", "b"), 12, pod("web", "a")), now);
  auto other = hub.push(put("/registry/pods/other/web", pod("web", "a"), 13), now);
  auto d = hub.push(del("/registry/pods/default/web", 14, pod("web", "b")), now);
  EXPECT_EQ(types(a), std::vector<std::string>{"ADDED"});
  EXPECT_EQ(types(m), std::vector<std::string>{"MODIFIED"});
  EXPECT_TRUE(other.empty());
  ASSERT_EQ(types(d), std::vector<std::string>{"DELETED"});
  auto obj = json::parse(d[0].object).as_object();
  EXPECT_EQ(obj["metadata"].as_object()["resourceVersion"], "14");
  EXPECT_EQ(d[0].rv, 14);
}

TEST(WatchHub, ReplaysTheWindowAndExpiresWhatFellOut) {
  api::watch_hub hub(2);
  hub.reset(10);
  hub.push(put("/registry/pods/default/a", pod("a", "x"), 11), now);
  hub.push(put("/registry/pods/default/b", pod("b", "x"), 12), now);
  auto replay = hub.add(1, pods_spec(), 11, now);
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->size(), 1u);  // only b, after 11
  hub.push(put("/registry/pods/default/c", pod("c", "x"), 13), now);  // a falls out of the window
  EXPECT_FALSE(hub.add(2, pods_spec(), 10, now));
  EXPECT_TRUE(hub.add(3, pods_spec(), 11, now));
  EXPECT_EQ(hub.oldest_rv(), 11);
}

TEST(WatchHub, SelectorTransitionsBecomeAddedAndDeleted) {
  api::watch_hub hub(100);
  hub.reset(1);
  ASSERT_TRUE(hub.add(7, pods_spec("", "app=web"), 1, now));
  EXPECT_TRUE(hub.push(put("/registry/pods/default/p", pod("p", "db"), 2), now).empty());
  EXPECT_EQ(types(hub.push(put("/registry/pods/default/p", pod("p", "web"), 3, pod("p", "db")), now)),
            std::vector<std::string>{"ADDED"});
  EXPECT_EQ(types(hub.push(put("/registry/pods/default/p", pod("p", "db"), 4, pod("p", "web")), now)),
            std::vector<std::string>{"DELETED"});
  hub.remove(7);
  EXPECT_TRUE(hub.push(put("/registry/pods/default/p", pod("p", "web"), 5, pod("p", "db")), now).empty());
}

TEST(WatchHub, BookmarksOnlyForWatchesThatAskedAndKeysParse) {
  api::watch_hub hub(10);
  hub.reset(20);
  auto spec = pods_spec();
  spec.bookmarks = true;
  ASSERT_TRUE(hub.add(1, spec, 20, now));
  ASSERT_TRUE(hub.add(2, pods_spec(), 20, now));
  auto b = hub.bookmarks();
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].watch_id, 1);
  EXPECT_NE(b[0].object.find("\"resourceVersion\":\"20\""), std::string::npos);

  auto k = api::parse_key("/registry/deployments/prod/web");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->resource->kind, "Deployment");
  EXPECT_EQ(k->ns, "prod");
  EXPECT_EQ(k->name, "web");
  EXPECT_TRUE(api::parse_key("/registry/nodes/n1"));
  EXPECT_FALSE(api::parse_key("/registry/widgets/x/y"));
  EXPECT_FALSE(api::parse_key("/other/pods/x/y"));
}
