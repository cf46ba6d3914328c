#include <gtest/gtest.h>

#include "actors/apiserver/core/reads.hpp"
#include "actors/apiserver/core/route.hpp"
#include "api/registry/registry.hpp"

using namespace navarch;

namespace {

msg::api_request parse(std::string_view method, std::string_view path,
                       std::vector<std::pair<std::string, std::string>> q = {}) {
  auto r = api::parse_resource_path(method, path, q);
  EXPECT_TRUE(std::holds_alternative<msg::api_request>(r)) << path;
  return std::holds_alternative<msg::api_request>(r) ? std::get<msg::api_request>(r) : msg::api_request{};
}

}  // namespace

TEST(ApiRoute, ParsesCorePaths) {
  auto r = parse("GET", "/api/v1/namespaces/default/pods/web");
  EXPECT_EQ(r.verb, "get");
  EXPECT_EQ(r.group, "");
  EXPECT_EQ(r.ns, "default");
  EXPECT_EQ(r.resource, "pods");
  EXPECT_EQ(r.name, "web");

  r = parse("GET", "/api/v1/pods", {{"watch", "true"}});
  EXPECT_EQ(r.verb, "watch");
  EXPECT_EQ(r.ns, "");

  r = parse("DELETE", "/api/v1/namespaces/dev/configmaps");
  EXPECT_EQ(r.verb, "deletecollection");
  EXPECT_EQ(r.ns, "dev");
}

TEST(ApiRoute, NamespacesThemselvesAndSubresources) {
  auto r = parse("GET", "/api/v1/namespaces/dev");
  EXPECT_EQ(r.resource, "namespaces");
  EXPECT_EQ(r.name, "dev");
  EXPECT_EQ(r.ns, "");

  r = parse("PUT", "/api/v1/namespaces/dev/status");
  EXPECT_EQ(r.resource, "namespaces");
  EXPECT_EQ(r.subresource, "status");

  r = parse("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale");
  EXPECT_EQ(r.group, "apps");
  EXPECT_EQ(r.resource, "deployments");
  EXPECT_EQ(r.subresource, "scale");
  EXPECT_EQ(r.verb, "patch");
}

TEST(ApiRoute, ResolveRejectsWhatKubernetesRejects) {
  auto code = [](msg::api_request req) {
    auto r = api::resolve(req);
    return std::holds_alternative<msg::api_response>(r) ? std::get<msg::api_response>(r).code : 0;
  };
  EXPECT_EQ(code(parse("GET", "/api/v1/namespaces/default/widgets")), 404);
  EXPECT_EQ(code(parse("POST", "/api/v1/pods")), 405);                             // create needs a namespace
  EXPECT_EQ(code(parse("GET", "/api/v1/namespaces/default/configmaps/x/scale")), 404);  // no such subresource
  EXPECT_EQ(code(parse("GET", "/api/v1/namespaces/default/nodes")), 404);           // nodes are cluster-scoped
  EXPECT_EQ(code(parse("GET", "/api/v1/pods")), 0);                                  // list across namespaces
  EXPECT_EQ(code(parse("GET", "/apis/apps/v1/namespaces/d/deployments/x/scale")), 0);
}

TEST(ApiRoute, KindsServeTheVerbsAndSubresourcesTheyList) {
  api::kind_strategy review;
  review.group = "authentication.k8s.io";
  review.kind = "TokenReview";
  review.plural = "tokenreviews";
  review.singular = "tokenreview";
  review.namespaced = false;
  review.verbs = {"create"};
  api::kind_strategy pod = *api::kind_registry().find("", "v1", "pods");
  api::registry kinds({review, pod});
  auto code = [&](msg::api_request req) {
    auto r = api::resolve(req, *kinds.snapshot());
    return std::holds_alternative<msg::api_response>(r) ? std::get<msg::api_response>(r).code : 0;
  };
  EXPECT_EQ(code(parse("POST", "/apis/authentication.k8s.io/v1/tokenreviews")), 0);
  EXPECT_EQ(code(parse("GET", "/apis/authentication.k8s.io/v1/tokenreviews")), 405);
  EXPECT_EQ(code(parse("GET", "/apis/authentication.k8s.io/v1/tokenreviews/x")), 405);
  EXPECT_EQ(code(parse("GET", "/apis/authentication.k8s.io/v1/tokenreviews", {{"watch", "true"}})), 405);
  EXPECT_EQ(code(parse("GET", "/apis/apps/v1/namespaces/d/deployments")), 404);  // not in this set
  EXPECT_EQ(code(parse("GET", "/api/v1/namespaces/d/pods/p/log")), 0);
  EXPECT_EQ(code(parse("PUT", "/api/v1/namespaces/d/pods/p/log")), 405);
  EXPECT_EQ(code(parse("POST", "/api/v1/namespaces/d/pods/p/exec")), 0);
  EXPECT_EQ(code(parse("POST", "/api/v1/namespaces/d/pods/p/binding")), 0);
  EXPECT_EQ(code(parse("GET", "/api/v1/namespaces/d/pods/p/binding")), 405);
  EXPECT_EQ(code(parse("GET", "/api/v1/namespaces/d/pods/p/attach")), 404);
}

TEST(ApiRoute, StoreKeysFollowKubernetes) {
  const auto& pods = *api::kind_registry().find("", "v1", "pods");
  const auto& nodes = *api::kind_registry().find("", "v1", "nodes");
  EXPECT_EQ(api::object_key(pods, "default", "web"), "/registry/pods/default/web");
  EXPECT_EQ(api::object_key(nodes, "", "n1"), "/registry/nodes/n1");
  EXPECT_EQ(api::collection_prefix(pods, "default"), "/registry/pods/default/");
  EXPECT_EQ(api::collection_prefix(pods, ""), "/registry/pods/");
  EXPECT_EQ(api::prefix_end("/registry/pods/"), "/registry/pods0");
}

TEST(ApiRoute, ContinueTokensRoundTripAndRejectGarbage) {
  auto token = api::encode_continue(42, "/registry/pods/default/web");
  auto back = api::decode_continue(token);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->first, 42);
  EXPECT_EQ(back->second, "/registry/pods/default/web");
  EXPECT_FALSE(api::decode_continue("not-a-token"));
  EXPECT_FALSE(api::decode_continue(""));
}
