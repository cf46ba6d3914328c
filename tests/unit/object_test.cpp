// Object views: jv over Boost.JSON, the simdjson view on tricky JSON, and the metadata / condition readers, which
// must read both representations the same way.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/object/list_scan.hpp"
#include "api/object/meta.hpp"
#include "api/object/object_view.hpp"

namespace navarch::api {
namespace {

namespace json = boost::json;

const char* const pod_json = R"({
  "apiVersion": "v1", "kind": "Pod",
  "metadata": {
    "name": "web-1", "namespace": "prod", "uid": "u-1", "resourceVersion": "42", "generation": 3,
    "labels": {"app": "web", "tier": "front\u002dend", "empty": "", "number": 5},
    "annotations": {"note": "line\nbreak \"quoted\" \\ back\/slash", "emoji": "caf\u00e9 \ud83d\ude80"},
    "finalizers": ["a/one", 7, "b/two"],
    "deletionTimestamp": "2024-05-01T12:00:00Z",
    "ownerReferences": [
      {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-abc", "uid": "rs-1", "controller": true,
       "blockOwnerDeletion": true},
      {"apiVersion": "v1", "kind": "ConfigMap", "name": "cfg", "uid": "cm-1"}
    ]
  },
  "spec": {"nodeName": "n1", "replicas": 3.0, "big": 18446744073709551615, "huge": 1e300, "frac": 2.5,
           "neg": -9223372036854775808, "flag": true, "nothing": null, "list": [1, "two", {"three": 3}]},
  "status": {"conditions": [
    {"type": "PodScheduled", "status": "True"},
    {"type": "Ready", "status": "False", "reason": "ContainersNotReady", "message": "not yet",
     "lastTransitionTime": "2024-05-01T12:00:00Z"}
  ]}
})";

TEST(JsonAccess, PathsAndKeysAreTolerant) {
  auto v = json::parse(pod_json);
  EXPECT_EQ(jv::string_at(v, {"metadata", "name"}), "web-1");
  EXPECT_EQ(jv::string_at(v, {"metadata", "missing", "deeper"}), "");
  EXPECT_EQ(jv::string_at(v, {"metadata", "generation"}), "") << "a number is not a string";
  EXPECT_FALSE(jv::has(v, {"spec", "nothing"})) << "null reads as absent";
  EXPECT_TRUE(jv::has(v, {"spec", "flag"}));
  EXPECT_TRUE(jv::bool_at(v, {"spec", "flag"}));
  const auto* meta = jv::object_at(v, {"metadata"});
  EXPECT_EQ(jv::string_at(jv::object_at(meta, "labels"), "app"), "web");
  EXPECT_EQ(jv::string_at(jv::object_at(meta, "nope"), "app"), "") << "a missing object chains to absent";
  EXPECT_EQ(jv::array_at(meta, "finalizers")->size(), 3u);
  EXPECT_EQ(jv::array_at(meta, "labels"), nullptr);
  EXPECT_FALSE(jv::bool_at(jv::object_at(&v.as_object(), "spec"), "nodeName"));
}

TEST(JsonAccess, IntegersThatFitOnly) {
  auto v = json::parse(pod_json);
  EXPECT_EQ(jv::int_at(v, {"metadata", "generation"}), 3);
  EXPECT_EQ(jv::int_at(v, {"spec", "replicas"}), 3) << "an integral double";
  EXPECT_EQ(jv::int_at(v, {"spec", "neg"}), INT64_MIN);
  EXPECT_FALSE(jv::int_at(v, {"spec", "big"})) << "past int64 is not silently negative";
  EXPECT_FALSE(jv::int_at(v, {"spec", "huge"}));
  EXPECT_FALSE(jv::int_at(v, {"spec", "frac"}));
  EXPECT_FALSE(jv::int_at(v, {"spec", "nodeName"}));
  EXPECT_EQ(jv::int_at(jv::object_at(v, {"metadata"}), "generation"), 3);
}

TEST(ObjectView, ReadsTheSameAsBoost) {
  auto doc = parsed_json::parse(pod_json);
  ASSERT_TRUE(doc.ok()) << doc.error;
  auto v = doc.json->root();
  auto b = json::parse(pod_json);
  for (auto p : {jv::path{"metadata", "name"}, jv::path{"metadata", "labels", "tier"},
                 jv::path{"metadata", "annotations", "note"}, jv::path{"metadata", "annotations", "emoji"},
                 jv::path{"spec", "nodeName"}, jv::path{"spec", "missing"}, jv::path{"metadata", "generation"}})
    EXPECT_EQ(jv::string_at(v, p), jv::string_at(b, p)) << *(p.end() - 1);
  EXPECT_EQ(jv::string_at(v, {"metadata", "labels", "tier"}), "front-end");
  EXPECT_EQ(jv::string_at(v, {"metadata", "annotations", "note"}), "line\nbreak \"quoted\" \\ back/slash");
  EXPECT_EQ(jv::string_at(v, {"metadata", "annotations", "emoji"}), "caf\xc3\xa9 \xf0\x9f\x9a\x80");
  for (auto p : {jv::path{"metadata", "generation"}, jv::path{"spec", "replicas"}, jv::path{"spec", "big"},
                 jv::path{"spec", "huge"}, jv::path{"spec", "frac"}, jv::path{"spec", "neg"}, jv::path{"spec", "x"}})
    EXPECT_EQ(jv::int_at(v, p), jv::int_at(b, p)) << *(p.end() - 1);
  EXPECT_EQ(jv::has(v, {"spec", "nothing"}), jv::has(b, {"spec", "nothing"}));
  EXPECT_TRUE(jv::bool_at(v, {"spec", "flag"}));
  EXPECT_FALSE(jv::bool_at(v, {"spec", "nodeName"}));
  EXPECT_TRUE(jv::object_at(v, {"metadata", "labels"}).is_object());
  EXPECT_FALSE(jv::object_at(v, {"metadata", "finalizers"}));
  EXPECT_EQ(jv::array_at(v, {"spec", "list"}).size(), 3u);
  EXPECT_FALSE(v["spec"]["list"]["three"]) << "a member of an array is absent";
}

TEST(ObjectView, ConvertsToTheBoostValueOfTheSameText) {
  auto doc = parsed_json::parse(pod_json);
  ASSERT_TRUE(doc.ok());
  auto converted = to_value(doc.json->root());
  EXPECT_EQ(converted, json::parse(pod_json));
  EXPECT_TRUE(converted.at("spec").at("big").is_uint64());
  EXPECT_TRUE(converted.at("spec").at("neg").is_int64());
  EXPECT_TRUE(converted.at("spec").at("huge").is_double());
  EXPECT_EQ(to_value(object_view()), json::value(nullptr));
  for (const char* text : {"[]", "{}", "\"\"", "0", "-0.0", "[[[[]]]]", R"({"":{"":""}})", "[1e-320]"}) {
    auto d = parsed_json::parse(text);
    ASSERT_TRUE(d.ok()) << text;
    EXPECT_EQ(to_value(d.json->root()), json::parse(text)) << text;
  }
}

TEST(ObjectView, ProjectsOnlyTheAskedPaths) {
  auto doc = parsed_json::parse(pod_json);
  ASSERT_TRUE(doc.ok());
  auto p = project(doc.json->root(), {{"metadata", "labels"}, {"spec", "nodeName"}, {"status", "phase"}, {}});
  auto expected = json::parse(R"({"metadata":{"labels":{"app":"web","tier":"front-end","empty":"","number":5}},
                                  "spec":{"nodeName":"n1"}})");
  EXPECT_EQ(p, expected);
}

TEST(ObjectView, AcceptsWhatBoostAcceptsForHugeIntegers) {
  // simdjson alone refuses integers past 64 bits; Boost.JSON reads them as doubles, and so must the view.
  const char* text = R"({"n":123456789012345678901234567890,"s":"x"})";
  auto d = parsed_json::parse(text);
  ASSERT_TRUE(d.ok()) << d.error;
  EXPECT_EQ(to_value(d.json->root()), json::parse(text));
  EXPECT_EQ(jv::string_at(d.json->root(), {"s"}), "x");
  EXPECT_FALSE(jv::int_at(d.json->root(), {"n"}));
}

struct scanned {
  std::string name, ns, rv, json;
  bool operator==(const scanned&) const = default;
};

std::vector<scanned> scan(std::string_view body, list_scan_result& r) {
  std::vector<scanned> out;
  r = scan_list(body, [&](const list_item& i) {
    out.push_back({std::string(i.name), std::string(i.ns), std::string(i.resource_version), std::string(i.json)});
  });
  return out;
}

TEST(ListScan, ItemsWithTheirIdentityAndText) {
  // items before metadata, escapes, a nested "metadata" that is not the item's, fields in any order.
  const char* body = R"({"kind":"PodList","items":[
      {"spec":{"metadata":{"name":"inner"}},"metadata":{"resourceVersion":"5","namespace":"a","name":"p\u0031"}},
      {"metadata":{"name":"n2","resourceVersion":7,"labels":{"x":"y"}}, "status":{}},
      [1, 2],
      {"kind":"NoMeta"}
    ],"metadata":{"continue":"","resourceVersion":"99"}})";
  list_scan_result r;
  auto items = scan(body, r);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.resource_version, "99");
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0], (scanned{"p1", "a", "5",
                               R"({"spec":{"metadata":{"name":"inner"}},"metadata":{"resourceVersion":"5","namespace":"a","name":"p\u0031"}})"}));
  EXPECT_EQ(items[1].name, "n2");
  EXPECT_EQ(items[1].rv, "") << "a number is not a resourceVersion";
  EXPECT_EQ(json::parse(items[1].json), json::parse(R"({"metadata":{"name":"n2","resourceVersion":7,"labels":{"x":"y"}}, "status":{}})"));
  EXPECT_EQ(items[2], (scanned{"", "", "", "[1, 2]"}));
  EXPECT_EQ(items[3].name, "");
  EXPECT_EQ(json::parse(items[3].json), json::parse(R"({"kind":"NoMeta"})"));
}

TEST(ListScan, EmptyAndNullItems) {
  list_scan_result r;
  EXPECT_TRUE(scan(R"({"metadata":{"resourceVersion":"1"},"items":null})", r).empty());
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(scan(R"({"metadata":{"resourceVersion":"1"},"items":[]})", r).empty());
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(scan(R"({"metadata":{"resourceVersion":"1"}})", r).empty());
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.resource_version, "1");
}

TEST(ListScan, RejectsWhatIsNotAList) {
  list_scan_result r;
  scan("[]", r);
  EXPECT_EQ(r.error, "not a JSON object");
  scan(R"({"items":{}})", r);
  EXPECT_EQ(r.error, "items is not an array");
  for (const char* bad : {"", "{", R"({"items":[{"metadata":{"name":"a"}},)", R"({"items":[1,]})", "{} {}",
                          R"({"metadata":{"resourceVersion":"1"}} [])"}) {
    scan(bad, r);
    EXPECT_FALSE(r.ok()) << bad;
  }
}

TEST(ObjectView, RejectsBadJsonWithAMessage) {
  for (const char* bad : {"", "{", R"({"a":})", "[1,]", R"({"a":"\x"})", "nul", "{} {}", "\"\xff\"", "[1e99999]"}) {
    auto d = parsed_json::parse(bad);
    EXPECT_FALSE(d.ok()) << bad;
    EXPECT_FALSE(d.error.empty()) << bad;
  }
}

TEST(ObjectView, DocumentsAreIndependent) {
  auto a = parsed_json::parse(R"({"metadata":{"name":"a"}})");
  auto b = parsed_json::parse(R"({"metadata":{"name":"b"}})");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(meta::name(a.json->root()), "a") << "parsing b reuses the parser, not a's document";
  EXPECT_EQ(meta::name(b.json->root()), "b");
  auto moved = std::move(*a.json);
  EXPECT_EQ(meta::name(moved.root()), "a");
}

// Every reader gives the same answer over Boost.JSON and over the simdjson view.
class Meta : public ::testing::Test {
 protected:
  json::value boost_pod = json::parse(pod_json);
  parsed_json::result doc = parsed_json::parse(pod_json);
  object_view view_pod = doc.json->root();
};

TEST_F(Meta, Identity) {
  auto check = [](const auto& obj) {
    EXPECT_EQ(meta::name(obj), "web-1");
    EXPECT_EQ(meta::namespace_of(obj), "prod");
    EXPECT_EQ(meta::uid(obj), "u-1");
    EXPECT_EQ(meta::resource_version(obj), "42");
    EXPECT_EQ(meta::generation(obj), 3);
    EXPECT_EQ(meta::key(obj), "prod/web-1");
    EXPECT_EQ(meta::deletion_timestamp(obj), "2024-05-01T12:00:00Z");
    EXPECT_TRUE(meta::being_deleted(obj));
  };
  check(boost_pod);
  check(view_pod);
  auto cluster = json::parse(R"({"metadata":{"name":"n1"}})");
  EXPECT_EQ(meta::key(cluster), "n1");
  EXPECT_EQ(meta::key(json::parse(R"({"metadata":{"namespace":"x"}})")), "");
  EXPECT_EQ(meta::key(json::parse("[1]")), "");
  EXPECT_EQ(meta::generation(cluster), 0);
  EXPECT_FALSE(meta::being_deleted(cluster));
}

TEST_F(Meta, LabelsAnnotationsFinalizers) {
  auto check = [](const auto& obj) {
    EXPECT_EQ(meta::label(obj, "app"), "web");
    EXPECT_EQ(meta::label(obj, "empty"), "") << "present but empty";
    EXPECT_FALSE(meta::label(obj, "missing"));
    EXPECT_FALSE(meta::label(obj, "number")) << "label values are strings";
    EXPECT_EQ(meta::annotation(obj, "emoji"), "caf\xc3\xa9 \xf0\x9f\x9a\x80");
    EXPECT_EQ(meta::finalizers(obj), (std::vector<std::string_view>{"a/one", "b/two"}));
    EXPECT_TRUE(meta::has_finalizer(obj, "b/two"));
    EXPECT_FALSE(meta::has_finalizer(obj, "c/three"));
  };
  check(boost_pod);
  check(view_pod);
}

TEST_F(Meta, OwnerReferencesAndController) {
  auto check = [](const auto& obj) {
    auto owners = meta::owner_references(obj);
    ASSERT_EQ(owners.size(), 2u);
    EXPECT_EQ(owners[1].kind, "ConfigMap");
    EXPECT_FALSE(owners[1].controller);
    auto c = meta::controller_of(obj);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->api_version, "apps/v1");
    EXPECT_EQ(c->kind, "ReplicaSet");
    EXPECT_EQ(c->name, "web-abc");
    EXPECT_EQ(c->uid, "rs-1");
    EXPECT_TRUE(c->block_owner_deletion);
  };
  check(boost_pod);
  check(view_pod);
  EXPECT_FALSE(meta::controller_of(json::parse(R"({"metadata":{"ownerReferences":[{"uid":"x"}]}})")));
}

TEST_F(Meta, Conditions) {
  auto check = [](const auto& obj) {
    auto ready = find_condition(obj, "Ready");
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->status, "False");
    EXPECT_EQ(ready->reason, "ContainersNotReady");
    EXPECT_EQ(ready->message, "not yet");
    EXPECT_EQ(ready->last_transition_time, "2024-05-01T12:00:00Z");
    EXPECT_EQ(condition_status(obj, "PodScheduled"), "True");
    EXPECT_TRUE(condition_true(obj, "PodScheduled"));
    EXPECT_FALSE(condition_true(obj, "Ready"));
    EXPECT_EQ(condition_status(obj, "Initialized"), "") << "no such condition";
  };
  check(boost_pod);
  check(view_pod);
}

}  // namespace
}  // namespace navarch::api
