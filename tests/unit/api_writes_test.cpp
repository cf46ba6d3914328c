#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/registry/registry.hpp"
#include "actors/apiserver/core/scale.hpp"
#include "actors/apiserver/core/writes.hpp"

using namespace navarch;
namespace json = boost::json;

namespace {

const auto now = api::clock::time_point{} + std::chrono::hours(24 * 365 * 56);

api::route route_for(std::string_view group, std::string_view plural, std::string ns, std::string name = {},
                     std::string sub = {}) {
  return api::route{api::kind_registry().find(group, "v1", plural), std::move(ns), std::move(name), std::move(sub), "",
                    "test", false};
}

json::object planned(const api::plan_or_error& p) {
  if (auto* e = std::get_if<msg::api_response>(&p)) ADD_FAILURE() << e->code << " " << e->body;
  return std::holds_alternative<api::write_plan>(p) ? std::get<api::write_plan>(p).object : json::object{};
}

int error_code(const api::plan_or_error& p) {
  return std::holds_alternative<msg::api_response>(p) ? std::get<msg::api_response>(p).code : 0;
}

api::write_plan::action_t action(const api::plan_or_error& p) {
  return std::holds_alternative<api::write_plan>(p) ? std::get<api::write_plan>(p).action : api::write_plan::none;
}

const char* pod_body = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},
  "spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}})";

json::object stored_pod() { return planned(api::prepare_create(route_for("", "pods", "default"), pod_body, now)); }

}  // namespace

TEST(ApiWrites, CreateSetsServerFieldsAndDefaults) {
  auto pod = stored_pod();
  auto& meta = pod["metadata"].as_object();
  EXPECT_EQ(meta["namespace"], "default");
  EXPECT_EQ(meta["uid"].as_string().size(), 36u);
  EXPECT_TRUE(meta.contains("creationTimestamp"));
  EXPECT_FALSE(meta.contains("resourceVersion"));
  EXPECT_EQ(meta["generation"], 1);
  EXPECT_EQ(pod["status"].as_object()["phase"], "Pending");
  auto& spec = pod["spec"].as_object();
  EXPECT_EQ(spec["restartPolicy"], "Always");
  EXPECT_EQ(spec["containers"].as_array()[0].as_object()["imagePullPolicy"], "IfNotPresent");
}

TEST(ApiWrites, CreateGeneratesNamesAndChecksTypeAndNamespace) {
  auto rt = route_for("", "configmaps", "default");
  auto cm = planned(api::prepare_create(rt, R"({"metadata":{"generateName":"cfg-"}})", now));
  std::string name(cm["metadata"].as_object()["name"].as_string());
  EXPECT_EQ(name.size(), 9u);
  EXPECT_EQ(name.rfind("cfg-", 0), 0u);
  EXPECT_EQ(cm["kind"], "ConfigMap");

  EXPECT_EQ(error_code(api::prepare_create(rt, R"({"kind":"Secret","metadata":{"name":"x"}})", now)), 400);
  EXPECT_EQ(error_code(api::prepare_create(rt, R"({"metadata":{"name":"x","namespace":"other"}})", now)), 400);
  EXPECT_EQ(error_code(api::prepare_create(rt, R"({"metadata":)", now)), 400);
  EXPECT_EQ(error_code(api::prepare_create(rt, R"([1,2])", now)), 400);
}

TEST(ApiWrites, UpdateChecksResourceVersionAndBumpsGenerationOnlyForSpec) {
  auto pod = stored_pod();
  auto rt = route_for("", "pods", "default", "web");
  json::object changed = pod;
  changed["metadata"].as_object()["resourceVersion"] = "7";
  EXPECT_EQ(error_code(api::prepare_update(rt, json::serialize(changed), pod, 8, now)), 409);

  changed["metadata"].as_object()["labels"].as_object()["tier"] = "front";
  auto relabeled = planned(api::prepare_update(rt, json::serialize(changed), pod, 7, now));
  EXPECT_EQ(relabeled["metadata"].as_object()["generation"], 1);
  EXPECT_EQ(relabeled["metadata"].as_object()["labels"].as_object()["tier"], "front");

  changed["spec"].as_object()["activeDeadlineSeconds"] = 30;
  auto respec = planned(api::prepare_update(rt, json::serialize(changed), pod, 7, now));
  EXPECT_EQ(respec["metadata"].as_object()["generation"], 2);
}

TEST(ApiWrites, MainResourceIgnoresStatusAndStatusSubresourceIgnoresSpec) {
  auto pod = stored_pod();
  json::object body = pod;
  body["status"] = json::object{{"phase", "Running"}};
  auto main = planned(api::prepare_update(route_for("", "pods", "default", "web"), json::serialize(body), pod, 3, now));
  EXPECT_EQ(main["status"].as_object()["phase"], "Pending");
  EXPECT_EQ(action(api::prepare_update(route_for("", "pods", "default", "web"), json::serialize(body), pod, 3, now)),
            api::write_plan::none);

  body["metadata"].as_object()["labels"] = json::object{{"changed", "yes"}};
  auto status =
      planned(api::prepare_update(route_for("", "pods", "default", "web", "status"), json::serialize(body), pod, 3, now));
  EXPECT_EQ(status["status"].as_object()["phase"], "Running");
  EXPECT_FALSE(status["metadata"].as_object()["labels"].as_object().contains("changed"));
}

TEST(ApiWrites, PatchTypes) {
  auto pod = stored_pod();
  auto rt = route_for("", "pods", "default", "web");
  auto merged = planned(api::prepare_patch(rt, "application/merge-patch+json", "test",
                                           R"({"metadata":{"labels":{"app":null,"x":"y"}}})", pod, 5, now));
  auto& labels = merged["metadata"].as_object()["labels"].as_object();
  EXPECT_FALSE(labels.contains("app"));
  EXPECT_EQ(labels["x"], "y");

  auto jp = planned(api::prepare_patch(rt, "application/json-patch+json", "test",
                                       R"([{"op":"add","path":"/metadata/annotations","value":{"a":"b"}}])", pod, 5,
                                       now));
  EXPECT_EQ(jp["metadata"].as_object()["annotations"].as_object()["a"], "b");

  auto smp = planned(api::prepare_patch(rt, "application/strategic-merge-patch+json", "test",
                                        R"({"spec":{"containers":[{"name":"c","image":"nginx:1.28"}]}})", pod, 5, now));
  auto& c = smp["spec"].as_object()["containers"].as_array()[0].as_object();
  EXPECT_EQ(c["image"], "nginx:1.28");
  EXPECT_EQ(c["terminationMessagePath"], "/dev/termination-log");  // merged by name, not replaced

  EXPECT_EQ(error_code(api::prepare_patch(rt, "application/merge-patch+json", "test",
                                          R"({"metadata":{"resourceVersion":"4"}})", pod, 5, now)),
            409);
  EXPECT_EQ(error_code(api::prepare_patch(rt, "application/vnd.kubernetes.protobuf", "test", "{}", pod, 5, now)), 415);
  EXPECT_EQ(error_code(api::prepare_patch(rt, "application/merge-patch+json", "test", "{", pod, 5, now)), 400);
  EXPECT_EQ(error_code(api::prepare_patch(rt, "application/json-patch+json", "test", R"({"op":"add"})", pod, 5, now)), 400);
}

TEST(ApiWrites, ScaleChangesReplicasAndGeneration) {
  auto deploy = planned(api::prepare_create(route_for("apps", "deployments", "default"), R"({
    "metadata":{"name":"web"},
    "spec":{"selector":{"matchLabels":{"app":"web"}},
            "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}})",
                                            now));
  auto rt = route_for("apps", "deployments", "default", "web", "scale");
  auto scale = api::scale_of(*rt.resource, deploy, 9);
  EXPECT_EQ(scale["spec"].as_object()["replicas"], 1);
  EXPECT_EQ(scale["status"].as_object()["selector"], "app=web");
  auto scaled = planned(api::prepare_patch(rt, "application/merge-patch+json", "test", R"({"spec":{"replicas":3}})", deploy, 9, now));
  EXPECT_EQ(scaled["spec"].as_object()["replicas"], 3);
  EXPECT_EQ(scaled["metadata"].as_object()["generation"], 2);
  EXPECT_EQ(error_code(api::prepare_patch(rt, "application/merge-patch+json", "test", R"({"spec":{"replicas":-1}})", deploy, 9, now)),
            422);
}

TEST(ApiWrites, DeleteHonoursFinalizersPreconditionsAndNamespaces) {
  auto pod = stored_pod();
  auto rt = route_for("", "pods", "default", "web");
  EXPECT_EQ(action(api::prepare_delete(rt, "", pod, 4, now)), api::write_plan::remove);
  EXPECT_EQ(error_code(api::prepare_delete(rt, R"({"preconditions":{"uid":"nope"}})", pod, 4, now)), 409);
  EXPECT_EQ(error_code(api::prepare_delete(rt, R"({"preconditions":{"resourceVersion":"3"}})", pod, 4, now)), 409);

  pod["metadata"].as_object()["finalizers"] = json::array{"example.com/keep"};
  auto marked = api::prepare_delete(rt, "", pod, 4, now);
  EXPECT_EQ(action(marked), api::write_plan::put);
  auto held = planned(marked);
  EXPECT_TRUE(held["metadata"].as_object().contains("deletionTimestamp"));
  // Removing the last finalizer of an object being deleted removes it.
  held["metadata"].as_object()["finalizers"] = json::array{};
  EXPECT_EQ(action(api::prepare_update(rt, json::serialize(held), planned(marked), 4, now)), api::write_plan::remove);

  auto ns_rt = route_for("", "namespaces", "", "default");
  json::object ns{{"metadata", json::object{{"name", "default"}}}};
  EXPECT_EQ(error_code(api::prepare_delete(ns_rt, "", ns, 1, now)), 403);
  auto dev_rt = route_for("", "namespaces", "", "dev");
  auto terminating = planned(api::prepare_delete(dev_rt, "", json::object{{"metadata", json::object{{"name", "dev"}}}}, 1, now));
  EXPECT_EQ(terminating["status"].as_object()["phase"], "Terminating");
}

TEST(ApiWrites, ServerSideApplyOwnsWhatEachManagerApplied) {
  auto rt = route_for("", "configmaps", "default", "cfg");
  auto created = planned(api::prepare_apply_create(
      rt, R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"a":"1","b":"2"}})", "kubectl", now));
  EXPECT_EQ(created["data"].as_object().size(), 2u);
  EXPECT_EQ(created["metadata"].as_object()["managedFields"].as_array().size(), 1u);

  // Another writer adds a key; the applier then stops applying "a".
  auto edited = planned(api::prepare_patch(rt, "application/merge-patch+json", "other", R"({"data":{"c":"3"}})",
                                           created, 2, now));
  auto reapplied = planned(api::prepare_patch(rt, "application/apply-patch+yaml", "kubectl",
                                              R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"b":"2"}})",
                                              edited, 3, now));
  auto& data = reapplied["data"].as_object();
  EXPECT_FALSE(data.contains("a"));
  EXPECT_EQ(data["b"], "2");
  EXPECT_EQ(data["c"], "3");

  EXPECT_EQ(error_code(api::prepare_patch(rt, "application/apply-patch+yaml", "", R"({"data":{}})", edited, 3, now)),
            422);
}

TEST(ApiWrites, BindingAssignsANodeOnce) {
  auto pod = stored_pod();
  auto rt = route_for("", "pods", "default", "web", "binding");
  const char* binding = R"({"apiVersion":"v1","kind":"Binding","metadata":{"name":"web"},"target":{"kind":"Node","name":"n1"}})";
  auto bound = planned(api::prepare_binding(rt, binding, pod, now));
  EXPECT_EQ(bound["spec"].as_object()["nodeName"], "n1");
  auto& conditions = bound["status"].as_object()["conditions"].as_array();
  ASSERT_EQ(conditions.size(), 1u);
  EXPECT_EQ(conditions[0].as_object()["type"], "PodScheduled");
  EXPECT_EQ(conditions[0].as_object()["status"], "True");
  EXPECT_EQ(error_code(api::prepare_binding(rt, binding, bound, now)), 409);
  EXPECT_EQ(error_code(api::prepare_binding(rt, R"({"target":{}})", pod, now)), 422);
  EXPECT_EQ(error_code(api::prepare_binding(rt, R"({"kind":"Pod","target":{"name":"n1"}})", pod, now)), 400);
}

TEST(ApiWrites, PodsOnANodeAreDeletedGracefully) {
  auto pod = stored_pod();
  auto rt = route_for("", "pods", "default", "web");
  EXPECT_EQ(action(api::prepare_delete(rt, "", pod, 4, now)), api::write_plan::remove);  // unscheduled: at once
  pod["spec"].as_object()["nodeName"] = "n1";
  auto marked = api::prepare_delete(rt, "", pod, 4, now);
  ASSERT_EQ(action(marked), api::write_plan::put);
  auto terminating = planned(marked);
  EXPECT_EQ(terminating["metadata"].as_object()["deletionGracePeriodSeconds"], 30);
  // Asking again with a longer grace changes nothing; a shorter one moves the deadline; zero removes it.
  EXPECT_EQ(action(api::prepare_delete(rt, R"({"gracePeriodSeconds":60})", terminating, 5, now)), api::write_plan::none);
  auto shorter = planned(api::prepare_delete(rt, R"({"gracePeriodSeconds":5})", terminating, 5, now));
  EXPECT_EQ(shorter["metadata"].as_object()["deletionGracePeriodSeconds"], 5);
  EXPECT_EQ(action(api::prepare_delete(rt, R"({"gracePeriodSeconds":0})", terminating, 5, now)), api::write_plan::remove);
  pod["status"].as_object()["phase"] = "Succeeded";
  EXPECT_EQ(action(api::prepare_delete(rt, "", pod, 4, now)), api::write_plan::remove);
}

TEST(ApiWrites, StatusUpdatesOfATerminatingPodKeepIt) {
  auto pod = stored_pod();
  pod["spec"].as_object()["nodeName"] = "n1";
  auto terminating = planned(api::prepare_delete(route_for("", "pods", "default", "web"), "", pod, 4, now));
  json::object body = terminating;
  body["status"] = json::object{{"phase", "Running"}};
  auto update = api::prepare_update(route_for("", "pods", "default", "web", "status"), json::serialize(body), terminating, 5, now);
  EXPECT_EQ(action(update), api::write_plan::put);
}
