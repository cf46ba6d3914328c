#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/validation_test_util.hpp"

using namespace navarch::api;
using navarch::api::test::create_errors;
using navarch::api::test::update_errors;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

std::string deployment(std::string_view selector, std::string_view template_labels, std::string_view extra = "") {
  return R"({"metadata":{"name":"web","namespace":"default"},"spec":{)" + std::string(extra) +
         R"("replicas":2,"selector":)" + std::string(selector) + R"(,"template":{"metadata":{"labels":)" +
         std::string(template_labels) +
         R"(},"spec":{"restartPolicy":"Always","containers":[{"name":"web","image":"nginx"}]}}}})";
}

}  // namespace

TEST(WorkloadValidation, DeploymentSelectorMustMatchTemplate) {
  EXPECT_THAT(create_errors("deployments", deployment(R"({"matchLabels":{"app":"web"}})", R"({"app":"web"})")),
              IsEmpty());
  EXPECT_THAT(create_errors("deployments", deployment(R"({"matchLabels":{"app":"web"}})", R"({"app":"db"})")),
              ElementsAre("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"db\"}: "
                          "`selector` does not match template `labels`"));
  EXPECT_THAT(create_errors("deployments", deployment("null", R"({"app":"web"})")),
              ElementsAre("spec.selector: Required value"));
  auto errs = create_errors("deployments", deployment("{}", R"({"app":"web"})"));
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_NE(errs[0].find("empty selector is invalid for deployment"), std::string::npos);
}

TEST(WorkloadValidation, ReplicasAndRestartPolicy) {
  auto d = deployment(R"({"matchLabels":{"app":"web"}})", R"({"app":"web"})");
  d.replace(d.find("\"replicas\":2"), 12, "\"replicas\":-1");
  d.replace(d.find("\"Always\""), 8, "\"Never\"");
  EXPECT_THAT(create_errors("deployments", d),
              ElementsAre("spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                          "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: "
                          "\"Always\""));
}

TEST(WorkloadValidation, TemplateContainersValidatedAsPods) {
  auto d = deployment(R"({"matchLabels":{"app":"web"}})", R"({"app":"web"})");
  d.replace(d.find(",\"image\":\"nginx\""), 16, "");
  EXPECT_THAT(create_errors("replicasets", d), ElementsAre("spec.template.spec.containers[0].image: Required value"));
}

TEST(WorkloadValidation, SelectorImmutable) {
  auto old = deployment(R"({"matchLabels":{"app":"web"}})", R"({"app":"web","v":"2"})");
  auto now = deployment(R"({"matchLabels":{"app":"web","v":"2"}})", R"({"app":"web","v":"2"})");
  auto errs = update_errors("deployments", now, old);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].rfind("spec.selector: Invalid value: ", 0), 0u);
  EXPECT_NE(errs[0].find(": field is immutable"), std::string::npos);
  EXPECT_THAT(update_errors("deployments", old, old), IsEmpty());
}

TEST(WorkloadValidation, JobsNeedOnFailureOrNever) {
  std::string job = R"({"metadata":{"name":"pi","namespace":"default"},"spec":{
    "selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}},
    "template":{"metadata":{"labels":{"batch.kubernetes.io/controller-uid":"u1"}},
      "spec":{"restartPolicy":"Always","containers":[{"name":"pi","image":"perl"}]}}}})";
  EXPECT_THAT(create_errors("jobs", job),
              ElementsAre("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: "
                          "\"OnFailure\", \"Never\""));
  std::string ok = job;
  ok.replace(ok.find("\"Always\""), 8, "\"Never\"");
  EXPECT_THAT(create_errors("jobs", ok), IsEmpty());
  std::string changed = ok;
  changed.replace(changed.find("\"perl\""), 6, "\"perl:5\"");
  EXPECT_THAT(update_errors("jobs", changed, ok), ::testing::SizeIs(1));  // the template is immutable
}

TEST(ServiceValidation, PortsAndTypes) {
  EXPECT_THAT(create_errors("services", R"({"metadata":{"name":"web","namespace":"default"},
    "spec":{"type":"NodePort","selector":{"app":"web"},
            "ports":[{"port":80,"targetPort":8080,"nodePort":30080,"protocol":"TCP"}]}})"),
              IsEmpty());
  EXPECT_THAT(create_errors("services", R"({"metadata":{"name":"web","namespace":"default"},"spec":{"type":"ClusterIP"}})"),
              ElementsAre("spec.ports: Required value"));
  EXPECT_THAT(create_errors("services", R"({"metadata":{"name":"db","namespace":"default"},
    "spec":{"clusterIP":"None","selector":{"app":"db"}}})"),
              IsEmpty());
  auto errs = create_errors("services", R"({"metadata":{"name":"web","namespace":"default"},
    "spec":{"type":"Magic","ports":[{"port":0,"protocol":"HTTP"},{"name":"b","port":81}]}})");
  EXPECT_THAT(errs, ElementsAre("spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", "
                                "\"ExternalName\", \"LoadBalancer\", \"NodePort\"",
                                "spec.ports[0].name: Required value",
                                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                                "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", "
                                "\"TCP\", \"UDP\""));
}

TEST(ServiceValidation, NamesAreDns1035AndClusterIpImmutable) {
  auto errs = create_errors("services", R"({"metadata":{"name":"1web","namespace":"default"},
    "spec":{"ports":[{"port":80}]}})");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_NE(errs[0].find("a DNS-1035 label must consist of"), std::string::npos);
  std::string old = R"({"metadata":{"name":"web","namespace":"default"},"spec":{"clusterIP":"10.96.0.10","ports":[{"port":80}]}})";
  std::string now = R"({"metadata":{"name":"web","namespace":"default"},"spec":{"clusterIP":"10.96.0.11","ports":[{"port":80}]}})";
  EXPECT_THAT(update_errors("services", now, old),
              ElementsAre("spec.clusterIPs[0]: Invalid value: \"10.96.0.11\": may not change once set"));
}

TEST(ConfigValidation, KeysAndImmutability) {
  auto errs = create_errors("configmaps", R"({"metadata":{"name":"c","namespace":"default"},
    "data":{"good.key":"v","bad/key":"v","dup":"x"},"binaryData":{"dup":"eA=="}})");
  ASSERT_EQ(errs.size(), 3u);
  EXPECT_EQ(errs[0].rfind("data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of", 0), 0u);
  EXPECT_EQ(errs[1], "data[dup]: Invalid value: \"dup\": duplicate of key present in binaryData");
  EXPECT_EQ(errs[2], "binaryData[dup]: Invalid value: \"dup\": duplicate of key present in data");
  std::string frozen = R"({"metadata":{"name":"c","namespace":"default"},"immutable":true,"data":{"a":"1"}})";
  std::string changed = R"({"metadata":{"name":"c","namespace":"default"},"immutable":true,"data":{"a":"2"}})";
  EXPECT_THAT(update_errors("configmaps", changed, frozen),
              ElementsAre("data: Forbidden: field is immutable when `immutable` is set"));
}

TEST(ConfigValidation, SecretTypeRules) {
  EXPECT_THAT(create_errors("secrets", R"({"metadata":{"name":"s","namespace":"default"},"type":"kubernetes.io/tls",
    "data":{"tls.crt":"eA=="}})"),
              ElementsAre("data[tls.key]: Required value"));
  std::string opaque = R"({"metadata":{"name":"s","namespace":"default"},"type":"Opaque","data":{"a":"eA=="}})";
  std::string basic = R"({"metadata":{"name":"s","namespace":"default"},"type":"kubernetes.io/basic-auth","data":{"password":"eA=="}})";
  EXPECT_THAT(update_errors("secrets", basic, opaque),
              ElementsAre("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"));
}

TEST(OtherKinds, NamespacesNodesEventsLeases) {
  EXPECT_THAT(create_errors("namespaces", R"({"metadata":{"name":"team-a"}})"), IsEmpty());
  auto errs = create_errors("namespaces", R"({"metadata":{"name":"team.a"}})");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_NE(errs[0].find("RFC 1123 label"), std::string::npos);
  EXPECT_THAT(create_errors("nodes", R"({"metadata":{"name":"n1","namespace":"default"}})"),
              ElementsAre("metadata.namespace: Forbidden: not allowed on this type"));
  EXPECT_THAT(create_errors("nodes", R"({"metadata":{"name":"n1"},"spec":{"taints":[{"key":"k","effect":"Sometimes"}]}})"),
              ElementsAre("spec.taints[0].effect: Unsupported value: \"Sometimes\": supported values: "
                          "\"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""));
  EXPECT_THAT(create_errors("events", R"({"metadata":{"name":"e.1","namespace":"default"},
    "involvedObject":{"kind":"Pod","name":"p","namespace":"other"}})"),
              ElementsAre("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace"));
  EXPECT_THAT(create_errors("leases", R"({"metadata":{"name":"n1","namespace":"kube-node-lease"},
    "spec":{"holderIdentity":"n1","leaseDurationSeconds":0}})"),
              ElementsAre("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"));
  EXPECT_THAT(create_errors("endpoints", R"({"metadata":{"name":"web","namespace":"default"},
    "subsets":[{"addresses":[{"ip":"10.244.0.5"},{"ip":"nope"}],"ports":[{"port":80}]}]})"),
              ElementsAre("subsets[0].addresses[1].ip: Invalid value: \"nope\": must be a valid IP address, (e.g. "
                          "10.9.8.7 or 2001:db8::ffff)"));
  EXPECT_THAT(create_errors("serviceaccounts", R"({"metadata":{"name":"default","namespace":"default"}})"), IsEmpty());
}

TEST(OtherKinds, NonObjectsAndUnknownResources) {
  EXPECT_THAT(create_errors("pods", "[1,2]"), ::testing::SizeIs(1));
  EXPECT_THAT(create_errors("widgets", R"({"metadata":{"name":"w"}})"), IsEmpty());
  EXPECT_THAT(create_errors("widgets", R"({"metadata":{"name":"W"}})"), ::testing::SizeIs(1));
}

TEST(OtherKinds, OddShapesGiveErrorsNotExceptions) {
  for (auto text : {"null", "{}", R"({"metadata":5,"spec":"x"})",
                    R"({"metadata":{"name":7,"labels":[1],"annotations":"a","ownerReferences":{}},"spec":{
                         "containers":{"a":1},"ports":7,"selector":"x","template":[],"taints":[1]},"data":[1]})",
                    R"({"metadata":{"name":"a","namespace":"b"},"spec":{"containers":[1,null,{"ports":[5]}],
                         "ports":[null,"x"],"selector":{"matchLabels":5},"template":{"spec":{"containers":[[]]}}},
                         "subsets":[{"addresses":[5],"ports":["p"]}],"data":{"k":5}})"}) {
    auto v = boost::json::parse(text);
    for (auto r : {"pods", "services", "nodes", "deployments", "replicasets", "daemonsets", "jobs", "events",
                   "endpoints", "configmaps", "secrets", "namespaces", "leases", "serviceaccounts", "other"}) {
      EXPECT_NO_THROW(validate_create(test::kind_for(r), v)) << r << " " << text;
      EXPECT_NO_THROW(validate_update(test::kind_for(r), v, v)) << r << " " << text;
    }
  }
}
