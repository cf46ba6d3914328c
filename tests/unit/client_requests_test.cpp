#include "actors/client/requests.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace navarch::client {
namespace {

const resource_client deployments({"apps", "v1", "deployments"}, "system:controller");

TEST(ResourceClient, GetCarriesTheResourceAndTheUser) {
  auto r = deployments.get("default", "web");
  EXPECT_EQ(r.verb, "get");
  EXPECT_EQ(r.group, "apps");
  EXPECT_EQ(r.version, "v1");
  EXPECT_EQ(r.resource, "deployments");
  EXPECT_EQ(r.ns, "default");
  EXPECT_EQ(r.name, "web");
  EXPECT_EQ(r.subresource, "");
  EXPECT_EQ(r.user, "system:controller");
  EXPECT_TRUE(r.query.empty());
  EXPECT_EQ(deployments.get("default", "web", "scale").subresource, "scale");
}

TEST(ResourceClient, ListPutsOnlyTheGivenOptionsInTheQuery) {
  EXPECT_TRUE(deployments.list("").query.empty());
  list_options o;
  o.label_selector = "app=web";
  o.field_selector = "metadata.name=web";
  o.resource_version = "0";
  o.limit = 500;
  o.continue_token = "abc";
  auto r = deployments.list("prod", o);
  EXPECT_EQ(r.verb, "list");
  EXPECT_EQ(r.ns, "prod");
  EXPECT_EQ(r.name, "");
  EXPECT_EQ(r.query, (std::map<std::string, std::string>{{"labelSelector", "app=web"},
                                                          {"fieldSelector", "metadata.name=web"},
                                                          {"resourceVersion", "0"},
                                                          {"limit", "500"},
                                                          {"continue", "abc"}}));
}

TEST(ResourceClient, WatchStartsFromTheGivenResourceVersion) {
  watch_options o;
  o.label_selector = "tier=db";
  o.resource_version = 123;
  o.timeout_seconds = 300;
  auto r = deployments.watch("", o);
  EXPECT_EQ(r.verb, "watch");
  EXPECT_EQ(r.query, (std::map<std::string, std::string>{{"labelSelector", "tier=db"},
                                                          {"resourceVersion", "123"},
                                                          {"timeoutSeconds", "300"},
                                                          {"allowWatchBookmarks", "true"}}));
  o.allow_bookmarks = false;
  EXPECT_FALSE(deployments.watch("", o).query.count("allowWatchBookmarks"));
}

TEST(ResourceClient, CreateAndUpdateSerializeTheObject) {
  auto obj = boost::json::parse(
      R"({"metadata":{"name":"web","namespace":"prod","resourceVersion":"7"},"spec":{"replicas":2}})");
  auto c = deployments.create("prod", obj);
  EXPECT_EQ(c.verb, "create");
  EXPECT_EQ(c.ns, "prod");
  EXPECT_EQ(c.name, "");
  EXPECT_EQ(boost::json::parse(c.body), obj);
  EXPECT_EQ(c.content_type, "application/json");

  auto u = deployments.update(obj, "status");
  EXPECT_EQ(u.verb, "update");
  EXPECT_EQ(u.ns, "prod");
  EXPECT_EQ(u.name, "web");
  EXPECT_EQ(u.subresource, "status");
  EXPECT_EQ(boost::json::parse(u.body), obj);
}

TEST(ResourceClient, PatchCarriesItsMediaType) {
  auto p = deployments.patch("prod", "web", patch_type::strategic_merge, R"({"spec":{"replicas":3}})");
  EXPECT_EQ(p.verb, "patch");
  EXPECT_EQ(p.name, "web");
  EXPECT_EQ(p.content_type, "application/strategic-merge-patch+json");
  EXPECT_EQ(p.body, R"({"spec":{"replicas":3}})");
  EXPECT_EQ(content_type(patch_type::merge), "application/merge-patch+json");
  EXPECT_EQ(content_type(patch_type::json_patch), "application/json-patch+json");
  EXPECT_EQ(content_type(patch_type::apply), "application/apply-patch+yaml");
}

TEST(ResourceClient, RemoveWithAndWithoutOptions) {
  auto d = deployments.remove("prod", "web");
  EXPECT_EQ(d.verb, "delete");
  EXPECT_EQ(d.body, "");
  auto o = deployments.remove("prod", "web", R"({"propagationPolicy":"Foreground"})");
  EXPECT_EQ(o.body, R"({"propagationPolicy":"Foreground"})");
  EXPECT_EQ(o.content_type, "application/json");
}

TEST(Replies, ObjectErrorAndWatchId) {
  msg::api_response ok{200, "application/json", R"({"metadata":{"name":"web"}})"};
  ASSERT_TRUE(reply_object(ok));
  EXPECT_EQ(object_key(*reply_object(ok)), "web");
  EXPECT_FALSE(reply_object({200, "application/json", "not json"}));

  msg::api_response conflict{
      409, "application/json",
      R"({"kind":"Status","status":"Failure","message":"the object has been modified","code":409})"};
  EXPECT_FALSE(succeeded(conflict));
  EXPECT_FALSE(reply_object(conflict));
  EXPECT_EQ(reply_error(conflict), "the object has been modified");
  EXPECT_EQ(reply_error({503, "text/plain", "oops"}), "HTTP 503");

  EXPECT_EQ(reply_watch_id({200, "application/json", R"({"watchId":17})"}), 17);
  EXPECT_EQ(reply_watch_id({410, "application/json", R"({"watchId":17})"}), 0);
  EXPECT_EQ(reply_watch_id({200, "application/json", R"({})"}), 0);
}

}  // namespace
}  // namespace navarch::client
