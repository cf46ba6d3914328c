#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "actors/apiserver/core/fixed_endpoints.hpp"

using namespace navarch;
namespace json = boost::json;

namespace {

json::object doc(std::string_view path, std::string_view accept, std::string* content_type = nullptr) {
  auto r = api::fixed_endpoint("GET", path, accept, "127.0.0.1:6443");
  EXPECT_TRUE(r) << path;
  if (!r) return {};
  if (content_type) *content_type = r->content_type;
  return json::parse(r->body).as_object();
}

const json::object* find_resource(const json::array& resources, std::string_view key, std::string_view name) {
  for (const auto& r : resources)
    if (r.as_object().at(key) == json::value(name)) return &r.as_object();
  return nullptr;
}

}  // namespace

TEST(ApiDiscovery, VersionReports133) {
  auto v = doc("/version", "application/json");
  EXPECT_EQ(v["major"], "1");
  EXPECT_EQ(v["minor"], "33");
  EXPECT_EQ(v["gitVersion"], "v1.33.0");
}

TEST(ApiDiscovery, AggregatedFollowsAcceptAndCarriesShortNamesAndCategories) {
  std::string ct;
  auto d = doc("/apis",
               "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery."
               "k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
               &ct);
  EXPECT_EQ(ct, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  EXPECT_EQ(d["apiVersion"], "apidiscovery.k8s.io/v2");
  const json::object* apps = nullptr;
  for (const auto& g : d["items"].as_array())
    if (g.as_object().at("metadata").as_object().at("name") == "apps") apps = &g.as_object();
  ASSERT_TRUE(apps);
  const auto& resources = apps->at("versions").as_array()[0].as_object().at("resources").as_array();
  const auto* deploy = find_resource(resources, "resource", "deployments");
  ASSERT_TRUE(deploy);
  EXPECT_EQ(deploy->at("shortNames").as_array()[0], "deploy");
  EXPECT_EQ(deploy->at("categories").as_array()[0], "all");
  EXPECT_EQ(deploy->at("subresources").as_array().size(), 2u);

  auto beta = doc("/api", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
                  &ct);
  EXPECT_EQ(beta["apiVersion"], "apidiscovery.k8s.io/v2beta1");
}

TEST(ApiDiscovery, LegacyDocuments) {
  auto versions = doc("/api", "application/json");
  EXPECT_EQ(versions["kind"], "APIVersions");
  auto groups = doc("/apis", "application/json, */*");
  EXPECT_EQ(groups["kind"], "APIGroupList");
  auto core = doc("/api/v1", "application/json");
  const auto* pods = find_resource(core["resources"].as_array(), "name", "pods");
  ASSERT_TRUE(pods);
  EXPECT_EQ(pods->at("shortNames").as_array()[0], "po");
  EXPECT_TRUE(find_resource(core["resources"].as_array(), "name", "pods/status"));
  auto apps = doc("/apis/apps/v1", "application/json");
  const auto* scale = find_resource(apps["resources"].as_array(), "name", "deployments/scale");
  ASSERT_TRUE(scale);
  EXPECT_EQ(scale->at("kind"), "Scale");
}

TEST(ApiDiscovery, OpenApiV2IsAnEmptyProtobufDocumentAndV3IsAbsent) {
  auto v2 = api::fixed_endpoint("GET", "/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf", "");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->code, 200);
  EXPECT_TRUE(v2->body.empty());
  EXPECT_EQ(v2->content_type.find('@'), std::string::npos);
  auto v3 = api::fixed_endpoint("GET", "/openapi/v3", "application/json", "");
  ASSERT_TRUE(v3);
  EXPECT_EQ(v3->code, 404);
  EXPECT_FALSE(api::fixed_endpoint("GET", "/api/v1/namespaces/default/pods", "application/json", ""));
}
