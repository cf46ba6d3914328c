#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/selectors/field_selector.hpp"
#include "tests/unit/kinds_test_util.hpp"

namespace json = boost::json;
using namespace navarch::api;

namespace {

// The fields a resource's kind can be selected by.
const std::vector<selectable_field>& fields(std::string_view resource) { return test::kind_for(resource).selectable_fields; }

field_selector parse_ok(std::string_view text, std::string_view resource) {
  auto r = parse_field_selector(text, fields(resource));
  EXPECT_TRUE(r.ok()) << text << ": " << r.error;
  return r.selector;
}

const json::value pod = json::parse(R"({
  "metadata":{"name":"web","namespace":"default"},
  "spec":{"nodeName":"node-1","restartPolicy":"Always","hostNetwork":true},
  "status":{"phase":"Running","podIP":"10.244.0.5"}})");

}  // namespace

TEST(FieldSelector, MetadataFieldsOnEveryResource) {
  EXPECT_TRUE(matches(parse_ok("metadata.name=web", "pods"), pod));
  EXPECT_TRUE(matches(parse_ok("metadata.name==web,metadata.namespace=default", "configmaps"), pod));
  EXPECT_FALSE(matches(parse_ok("metadata.name!=web", "widgets"), pod));
  EXPECT_TRUE(matches(parse_ok("", "pods"), pod));
}

TEST(FieldSelector, PodFields) {
  EXPECT_TRUE(matches(parse_ok("spec.nodeName=node-1,status.phase=Running", "pods"), pod));
  EXPECT_FALSE(matches(parse_ok("status.phase!=Running", "pods"), pod));
  EXPECT_TRUE(matches(parse_ok("spec.hostNetwork=true", "pods"), pod));
  EXPECT_TRUE(matches(parse_ok("status.podIP=10.244.0.5", "pods"), pod));
  // A missing field reads as "" (or the Go zero value): an unscheduled pod matches spec.nodeName=.
  auto pending = json::parse(R"({"metadata":{"name":"p"},"spec":{}})");
  EXPECT_TRUE(matches(parse_ok("spec.nodeName=", "pods"), pending));
  EXPECT_TRUE(matches(parse_ok("status.phase!=Running", "pods"), pending));
  EXPECT_TRUE(matches(parse_ok("spec.hostNetwork=false", "pods"), pending));
}

TEST(FieldSelector, EventFieldsMapToTheirJson) {
  auto ev = json::parse(R"({"metadata":{"name":"e1","namespace":"default"},
    "involvedObject":{"kind":"Pod","name":"web","namespace":"default","uid":"u-1"},
    "reason":"Started","type":"Normal","source":{"component":"kubelet"},"reportingComponent":"kubelet"})");
  EXPECT_TRUE(matches(parse_ok("involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=u-1",
                               "events"),
                      ev));
  EXPECT_TRUE(matches(parse_ok("source=kubelet,type=Normal,reason=Started", "events"), ev));
  EXPECT_TRUE(matches(parse_ok("reportingComponent=kubelet", "events"), ev));
  EXPECT_FALSE(matches(parse_ok("involvedObject.kind=Node", "events"), ev));
}

TEST(FieldSelector, OtherResourceFields) {
  auto node = json::parse(R"({"metadata":{"name":"n"},"spec":{}})");
  EXPECT_TRUE(matches(parse_ok("spec.unschedulable=false", "nodes"), node));
  auto rs = json::parse(R"({"metadata":{"name":"r"},"status":{"replicas":3}})");
  EXPECT_TRUE(matches(parse_ok("status.replicas=3", "replicasets"), rs));
  auto job = json::parse(R"({"metadata":{"name":"j"},"status":{}})");
  EXPECT_TRUE(matches(parse_ok("status.successful=0", "jobs"), job));
  auto secret = json::parse(R"({"metadata":{"name":"s"},"type":"kubernetes.io/tls"})");
  EXPECT_TRUE(matches(parse_ok("type=kubernetes.io/tls", "secrets"), secret));
  auto ns = json::parse(R"({"metadata":{"name":"x"},"status":{"phase":"Terminating"}})");
  EXPECT_TRUE(matches(parse_ok("status.phase=Terminating", "namespaces"), ns));
}

TEST(FieldSelector, UnsupportedFieldIsAnError) {
  auto r = parse_field_selector("spec.foo=bar", fields("pods"));
  EXPECT_EQ(r.error, "field label not supported: spec.foo");
  r = parse_field_selector("spec.nodeName=x", fields("services"));
  EXPECT_EQ(r.error, "field label not supported: spec.nodeName");
}

TEST(FieldSelector, SyntaxErrors) {
  auto r = parse_field_selector("metadata.name", fields("pods"));
  EXPECT_EQ(r.error, "invalid selector: 'metadata.name'; can't understand 'metadata.name'");
  r = parse_field_selector("metadata.name=a=b", fields("pods"));
  EXPECT_FALSE(r.ok());
  r = parse_field_selector("metadata.name=a\\x", fields("pods"));
  EXPECT_FALSE(r.ok());
}

TEST(FieldSelector, EscapedValues) {
  auto obj = json::parse(R"({"metadata":{"name":"a,b=c"}})");
  EXPECT_TRUE(matches(parse_ok("metadata.name=a\\,b\\=c", "pods"), obj));
}

TEST(FieldSelector, RequiredValue) {
  auto s = parse_ok("status.phase!=Failed,metadata.name=web", "pods");
  EXPECT_EQ(required_value(s, "metadata.name"), "web");
  EXPECT_FALSE(required_value(s, "status.phase").has_value());
}
