#include "actors/client/object_cache.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace navarch::client {
namespace {

std::string pod(std::string_view ns, std::string_view name, int rv, std::string_view phase = "Pending") {
  boost::json::object o{{"kind", "Pod"},
                        {"metadata", {{"name", name}, {"resourceVersion", std::to_string(rv)}}},
                        {"status", {{"phase", phase}}}};
  if (!ns.empty()) o["metadata"].as_object()["namespace"] = ns;
  return boost::json::serialize(o);
}

std::string list_of(int rv, std::vector<std::string> items) {
  std::string out = R"({"kind":"PodList","metadata":{"resourceVersion":")" + std::to_string(rv) + R"("},"items":[)";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "]}";
}

std::string rv_of(const object_ptr& o) {
  return std::string(o->at("metadata").at("resourceVersion").as_string());
}

std::string describe(const cache_delta& d) {
  switch (d.kind) {
    case cache_delta::added: return "add " + object_key(*d.object) + "@" + rv_of(d.object);
    case cache_delta::updated:
      return "update " + object_key(*d.object) + "@" + rv_of(d.old_object) + "->" + rv_of(d.object);
    case cache_delta::deleted: return "delete " + object_key(*d.object) + "@" + rv_of(d.object);
  }
  return "?";
}

std::vector<std::string> describe(const cache_result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.deltas) out.push_back(describe(d));
  return out;
}

using strings = std::vector<std::string>;

TEST(ObjectKey, NamespacedAndClusterScoped) {
  EXPECT_EQ(object_key(boost::json::parse(pod("default", "web", 1))), "default/web");
  EXPECT_EQ(object_key(boost::json::parse(pod("", "node-1", 1))), "node-1");
  EXPECT_EQ(object_key(boost::json::parse(R"({"metadata":{}})")), "");
  EXPECT_EQ(object_key(boost::json::parse("[1]")), "");
  EXPECT_EQ(object_key("kube-system", "dns"), "kube-system/dns");
}

TEST(ObjectCache, FirstListAddsEverythingAndTakesTheListResourceVersion) {
  object_cache c;
  auto r = c.apply_list(list_of(7, {pod("b", "y", 5), pod("a", "x", 3)}));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(describe(r), (strings{"add a/x@3", "add b/y@5"}));
  EXPECT_EQ(c.size(), 2u);
  EXPECT_EQ(c.resource_version(), 7);
  ASSERT_TRUE(c.get("a", "x"));
  EXPECT_EQ(rv_of(c.get("a", "x")), "3");
  EXPECT_FALSE(c.get("a", "y"));
}

TEST(ObjectCache, RelistDiffsAgainstTheCache) {
  object_cache c;
  ASSERT_TRUE(c.apply_list(list_of(10, {pod("ns", "kept", 1), pod("ns", "changed", 2), pod("ns", "gone", 3)})).ok());
  auto kept_before = c.get("ns", "kept");
  auto r = c.apply_list(list_of(20, {pod("ns", "kept", 1), pod("ns", "changed", 15), pod("ns", "new", 18)}));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(describe(r), (strings{"delete ns/gone@3", "update ns/changed@2->15", "add ns/new@18"}));
  EXPECT_EQ(c.get("ns", "kept"), kept_before) << "an unchanged object keeps its snapshot";
  EXPECT_FALSE(c.get("ns", "gone"));
  EXPECT_EQ(c.resource_version(), 20);
}

TEST(ObjectCache, RelistWithoutResourceVersionsComparesContent) {
  object_cache c;
  ASSERT_TRUE(c.apply_list(R"({"metadata":{"resourceVersion":"1"},"items":[{"metadata":{"name":"a"},"x":1},
                                {"metadata":{"name":"b"},"x":1}]})").ok());
  auto r = c.apply_list(R"({"metadata":{"resourceVersion":"2"},"items":[{"metadata":{"name":"a"},"x":1},
                             {"metadata":{"name":"b"},"x":2}]})");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.deltas.size(), 1u);
  EXPECT_EQ(r.deltas[0].kind, cache_delta::updated);
  EXPECT_EQ(object_key(*r.deltas[0].object), "b");
}

TEST(ObjectCache, EmptyAndNullItems) {
  object_cache c;
  ASSERT_TRUE(c.apply_list(list_of(3, {pod("a", "x", 2)})).ok());
  auto r = c.apply_list(R"({"metadata":{"resourceVersion":"4"},"items":null})");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(describe(r), (strings{"delete a/x@2"}));
  EXPECT_TRUE(c.apply_list(R"({"metadata":{"resourceVersion":"5"}})").ok());
  EXPECT_EQ(c.size(), 0u);
}

TEST(ObjectCache, BadListsAreRejectedAndLeaveTheCacheAlone) {
  object_cache c;
  ASSERT_TRUE(c.apply_list(list_of(3, {pod("a", "x", 2)})).ok());
  for (std::string bad : {std::string("not json"), std::string("[]"),
                          std::string(R"({"items":[]})"),
                          std::string(R"({"metadata":{"resourceVersion":"abc"},"items":[]})"),
                          std::string(R"({"metadata":{"resourceVersion":"-1"},"items":[]})"),
                          std::string(R"({"metadata":{"resourceVersion":"9"},"items":{}})"),
                          list_of(9, {pod("a", "y", 4), R"({"metadata":{"namespace":"a"}})"})}) {
    auto r = c.apply_list(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(r.deltas.empty());
  }
  EXPECT_EQ(c.size(), 1u);
  EXPECT_TRUE(c.get("a", "x"));
  EXPECT_EQ(c.resource_version(), 3);
}

TEST(ObjectCache, WatchEventsAddUpdateDelete) {
  object_cache c;
  ASSERT_TRUE(c.apply_list(list_of(1, {})).ok());
  auto r = c.apply_event("ADDED", pod("a", "x", 2), 2);
  EXPECT_EQ(describe(r), (strings{"add a/x@2"}));
  auto first = c.get("a", "x");
  r = c.apply_event("MODIFIED", pod("a", "x", 3, "Running"), 3);
  EXPECT_EQ(describe(r), (strings{"update a/x@2->3"}));
  EXPECT_EQ(r.deltas[0].old_object, first);
  EXPECT_EQ(c.get("a", "x")->at("status").at("phase").as_string(), "Running");
  EXPECT_EQ(rv_of(first), "2") << "a snapshot held by a reader does not change";
  r = c.apply_event("DELETED", pod("a", "x", 4, "Succeeded"), 4);
  EXPECT_EQ(describe(r), (strings{"delete a/x@4"}));
  EXPECT_EQ(r.deltas[0].old_object->at("status").at("phase").as_string(), "Running");
  EXPECT_EQ(c.size(), 0u);
  EXPECT_EQ(c.resource_version(), 4);
}

TEST(ObjectCache, AddedOfKnownIsUpdateAndModifiedOfUnknownIsAdd) {
  object_cache c;
  EXPECT_EQ(describe(c.apply_event("MODIFIED", pod("a", "x", 2), 2)), (strings{"add a/x@2"}));
  EXPECT_EQ(describe(c.apply_event("ADDED", pod("a", "x", 3), 3)), (strings{"update a/x@2->3"}));
}

TEST(ObjectCache, DeleteOfUnknownOnlyAdvancesTheResourceVersion) {
  object_cache c;
  auto r = c.apply_event("DELETED", pod("a", "ghost", 5), 5);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.deltas.empty());
  EXPECT_EQ(c.resource_version(), 5);
}

TEST(ObjectCache, BookmarkOnlyAdvancesTheResourceVersion) {
  object_cache c;
  ASSERT_TRUE(c.apply_list(list_of(1, {pod("a", "x", 1)})).ok());
  auto r = c.apply_event("BOOKMARK", R"({"kind":"Pod","metadata":{"resourceVersion":"42"}})", 0);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.deltas.empty());
  EXPECT_EQ(c.resource_version(), 42) << "taken from the object when the event carries none";
  EXPECT_EQ(c.size(), 1u);
}

TEST(ObjectCache, BadEventsAreRejected) {
  object_cache c;
  ASSERT_TRUE(c.apply_list(list_of(1, {pod("a", "x", 1)})).ok());
  EXPECT_FALSE(c.apply_event("ERROR", R"({"kind":"Status","code":410})", 0).ok());
  EXPECT_FALSE(c.apply_event("WEIRD", pod("a", "x", 2), 2).ok());
  EXPECT_FALSE(c.apply_event("ADDED", "{not json", 2).ok());
  EXPECT_FALSE(c.apply_event("ADDED", "\"text\"", 2).ok());
  EXPECT_FALSE(c.apply_event("ADDED", R"({"metadata":{}})", 2).ok());
  EXPECT_EQ(c.resource_version(), 1);
  EXPECT_EQ(rv_of(c.get("a", "x")), "1");
}

TEST(ObjectCache, ListByNamespace) {
  object_cache c;
  ASSERT_TRUE(c.apply_list(list_of(1, {pod("a", "x", 1), pod("ab", "y", 1), pod("a", "z", 1), pod("b", "w", 1)})).ok());
  auto in_a = c.list("a");
  ASSERT_EQ(in_a.size(), 2u);
  EXPECT_EQ(object_key(*in_a[0]), "a/x");
  EXPECT_EQ(object_key(*in_a[1]), "a/z");
  EXPECT_EQ(c.list("").size(), 4u);
  EXPECT_EQ(c.list().size(), 4u);
  EXPECT_TRUE(c.list("nope").empty());
}

TEST(StatusCode, ReadsTheCodeOfAStatus) {
  EXPECT_EQ(status_code(R"({"kind":"Status","status":"Failure","reason":"Expired","code":410})"), 410);
  EXPECT_EQ(status_code(R"({"kind":"Pod","code":410})"), 0);
  EXPECT_EQ(status_code("garbage"), 0);
}

}  // namespace
}  // namespace navarch::client
