// The review kinds and TokenRequest, answered for a caller: what `kubectl auth can-i|whoami` and `kubectl create
// token` get, and what is refused.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "actors/apiserver/core/reviews.hpp"
#include "actors/apiserver/core/route.hpp"
#include "api/auth/service_account_token.hpp"
#include "api/registry/registry.hpp"
#include "net/tls/jwt.hpp"

using namespace navarch;
namespace json = boost::json;

namespace {

const auto now = std::chrono::system_clock::time_point{} + std::chrono::seconds(1'800'000'000);

api::review_context as(std::string user, std::vector<std::string> groups) {
  return {api::auth::requester(user, groups), now, {}};
}

msg::api_response review(std::string_view group, std::string_view plural, const std::string& body,
                         const api::review_context& ctx) {
  api::route rt{api::kind_registry().find(group, "v1", plural), "", "", "", "create", "test", false};
  return api::answer_review(rt, body, ctx);
}

json::value answered(const msg::api_response& r) {
  EXPECT_EQ(r.code, 201) << r.body;
  return json::parse(r.body);
}

const char* can_create_pods = R"({"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
  "spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}}})";

TEST(ApiReviews, MastersMayDoEverythingAndSayWhy) {
  auto r = answered(review("authorization.k8s.io", "selfsubjectaccessreviews", can_create_pods,
                           as("admin", {"system:masters"})));
  EXPECT_EQ(r.at("status").at("allowed"), true);
  EXPECT_NE(std::string(r.at("status").at("reason").as_string()).find("system:masters"), std::string::npos);
  EXPECT_EQ(r.at("spec").at("resourceAttributes").at("resource"), "pods");
}

TEST(ApiReviews, OtherUsersAreAllowedBecauseNothingIsEnforcedYet) {
  auto r = answered(review("authorization.k8s.io", "selfsubjectaccessreviews", can_create_pods, as("alice", {})));
  EXPECT_EQ(r.at("status").at("allowed"), true);
  EXPECT_NE(std::string(r.at("status").at("reason").as_string()).find("does not enforce authorization"),
            std::string::npos);
}

TEST(ApiReviews, SubjectAccessReviewJudgesTheNamedUser) {
  auto anon_health = answered(review("authorization.k8s.io", "subjectaccessreviews",
      R"({"spec":{"nonResourceAttributes":{"path":"/healthz/etcd","verb":"get"},"user":"system:anonymous"}})",
      as("admin", {"system:masters"})));
  EXPECT_EQ(anon_health.at("status").at("allowed"), true);
  auto anon_pods = answered(review("authorization.k8s.io", "subjectaccessreviews",
      R"({"spec":{"resourceAttributes":{"verb":"list","resource":"pods"},"user":"system:anonymous"}})",
      as("admin", {"system:masters"})));
  EXPECT_EQ(anon_pods.at("status").at("allowed"), false);
  EXPECT_FALSE(anon_pods.at("status").as_object().contains("denied"));
  auto group = answered(review("authorization.k8s.io", "subjectaccessreviews",
      R"({"spec":{"resourceAttributes":{"verb":"delete","resource":"nodes"},"groups":["system:masters"]}})",
      as("bob", {})));
  EXPECT_NE(std::string(group.at("status").at("reason").as_string()).find("system:masters"), std::string::npos);
}

TEST(ApiReviews, InvalidReviewsAre422) {
  auto none = review("authorization.k8s.io", "selfsubjectaccessreviews", R"({"spec":{}})", as("admin", {}));
  EXPECT_EQ(none.code, 422) << none.body;
  EXPECT_NE(none.body.find("spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or "
                           "resourceAttributes must be specified"),
            std::string::npos)
      << none.body;
  auto both = review("authorization.k8s.io", "selfsubjectaccessreviews",
                     R"({"spec":{"resourceAttributes":{},"nonResourceAttributes":{}}})", as("admin", {}));
  EXPECT_EQ(both.code, 422) << both.body;
  auto nobody = review("authorization.k8s.io", "subjectaccessreviews",
                       R"({"spec":{"resourceAttributes":{"verb":"get"}}})", as("admin", {}));
  EXPECT_EQ(nobody.code, 422) << nobody.body;
  EXPECT_EQ(review("authorization.k8s.io", "selfsubjectaccessreviews", "[1]", as("a", {})).code, 400);
  EXPECT_EQ(review("authorization.k8s.io", "selfsubjectaccessreviews", R"({"kind":"Pod"})", as("a", {})).code, 400);
}

TEST(ApiReviews, RulesAndWhoAmI) {
  auto rules = answered(review("authorization.k8s.io", "selfsubjectrulesreviews",
                               R"({"spec":{"namespace":"default"}})", as("admin", {"system:masters"})));
  EXPECT_EQ(rules.at("status"), json::parse(R"({"resourceRules":[{"verbs":["*"],"apiGroups":["*"],"resources":["*"]}],
      "nonResourceRules":[{"verbs":["*"],"nonResourceURLs":["*"]}],"incomplete":false})"));
  auto who = answered(review("authentication.k8s.io", "selfsubjectreviews", "{}", as("admin", {"system:masters"})));
  EXPECT_EQ(who.at("kind"), "SelfSubjectReview");
  EXPECT_EQ(who.at("status").at("userInfo"),
            json::parse(R"({"username":"admin","groups":["system:masters","system:authenticated"]})"));
  auto anon = answered(review("authentication.k8s.io", "selfsubjectreviews", "{}", as("", {})));
  EXPECT_EQ(anon.at("status").at("userInfo").at("username"), "system:anonymous");
}

TEST(ApiReviews, ReviewsServeOnlyCreate) {
  for (const char* verb : {"get", "list", "watch", "delete"}) {
    msg::api_request req;
    req.verb = verb;
    req.group = "authorization.k8s.io";
    req.version = "v1";
    req.resource = "selfsubjectaccessreviews";
    if (std::string_view(verb) == "get" || std::string_view(verb) == "delete") req.name = "x";
    auto routed = api::resolve(req);
    ASSERT_TRUE(std::holds_alternative<msg::api_response>(routed)) << verb;
    EXPECT_EQ(std::get<msg::api_response>(routed).code, 405) << verb;
  }
  EXPECT_EQ(api::kind_registry().find("authentication.k8s.io", "v1", "tokenreviews")->verbs,
            std::vector<std::string>{"create"});
}

// A TokenRequest for robot in ns, signed by a real key; `seconds` of validity.
std::string token_for(const std::string& key, const std::string& audience) {
  json::object sa{{"metadata", json::object{{"name", "robot"}, {"namespace", "ns"}, {"uid", "u-1"}}}};
  auto r = api::answer_token_request(R"({"spec":{"audiences":[")" + audience + R"("],"expirationSeconds":1200}})",
                                     sa, now, "jti-1", [&](const std::string& c) { return tls::sign_jwt(key, c); });
  EXPECT_EQ(r.code, 201) << r.body;
  auto v = json::parse(r.body);
  EXPECT_EQ(v.at("spec").at("expirationSeconds"), 1200);
  EXPECT_EQ(v.at("status").at("expirationTimestamp"), "2027-01-15T08:20:00Z");
  return std::string(v.at("status").at("token").as_string());
}

TEST(ApiReviews, TokenRequestClaimsAndTokenReview) {
  json::object sa{{"metadata", json::object{{"name", "robot"}, {"namespace", "ns"}, {"uid", "u-1"}}}};
  std::string claims;
  auto r = api::answer_token_request("{}", sa, now, "jti-1", [&](const std::string& c) { return claims = c, "t"; });
  ASSERT_EQ(r.code, 201) << r.body;
  EXPECT_EQ(json::parse(claims), json::parse(R"({"aud":["https://kubernetes.default.svc.cluster.local"],
      "exp":1800003600,"iat":1800000000,"nbf":1800000000,"iss":"https://kubernetes.default.svc.cluster.local",
      "jti":"jti-1","sub":"system:serviceaccount:ns:robot",
      "kubernetes.io":{"namespace":"ns","serviceaccount":{"name":"robot","uid":"u-1"}}})"));
  auto reply = json::parse(r.body);
  EXPECT_EQ(reply.at("kind"), "TokenRequest");
  EXPECT_EQ(reply.at("status").at("token"), "t");

  auto short_lived = api::answer_token_request(R"({"spec":{"expirationSeconds":60}})", sa, now, "j",
                                               [](const std::string&) { return std::string("t"); });
  EXPECT_EQ(short_lived.code, 422);
  EXPECT_NE(short_lived.body.find("may not specify a duration less than 10 minutes"), std::string::npos);

  auto key = tls::new_token_signing_key();
  auto token = token_for(key, "api");
  api::review_context ctx{api::auth::requester("admin", {"system:masters"}), now + std::chrono::seconds(60),
                          [&](std::string_view t) { return tls::verify_jwt(key, t); }};
  auto ok = answered(review("authentication.k8s.io", "tokenreviews",
                            R"({"spec":{"token":")" + token + R"(","audiences":["api"]}})", ctx));
  EXPECT_EQ(ok.at("status"), json::parse(R"({"authenticated":true,"audiences":["api"],
      "user":{"username":"system:serviceaccount:ns:robot","uid":"u-1",
              "groups":["system:serviceaccounts","system:serviceaccounts:ns","system:authenticated"]}})"));
  auto other_audience = answered(review("authentication.k8s.io", "tokenreviews",
                                        R"({"spec":{"token":")" + token + R"("}})", ctx));
  EXPECT_EQ(other_audience.at("status").at("authenticated"), false);
  ctx.now = now + std::chrono::seconds(1201);
  auto expired = answered(review("authentication.k8s.io", "tokenreviews",
                                 R"({"spec":{"token":")" + token + R"(","audiences":["api"]}})", ctx));
  EXPECT_EQ(expired.at("status").at("error"), "the token has expired");
  auto forged = answered(review("authentication.k8s.io", "tokenreviews", R"({"spec":{"token":"a.b.c"}})", ctx));
  EXPECT_EQ(forged.at("status").at("authenticated"), false);
  EXPECT_EQ(review("authentication.k8s.io", "tokenreviews", R"({"spec":{}})", ctx).code, 422);
}

TEST(ApiReviews, TokenSubresourceTakesOnlyCreate) {
  msg::api_request req;
  req.verb = "get";
  req.version = "v1";
  req.resource = "serviceaccounts";
  req.ns = "ns";
  req.name = "robot";
  req.subresource = "token";
  EXPECT_EQ(std::get<msg::api_response>(api::resolve(req)).code, 405);
  req.verb = "create";
  EXPECT_TRUE(std::holds_alternative<api::route>(api::resolve(req)));
}

}  // namespace
