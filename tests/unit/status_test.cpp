// metav1.Status bodies as kubectl reads them: reason, code, message wording and details.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/status/status.hpp"

namespace navarch::api {
namespace {

namespace json = boost::json;

// Any resource description with group, plural and kind converts (the apiserver passes its resource_info).
struct some_resource {
  std::string group, version, kind, plural;
};
const some_resource pods{"", "v1", "Pod", "pods"};
const some_resource deployments{"apps", "v1", "Deployment", "deployments"};

json::object body(const msg::api_response& r) {
  EXPECT_EQ(r.content_type, "application/json");
  return json::parse(r.body).as_object();
}

TEST(Status, NotFoundNamesTheResource) {
  auto r = not_found(deployments, "web");
  EXPECT_EQ(r.code, 404);
  auto b = body(r);
  EXPECT_EQ(b["kind"], "Status");
  EXPECT_EQ(b["apiVersion"], "v1");
  EXPECT_EQ(b["status"], "Failure");
  EXPECT_EQ(b["reason"], "NotFound");
  EXPECT_EQ(b["message"], "deployments.apps \"web\" not found");
  EXPECT_EQ(b["details"], (json::object{{"name", "web"}, {"group", "apps"}, {"kind", "deployments"}}));
  EXPECT_EQ(b["code"], 404);
  EXPECT_EQ(r.body.substr(r.body.size() - 11), "\"code\":404}") << "code comes last, as Kubernetes writes it";
}

TEST(Status, ConflictAndAlreadyExists) {
  auto c = body(conflict(pods, "p"));
  EXPECT_EQ(c["reason"], "Conflict");
  EXPECT_EQ(c["message"],
            "Operation cannot be fulfilled on pods \"p\": the object has been modified; please apply your changes to "
            "the latest version and try again");
  auto e = already_exists(pods, "p");
  EXPECT_EQ(e.code, 409);
  EXPECT_EQ(body(e)["message"], "pods \"p\" already exists");
}

TEST(Status, InvalidCarriesKindAndCauses) {
  json::array causes{json::object{{"reason", "FieldValueRequired"}, {"field", "spec.replicas"}}};
  auto r = invalid_reply(deployments, "web", "spec.replicas: Required value", causes);
  EXPECT_EQ(r.code, 422);
  auto b = body(r);
  EXPECT_EQ(b["message"], "Deployment.apps \"web\" is invalid: spec.replicas: Required value");
  EXPECT_EQ(b["details"].as_object()["kind"], "Deployment");
  EXPECT_EQ(b["details"].as_object()["causes"], causes);
}

TEST(Status, PlainReplies) {
  EXPECT_EQ(bad_request("x").code, 400);
  EXPECT_EQ(body(bad_request("x"))["reason"], "BadRequest");
  EXPECT_EQ(body(internal_error("boom"))["message"], "Internal error occurred: boom");
  EXPECT_EQ(body(namespace_not_found("ns"))["message"], "namespaces \"ns\" not found");
  EXPECT_EQ(unauthorized().code, 401);
  EXPECT_EQ(timeout("slow").code, 504);
  // Messages are JSON strings, whatever they hold.
  auto odd = body(status_reply(404, "NotFound", "pod \"a\\b\" is not running"));
  EXPECT_EQ(odd["message"], "pod \"a\\b\" is not running");
}

TEST(Status, ObjectForWatchErrors) {
  auto o = json::parse(status_object(410, "Expired", "too old")).as_object();
  EXPECT_EQ(o["code"], 410);
  EXPECT_EQ(o["reason"], "Expired");
  EXPECT_EQ(o["message"], "too old");
}

TEST(Status, SuccessNamesTheObject) {
  auto b = body(success_reply(pods, "p", "u-1"));
  EXPECT_EQ(b["status"], "Success");
  EXPECT_EQ(b["details"], (json::object{{"name", "p"}, {"kind", "pods"}, {"uid", "u-1"}}));
  EXPECT_EQ(status_resource(deployments).qualified_name(), "deployments.apps");
}

}  // namespace
}  // namespace navarch::api
