// networking.k8s.io/v1 Ingress, IngressClass, NetworkPolicy and discovery.k8s.io/v1 EndpointSlice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/kinds/discovery/endpointslice/strategy.hpp"
#include "api/kinds/networking/ingress/strategy.hpp"
#include "api/kinds/networking/ingressclass/strategy.hpp"
#include "api/kinds/networking/networkpolicy/strategy.hpp"
#include "tests/unit/kinds_new_test_util.hpp"

namespace navarch::api {
namespace {

using test::cells;
using test::column_names;
using test::create_errors;
using test::created;
using test::update_errors;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
namespace json = boost::json;

constexpr std::string_view ing_json = R"({"metadata":{"name":"web","namespace":"default",
  "creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{"ingressClassName":"nginx","rules":[{"host":"a.example.com",
  "http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}})";

TEST(IngressTest, Validation) {
  auto k = ingress_strategy();
  EXPECT_THAT(k.short_names, ElementsAre("ing"));
  EXPECT_THAT(create_errors(k, ing_json), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web","namespace":"default"},"spec":{}})"),
              ElementsAre("spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` "
                          "must be specified"));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web","namespace":"default"},"spec":{"rules":[{"host":"10.0.0.1",
      "http":{"paths":[{"path":"api","backend":{"service":{"name":"web"}}},{"path":"api","pathType":"Exact",
      "backend":{"service":{"name":"web","port":{"name":"http","number":80}}}}]}}]}})"),
              ElementsAre("spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
                          "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
                          "spec.rules[0].http.paths[1].path: Invalid value: \"api\": must be an absolute path",
                          "spec.rules[0].http.paths[1].backend: Invalid value: \"\": cannot set both port name & port "
                          "number"));
}

TEST(IngressTest, TableAsKubectlGetPrintsIt) {
  auto k = ingress_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Class", "Hosts", "Address", "Ports", "Age"));
  EXPECT_EQ(json::serialize(cells(k, ing_json)), R"(["web","nginx","a.example.com","","80","60m"])");
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"x","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"tls":[{"hosts":["a"]}],"rules":[{"host":"a"},{"host":"b"},{},{"host":"c"},{"host":"d"}]},
      "status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.9"},{"hostname":"lb.example"}]}}})")),
            R"(["x","<none>","a,b,c + 2 more...","10.0.0.9,lb.example","80, 443","60m"])");
}

TEST(IngressClassTest, ControllerIsRequiredAndImmutable) {
  auto k = ingress_class_strategy();
  EXPECT_FALSE(k.namespaced);
  constexpr std::string_view ic = R"({"metadata":{"name":"nginx","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"controller":"k8s.io/ingress-nginx","parameters":{"kind":"IngressParameters","name":"p",
      "apiGroup":"k8s.example.com"}}})";
  auto created_ic = created(k, ic);
  EXPECT_EQ(created_ic.at("spec").at("parameters").at("scope"), "Cluster");
  EXPECT_THAT(create_errors(k, ic), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"x"},"spec":{"controller":"nginx"}})"),
              ElementsAre("spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as "
                          "\"acme.io/foo\")"));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"nginx"},"spec":{"controller":"k8s.io/other"}})", ic),
              ElementsAre("spec.controller: Invalid value: \"k8s.io/other\": field is immutable"));
  EXPECT_EQ(json::serialize(cells(k, json::serialize(created_ic))),
            R"(["nginx","k8s.io/ingress-nginx","IngressParameters.k8s.example.com/p","60m"])");
}

TEST(NetworkPolicyTest, DefaultsPolicyTypesAndPortProtocols) {
  auto k = network_policy_strategy();
  EXPECT_THAT(k.short_names, ElementsAre("netpol"));
  auto np = created(k, R"({"metadata":{"name":"n","namespace":"default"},"spec":{"podSelector":{},
      "egress":[{"ports":[{"port":53}]}]}})");
  EXPECT_EQ(json::serialize(np.at("spec").at("policyTypes")), R"(["Ingress","Egress"])");
  EXPECT_EQ(np.at("spec").at("egress").at(0).at("ports").at(0).at("protocol"), "TCP");
  auto ingress_only = created(k, R"({"metadata":{"name":"n","namespace":"default"},"spec":{"podSelector":{}}})");
  EXPECT_EQ(json::serialize(ingress_only.at("spec").at("policyTypes")), R"(["Ingress"])");
}

TEST(NetworkPolicyTest, Validation) {
  auto k = network_policy_strategy();
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"n","namespace":"default"},"spec":{"podSelector":{},
      "ingress":[{"from":[{},{"ipBlock":{"cidr":"10.0.0.0/33"},"podSelector":{}}],"ports":[{"protocol":"ICMP",
      "port":80,"endPort":70}]}],"policyTypes":["Sideways"]}})"),
              ElementsAre("spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", "
                          "\"UDP\", \"SCTP\"",
                          "spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to "
                          "`port`",
                          "spec.ingress[0].from[0]: Required value: must specify a peer",
                          "spec.ingress[0].from[1].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR "
                          "value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                          "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
                          "spec.policyTypes[0]: Unsupported value: \"Sideways\": supported values: \"Ingress\", "
                          "\"Egress\""));
}

TEST(NetworkPolicyTest, Table) {
  auto k = network_policy_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Pod-Selector", "Age"));
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"n","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"podSelector":{"matchLabels":{"app":"web"}}}})")),
            R"(["n","app=web","60m"])");
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"n","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"podSelector":{}}})")),
            R"(["n","<none>","60m"])");
}

TEST(EndpointSliceTest, DefaultsAndValidation) {
  auto k = endpoint_slice_strategy();
  EXPECT_EQ(k.api_version(), "discovery.k8s.io/v1");
  auto es = created(k, R"({"metadata":{"name":"web-abc","namespace":"default"},"addressType":"IPv4",
      "ports":[{"port":80}],"endpoints":[{"addresses":["10.0.0.1"]}]})");
  EXPECT_EQ(json::serialize(es.at("ports")), R"([{"port":80,"name":"","protocol":"TCP"}])");
  EXPECT_THAT(create_errors(k, json::serialize(es)), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web-abc","namespace":"default"},"addressType":"IPv4",
      "ports":[{"port":80},{"port":81}],"endpoints":[{"addresses":[]},{"addresses":["fe80::1"]}]})"),
              ElementsAre("endpoints[0].addresses: Required value: must contain at least 1 address",
                          "endpoints[1].addresses[0]: Invalid value: \"fe80::1\": must be a valid IPv4 address",
                          "ports[1].name: Duplicate value: \"\""));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"x","namespace":"default"}})"),
              ElementsAre("addressType: Required value"));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"x","namespace":"default"},"addressType":"IPv6"})",
                            R"({"metadata":{"name":"x","namespace":"default"},"addressType":"IPv4"})"),
              ElementsAre("addressType: Invalid value: \"IPv6\": field is immutable"));
}

TEST(EndpointSliceTest, Table) {
  auto k = endpoint_slice_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "AddressType", "Ports", "Endpoints", "Age"));
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"s","creationTimestamp":"2024-05-01T11:00:00Z"},
      "addressType":"IPv4","ports":[{"port":80},{"name":"dns"},{}],"endpoints":[{"addresses":["10.0.0.1","10.0.0.2"]},
      {"addresses":["10.0.0.3","10.0.0.4"]}]})")),
            R"(["s","IPv4","80,dns,*","10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...","60m"])");
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"s","creationTimestamp":"2024-05-01T11:00:00Z"},
      "addressType":"IPv4"})")),
            R"(["s","IPv4","<unset>","<unset>","60m"])");
}

}  // namespace
}  // namespace navarch::api
