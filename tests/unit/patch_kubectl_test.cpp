// The exact patch bodies kubectl sends (shared/research/kubectl-wire.md §5), applied to objects as the apiserver
// stores them; the expected documents are what a real apiserver's strategic merge produces.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/patch/strategic_merge_patch.hpp"
#include "tests/unit/kinds_test_util.hpp"
#include "tests/unit/patch_expect.hpp"

namespace navarch::patch {
namespace {

using boost::json::parse;
using testing::expect_doc;

const schema_node* deployment_schema() { return api::test::kind_named("Deployment").smp; }
const schema_node* node_schema() { return api::test::kind_named("Node").smp; }

// A Deployment as stored after `kubectl apply` and a rollout: defaults filled in, status present.
boost::json::value live_deployment(std::string_view containers) {
  return parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
    "metadata":{"name":"api","namespace":"default","uid":"u1","resourceVersion":"5","generation":1,
                "labels":{"app":"api"},
                "annotations":{"deployment.kubernetes.io/revision":"1",
                               "kubectl.kubernetes.io/last-applied-configuration":"{\"old\":true}\n"}},
    "spec":{"replicas":1,"selector":{"matchLabels":{"app":"api"}},
            "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
            "template":{"metadata":{"labels":{"app":"api"}},
                        "spec":{"containers":)" +
               std::string(containers) + R"(,"restartPolicy":"Always","dnsPolicy":"ClusterFirst"}}},
    "status":{"replicas":1,"conditions":[{"type":"Available","status":"True"}]}})");
}

constexpr const char* api_container =
    R"({"name":"api","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}],
        "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"resources":{},"imagePullPolicy":"IfNotPresent"})";

TEST(KubectlPatch, ApplyConfigured) {
  const auto live = live_deployment(std::string("[") + api_container + "]");
  const auto patch = parse(
      R"({"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"new\":true}\n"}},"spec":{"replicas":3,"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"image":"nginx:1.26","name":"api"}]}}}})");
  auto expected = live;
  expected.at_pointer("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration") = "{\"new\":true}\n";
  expected.at_pointer("/spec/replicas") = 3;
  expected.at_pointer("/spec/template/spec/containers/0/image") = "nginx:1.26";
  expect_doc(strategic_merge_patch(live, patch, deployment_schema()), boost::json::serialize(expected));
}

TEST(KubectlPatch, ApplyRemovesContainerAndEnvVar) {
  const auto live = live_deployment(std::string("[") + api_container + R"(,{"name":"sidecar","image":"busybox"}])");
  const auto patch = parse(
      R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"$setElementOrder/env":[{"name":"A"}],"env":[{"$patch":"delete","name":"B"}],"name":"api"},{"$patch":"delete","name":"sidecar"}]}}}})");
  auto expected = live_deployment(std::string("[") + api_container + "]");
  expected.at_pointer("/spec/template/spec/containers/0/env").as_array().pop_back();
  expect_doc(strategic_merge_patch(live, patch, deployment_schema()), boost::json::serialize(expected));
}

TEST(KubectlPatch, SetImage) {
  const auto live =
      live_deployment(R"([{"name":"log","image":"fluent:1"},{"name":"nginx","image":"nginx:1.25","resources":{}}])");
  const auto patch = parse(
      R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"log"},{"name":"nginx"}],"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}})");
  expect_doc(strategic_merge_patch(live, patch, deployment_schema()),
             boost::json::serialize(live_deployment(
                 R"([{"name":"log","image":"fluent:1"},{"name":"nginx","image":"nginx:1.27","resources":{}}])")));
}

TEST(KubectlPatch, RolloutRestart) {
  const auto live = live_deployment(std::string("[") + api_container + "]");
  const auto patch = parse(
      R"({"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-06-01T12:00:00Z"}}}}})");
  auto expected = live;
  expected.at_pointer("/spec/template/metadata").as_object()["annotations"] =
      parse(R"({"kubectl.kubernetes.io/restartedAt":"2025-06-01T12:00:00Z"})");
  expect_doc(strategic_merge_patch(live, patch, deployment_schema()), boost::json::serialize(expected));
}

TEST(KubectlPatch, CordonAndUncordon) {
  const auto node = parse(R"({"kind":"Node","metadata":{"name":"n1"},"spec":{"podCIDR":"10.0.0.0/24"},
                              "status":{"addresses":[{"type":"InternalIP","address":"10.1.0.1"}]}})");
  const auto cordoned = strategic_merge_patch(node, parse(R"({"spec":{"unschedulable":true}})"), node_schema());
  expect_doc(cordoned, R"({"kind":"Node","metadata":{"name":"n1"},"spec":{"podCIDR":"10.0.0.0/24","unschedulable":true},
                           "status":{"addresses":[{"type":"InternalIP","address":"10.1.0.1"}]}})");
  expect_doc(strategic_merge_patch(cordoned.doc, parse(R"({"spec":{"unschedulable":null}})"), node_schema()),
             boost::json::serialize(node));
}

}  // namespace
}  // namespace navarch::patch
