// The informer against the real apiserver actor (over the real store), to hold both sides to one protocol:
// list, watch events, and a watch the apiserver ends at timeoutSeconds resumed without a relist.
#include <gtest/gtest.h>

#include <thread>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "tests/integration/client_test_owner.hpp"
#include "tests/integration/test_cluster.hpp"

namespace navarch::client {
namespace {

using namespace std::chrono_literals;
using test_support::strings;

std::string rv_of(const msg::api_response& r) {
  return std::string(boost::json::parse(r.body).at("metadata").at("resourceVersion").as_string());
}

boost::json::value config_map(std::string name, std::string value) {
  return boost::json::object{{"apiVersion", "v1"}, {"kind", "ConfigMap"},
                             {"metadata", {{"name", std::move(name)}}}, {"data", {{"k", std::move(value)}}}};
}

TEST(InformerOnApiserver, ListWatchAndResumeAfterTheWatchTimeout) {
  test_support::test_cluster cluster;
  const resource_client cms({"", "v1", "configmaps"});
  auto one = cluster.call(cms.create("default", config_map("one", "1")));
  ASSERT_EQ(one.code, 201) << one.body;
  ASSERT_EQ(cluster.call(cms.create("kube-system", config_map("elsewhere", "1"))).code, 201);

  informer_options opts;
  opts.resource = {"", "v1", "configmaps"};
  opts.ns = "default";
  opts.request_timeout = 2s;
  opts.watch_timeout = 1s;
  opts.watch_grace = 3s;
  opts.initial_backoff = 20ms;
  test_support::test_owner owner(cluster.system(), [api = cluster.api()] { return api; }, opts);
  EXPECT_EQ(owner.events(2), (strings{"add default/one@" + rv_of(one), "synced"}));

  auto two = cluster.call(cms.create("default", config_map("two", "2")));
  ASSERT_EQ(two.code, 201) << two.body;
  auto changed = boost::json::parse(one.body);
  changed.at("data").as_object()["k"] = "changed";
  auto updated = cluster.call(cms.update(changed));
  ASSERT_EQ(updated.code, 200) << updated.body;
  auto removed = cluster.call(cms.remove("default", "two"));
  ASSERT_EQ(removed.code, 200) << removed.body;
  auto seen = owner.events_after(2, 3);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], "add default/two@" + rv_of(two));
  EXPECT_EQ(seen[1], "update default/one@" + rv_of(one) + "->" + rv_of(updated));
  EXPECT_EQ(seen[2].rfind("delete default/two@", 0), 0u) << seen[2];

  // The apiserver ends the watch after timeoutSeconds=1; the informer resumes it from its resourceVersion.
  EXPECT_TRUE(test_support::eventually([&] { return owner.last_error() == "watch closed"; }, 4s)) << owner.last_error();
  auto three = cluster.call(cms.create("default", config_map("three", "3")));
  ASSERT_EQ(three.code, 201) << three.body;
  EXPECT_EQ(owner.events_after(5, 1), (strings{"add default/three@" + rv_of(three)}));
  EXPECT_EQ(owner.dump().rfind("synced ", 0), 0u);
}

}  // namespace
}  // namespace navarch::client
