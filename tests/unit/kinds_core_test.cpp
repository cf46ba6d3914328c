// The core kinds' strategies: defaults, validation, Table rows, and their hooks (status on create, ClusterIP
// claims, graceful and forbidden deletion, field selectors).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/kinds/core/configmap/strategy.hpp"
#include "api/kinds/core/endpoints/strategy.hpp"
#include "api/kinds/core/event/strategy.hpp"
#include "api/kinds/core/namespace/strategy.hpp"
#include "api/kinds/core/node/strategy.hpp"
#include "api/kinds/core/pod/strategy.hpp"
#include "api/kinds/core/secret/strategy.hpp"
#include "api/kinds/core/service/strategy.hpp"
#include "api/kinds/core/serviceaccount/strategy.hpp"
#include "tests/unit/kinds_test_cases.hpp"

namespace navarch::api::test {
namespace {

namespace json = boost::json;

// ---- defaults ----

class CoreDefaults : public ::testing::TestWithParam<defaults_case> {};
TEST_P(CoreDefaults, FillWhatAUserLeavesOut) { check(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    Kinds, CoreDefaults,
    ::testing::Values(
        defaults_case{"Pod", pod_strategy,
                      R"({"spec":{"containers":[{"name":"c","image":"nginx","ports":[{"containerPort":80}]},
                                                 {"name":"d","image":"busybox:1.36"}]}})",
                      R"({"spec":{"containers":[
                            {"name":"c","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],
                             "imagePullPolicy":"Always","terminationMessagePath":"/dev/termination-log",
                             "terminationMessagePolicy":"File","resources":{}},
                            {"name":"d","image":"busybox:1.36","imagePullPolicy":"IfNotPresent",
                             "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",
                             "resources":{}}],
                          "restartPolicy":"Always","dnsPolicy":"ClusterFirst","schedulerName":"default-scheduler",
                          "terminationGracePeriodSeconds":30,"securityContext":{}}})"},
        defaults_case{"PodKeepsSetFields", pod_strategy,
                      R"({"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x@sha256:ab",
                                  "imagePullPolicy":"Never"}]}})",
                      R"({"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x@sha256:ab",
                            "imagePullPolicy":"Never","terminationMessagePath":"/dev/termination-log",
                            "terminationMessagePolicy":"File","resources":{}}],
                          "dnsPolicy":"ClusterFirst","schedulerName":"default-scheduler",
                          "terminationGracePeriodSeconds":30,"securityContext":{}}})"},
        defaults_case{"PodVolumesAndEnv", pod_strategy,
                      R"({"spec":{"restartPolicy":"Never","volumes":[{"name":"scratch"},{"name":"cfg","configMap":{"name":"c"}}],
                          "containers":[{"name":"c","image":"x:1","env":[{"name":"NODE","valueFrom":{"fieldRef":
                            {"fieldPath":"spec.nodeName"}}},{"name":"A","value":"1"}]}]}})",
                      R"({"spec":{"restartPolicy":"Never",
                          "volumes":[{"name":"scratch","emptyDir":{}},{"name":"cfg","configMap":{"name":"c"}}],
                          "containers":[{"name":"c","image":"x:1","env":[{"name":"NODE","valueFrom":{"fieldRef":
                            {"fieldPath":"spec.nodeName","apiVersion":"v1"}}},{"name":"A","value":"1"}],
                            "imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log",
                            "terminationMessagePolicy":"File","resources":{}}],
                          "dnsPolicy":"ClusterFirst","schedulerName":"default-scheduler",
                          "terminationGracePeriodSeconds":30,"securityContext":{}}})"},
        defaults_case{"SecretStringDataMergesIntoData", secret_strategy,
                      R"({"data":{"a":"b2xk","b":"Yg=="},"stringData":{"a":"new"}})",
                      R"({"data":{"a":"bmV3","b":"Yg=="},"type":"Opaque"})"},
        defaults_case{"Service", service_strategy, R"({"spec":{"ports":[{"port":80},{"port":53,"protocol":"UDP",
                                                                  "targetPort":"dns"}]}})",
                      R"({"spec":{"ports":[{"port":80,"protocol":"TCP","targetPort":80},
                                           {"port":53,"protocol":"UDP","targetPort":"dns"}],
                                  "type":"ClusterIP","sessionAffinity":"None"}})"},
        defaults_case{"Secret", secret_strategy, R"({"data":{}})", R"({"data":{},"type":"Opaque"})"},
        defaults_case{"Namespace", namespace_strategy, R"({"metadata":{"name":"dev"}})",
                      R"({"metadata":{"name":"dev"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}})"},
        defaults_case{"ConfigMapHasNone", config_map_strategy, R"({"data":{"a":"1"}})", R"({"data":{"a":"1"}})"},
        defaults_case{"NodeHasNone", node_strategy, R"({"spec":{}})", R"({"spec":{}})"}),
    case_name<defaults_case>);

// ---- validation ----

class CoreValidation : public ::testing::TestWithParam<validation_case> {};
TEST_P(CoreValidation, ReportsFieldErrors) { check(GetParam()); }

constexpr const char* pod_v1 = R"({"metadata":{"name":"p","namespace":"d"},
    "spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}})";

INSTANTIATE_TEST_SUITE_P(
    Kinds, CoreValidation,
    ::testing::Values(
        validation_case{"PodValid", pod_strategy, pod_v1, nullptr, {}},
        validation_case{"PodNeedsContainersAndNamespace", pod_strategy, R"({"metadata":{"name":"p"},"spec":{}})",
                        nullptr, {"metadata.namespace: FieldValueRequired", "spec.containers: FieldValueRequired"}},
        validation_case{"PodImageMayChange", pod_strategy,
                        R"({"metadata":{"name":"p","namespace":"d"},
                            "spec":{"containers":[{"name":"c","image":"nginx:1.28"}]}})",
                        pod_v1, {}},
        validation_case{"PodContainersMayNotChange", pod_strategy,
                        R"({"metadata":{"name":"p","namespace":"d"},
                            "spec":{"containers":[{"name":"other","image":"nginx:1.27"}]}})",
                        pod_v1, {"spec: FieldValueForbidden"}},
        validation_case{"ServiceTypeAndName", service_strategy,
                        R"({"metadata":{"name":"1svc","namespace":"d"},"spec":{"type":"Bogus","ports":[{"port":80}]}})",
                        nullptr, {"metadata.name: FieldValueInvalid", "spec.type: FieldValueNotSupported"}},
        validation_case{"ServiceNeedsPortsUnlessHeadless", service_strategy,
                        R"({"metadata":{"name":"s","namespace":"d"},"spec":{}})", nullptr,
                        {"spec.ports: FieldValueRequired"}},
        validation_case{"ServiceClusterIPIsKept", service_strategy,
                        R"({"metadata":{"name":"s","namespace":"d"},"spec":{"clusterIP":"10.96.0.11","ports":[{"port":80}]}})",
                        R"({"metadata":{"name":"s","namespace":"d"},"spec":{"clusterIP":"10.96.0.10","ports":[{"port":80}]}})",
                        {"spec.clusterIPs[0]: FieldValueInvalid"}},
        validation_case{"ConfigMapKeys", config_map_strategy,
                        R"({"metadata":{"name":"c","namespace":"d"},"data":{"bad key":"x","a":"1"},"binaryData":{"a":"MQ=="}})",
                        nullptr,
                        {"data[bad key]: FieldValueInvalid", "data[a]: FieldValueInvalid",
                         "binaryData[a]: FieldValueInvalid"}},
        validation_case{"ConfigMapImmutable", config_map_strategy,
                        R"({"metadata":{"name":"c","namespace":"d"},"immutable":true,"data":{"a":"2"}})",
                        R"({"metadata":{"name":"c","namespace":"d"},"immutable":true,"data":{"a":"1"}})",
                        {"data: FieldValueForbidden"}},
        validation_case{"SecretTlsNeedsKeys", secret_strategy,
                        R"({"metadata":{"name":"s","namespace":"d"},"type":"kubernetes.io/tls","data":{}})", nullptr,
                        {"data[tls.key]: FieldValueRequired", "data[tls.crt]: FieldValueRequired"}},
        validation_case{"SecretTypeImmutable", secret_strategy,
                        R"({"metadata":{"name":"s","namespace":"d"},"type":"other"})",
                        R"({"metadata":{"name":"s","namespace":"d"}})", {"type: FieldValueInvalid"}},
        validation_case{"NamespaceIsClusterScopedWithLabelNames", namespace_strategy,
                        R"({"metadata":{"name":"a.b","namespace":"x"}})", nullptr,
                        {"metadata.name: FieldValueInvalid", "metadata.namespace: FieldValueForbidden"}},
        validation_case{"NodeTaintNeedsEffect", node_strategy,
                        R"({"metadata":{"name":"n"},"spec":{"taints":[{"key":"k"}]}})", nullptr,
                        {"spec.taints[0].effect: FieldValueRequired"}},
        validation_case{"EventInItsObjectsNamespace", event_strategy,
                        R"({"metadata":{"name":"e","namespace":"a"},"involvedObject":{"namespace":"b"}})", nullptr,
                        {"involvedObject.namespace: FieldValueInvalid"}},
        validation_case{"EndpointsAddressesAreIPs", endpoints_strategy,
                        R"({"metadata":{"name":"e","namespace":"d"},"subsets":[{"addresses":[{"ip":"x"}],
                            "ports":[{"port":0,"protocol":"ICMP"}]}]})",
                        nullptr,
                        {"subsets[0].addresses[0].ip: FieldValueInvalid", "subsets[0].ports[0].port: FieldValueInvalid",
                         "subsets[0].ports[0].protocol: FieldValueNotSupported"}},
        validation_case{"ServiceAccountValid", service_account_strategy,
                        R"({"metadata":{"name":"default","namespace":"d"}})", nullptr, {}}),
    case_name<validation_case>);

// ---- Table rows ----

class CoreRows : public ::testing::TestWithParam<row_case> {};
TEST_P(CoreRows, PrintAsKubectlShowsThem) { check(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    Kinds, CoreRows,
    ::testing::Values(
        row_case{"Pod", pod_strategy,
                 R"({"metadata":{"name":"p","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "spec":{"containers":[{"name":"c","image":"x"}]},"status":{"phase":"Pending"}})",
                 R"(["p","0/1","Pending","0","60m","<none>","<none>","<none>","<none>"])"},
        row_case{"Namespace", namespace_strategy,
                 R"({"metadata":{"name":"dev","creationTimestamp":"2024-05-01T11:00:00Z"},"status":{"phase":"Active"}})",
                 R"(["dev","Active","60m"])"},
        row_case{"Node", node_strategy,
                 R"({"metadata":{"name":"n1","creationTimestamp":"2024-05-01T11:00:00Z",
                                 "labels":{"node-role.kubernetes.io/control-plane":""}},
                     "status":{"conditions":[{"type":"Ready","status":"True"}],"nodeInfo":{"kubeletVersion":"v1.31.0"},
                               "addresses":[{"type":"InternalIP","address":"10.0.0.1"}]}})",
                 R"(["n1","Ready","control-plane","60m","v1.31.0","10.0.0.1","<none>","<unknown>","<unknown>","<unknown>"])"},
        row_case{"Service", service_strategy,
                 R"({"metadata":{"name":"web","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","ports":[{"port":80,"protocol":"TCP"}],
                             "selector":{"app":"web"}}})",
                 R"(["web","ClusterIP","10.96.0.10","<none>","80/TCP","60m","app=web"])"},
        row_case{"Endpoints", endpoints_strategy,
                 R"({"metadata":{"name":"web","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "subsets":[{"addresses":[{"ip":"10.244.0.5"}],"ports":[{"port":8080}]}]})",
                 R"(["web","10.244.0.5:8080","60m"])"},
        row_case{"ConfigMap", config_map_strategy,
                 R"({"metadata":{"name":"cfg","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "data":{"a":"1","b":"2"},"binaryData":{"c":"MQ=="}})",
                 R"(["cfg",3,"60m"])"},
        row_case{"Secret", secret_strategy,
                 R"({"metadata":{"name":"s","creationTimestamp":"2024-05-01T11:00:00Z"},"type":"Opaque",
                     "data":{"a":"MQ=="}})",
                 R"(["s","Opaque",1,"60m"])"},
        row_case{"Event", event_strategy,
                 R"({"metadata":{"name":"ev1"},"type":"Normal","reason":"Scheduled","message":" Assigned ",
                     "firstTimestamp":"2024-05-01T11:00:00Z","lastTimestamp":"2024-05-01T11:59:00Z","count":2,
                     "involvedObject":{"kind":"Pod","name":"web"},"source":{"component":"default-scheduler"}})",
                 R"(["60s","Normal","Scheduled","pod/web","","default-scheduler","Assigned","60m",2,"ev1"])"},
        row_case{"ServiceAccount", service_account_strategy,
                 R"({"metadata":{"name":"default","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "secrets":[{"name":"t"}]})",
                 R"(["default",1,"60m"])"}),
    case_name<row_case>);

// ---- hooks ----

TEST(PodStrategy, CreateStartsPendingAndDeletionIsGracefulOnANode) {
  auto k = pod_strategy();
  json::object pod{{"status", json::object{{"phase", "Running"}}}};
  k.prepare_for_create(pod, create_context{});
  EXPECT_EQ(pod["status"], json::parse(R"({"phase":"Pending"})"));

  auto on_node = json::parse(R"({"spec":{"nodeName":"n1","terminationGracePeriodSeconds":10},
                                 "status":{"phase":"Running"}})").as_object();
  EXPECT_EQ(k.grace_period(on_node, {}), 10);
  EXPECT_EQ(k.grace_period(on_node, json::object{{"gracePeriodSeconds", 3}}), 3);
  EXPECT_EQ(k.grace_period(on_node, json::object{{"gracePeriodSeconds", -5}}), 0);
  on_node["status"].as_object()["phase"] = "Succeeded";
  EXPECT_EQ(k.grace_period(on_node, {}), 0);
  EXPECT_EQ(k.grace_period(json::parse(R"({"spec":{}})").as_object(), {}), 0);  // no kubelet runs it
  EXPECT_EQ(k.grace_period(json::parse(R"({"spec":{"nodeName":"n1"}})").as_object(), {}), 30);
}

TEST(PodStrategy, SubresourcesAndSelectableFields) {
  auto k = pod_strategy();
  std::vector<std::string> subs;
  for (const auto& s : k.subresources) subs.push_back(s.name + ":" + s.kind);
  EXPECT_EQ(subs, (std::vector<std::string>{"log:Pod", "exec:PodExecOptions", "binding:Binding"}));
  auto sel = parse_field_selector("spec.nodeName=n1,status.phase!=Failed,spec.hostNetwork=false",
                                  k.selectable_fields);
  ASSERT_TRUE(sel.ok()) << sel.error;
  EXPECT_TRUE(matches(sel.selector, json::parse(R"({"spec":{"nodeName":"n1"},"status":{"phase":"Running"}})")));
  EXPECT_FALSE(parse_field_selector("spec.containers=x", k.selectable_fields).ok());
}

TEST(ServiceStrategy, ClaimsAClusterIPAndReleasesIt) {
  auto k = service_strategy();
  json::object picked = json::parse(R"({"spec":{"ports":[{"port":80}]}})").as_object();
  auto claims = k.claim_keys(picked);
  ASSERT_EQ(claims.keys.size(), 1u);
  EXPECT_FALSE(claims.requested);
  std::string ip(picked["spec"].as_object()["clusterIP"].as_string());
  EXPECT_EQ(claims.keys[0], "/registry/serviceips/" + ip);
  EXPECT_EQ(ip.rfind("10.", 0), 0u);
  EXPECT_EQ(k.released_keys(picked), claims.keys);

  json::object chosen = json::parse(R"({"spec":{"clusterIP":"10.96.0.10"}})").as_object();
  claims = k.claim_keys(chosen);
  EXPECT_EQ(claims.keys, std::vector<std::string>{"/registry/serviceips/10.96.0.10"});
  EXPECT_TRUE(claims.requested);
  EXPECT_EQ(claims.taken.text(), "spec.clusterIPs: Invalid value: failed to allocate IP: provided IP is already allocated");

  json::object outside = json::parse(R"({"spec":{"clusterIP":"192.168.0.1"}})").as_object();
  claims = k.claim_keys(outside);
  EXPECT_TRUE(claims.keys.empty());
  ASSERT_EQ(claims.errors.size(), 1u);
  EXPECT_EQ(claims.errors[0].field, "spec.clusterIPs");

  for (const char* none : {R"({"spec":{"clusterIP":"None"}})", R"({"spec":{"type":"ExternalName"}})"}) {
    json::object svc = json::parse(none).as_object();
    EXPECT_TRUE(k.claim_keys(svc).keys.empty()) << none;
    EXPECT_TRUE(k.released_keys(svc).empty()) << none;
  }
}

TEST(ServiceStrategy, AnUpdateWithoutClusterIPKeepsTheAllocatedOne) {
  auto k = service_strategy();
  auto current = json::parse(R"({"spec":{"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],
                                         "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}})").as_object();
  auto incoming = json::parse(R"({"spec":{"ports":[{"port":81}]}})").as_object();
  k.prepare_for_update(incoming, current);
  EXPECT_EQ(incoming["spec"], json::parse(R"({"ports":[{"port":81}],"clusterIP":"10.96.0.10",
      "clusterIPs":["10.96.0.10"],"ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"})"));
  k.prepare_for_create(incoming, create_context{});
  EXPECT_EQ(incoming["status"], json::parse(R"({"loadBalancer":{}})"));
}

TEST(NamespaceStrategy, BuiltInNamespacesStayAndDeletionTerminates) {
  auto k = namespace_strategy();
  for (const char* name : {"default", "kube-system", "kube-public"})
    EXPECT_EQ(k.delete_forbidden(json::object{{"metadata", json::object{{"name", name}}}}),
              "this namespace may not be deleted")
        << name;
  EXPECT_EQ(k.delete_forbidden(json::object{{"metadata", json::object{{"name", "kube-node-lease"}}}}), "");
  EXPECT_EQ(k.delete_forbidden(json::object{{"metadata", json::object{{"name", "dev"}}}}), "");
  json::object ns{{"status", json::object{{"phase", "Active"}}}};
  k.prepare_for_delete(ns);
  EXPECT_EQ(ns["status"].as_object()["phase"], "Terminating");
  EXPECT_TRUE(k.finalized_by_apiserver);
  EXPECT_FALSE(pod_strategy().finalized_by_apiserver);
}

}  // namespace
}  // namespace navarch::api::test
