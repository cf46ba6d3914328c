// Field ownership: field sets, Update recording and server-side apply with conflicts, on the built-in schemas.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/fieldmanager/field_set.hpp"
#include "api/fieldmanager/managed_fields.hpp"
#include "api/patch/smp_schema.hpp"
#include "tests/unit/kinds_test_util.hpp"

namespace navarch::api::fields {
namespace {

namespace json = boost::json;

json::object parse(std::string_view text) { return json::parse(text).as_object(); }

const patch::schema_node* deployment() { return test::kind_named("Deployment").smp; }
const patch::schema_node* configmap() { return test::kind_named("ConfigMap").smp; }

std::vector<std::string> paths_of(const field_set& set) {
  std::vector<std::string> out;
  for (const auto& p : set) out.push_back(path_string(p));
  return out;
}

const manager_entry* entry(const std::vector<manager_entry>& entries, std::string_view manager,
                           std::string_view operation) {
  for (const auto& e : entries)
    if (e.manager == manager && e.operation == operation) return &e;
  return nullptr;
}

writer by(std::string_view manager, std::string_view subresource = "") {
  return {manager, "apps/v1", subresource, "2026-12-07T00:00:00Z"};
}

TEST(FieldSet, LeavesKeyedElementsAndServerOwnedFields) {
  auto obj = parse(R"({"apiVersion":"apps/v1","kind":"Deployment","status":{"replicas":1},
    "metadata":{"name":"web","uid":"u","labels":{"app":"web"}},
    "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"c","image":"i","args":["a","b"]}]}}}})");
  EXPECT_EQ(paths_of(fields_of(obj, deployment())),
            (std::vector<std::string>{".metadata.labels.app", ".spec.replicas",
                                      ".spec.template.spec.containers[name=\"c\"]",
                                      ".spec.template.spec.containers[name=\"c\"].args",
                                      ".spec.template.spec.containers[name=\"c\"].image",
                                      ".spec.template.spec.containers[name=\"c\"].name"}));
}

TEST(FieldSet, FieldsV1RoundTripMarksMembersWithChildren) {
  auto obj = parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}},
                       "metadata":{"finalizers":["x"]}})");
  auto set = fields_of(obj, deployment());
  auto v1 = to_fields_v1(set);
  auto& element = v1["f:spec"].as_object()["f:template"].as_object()["f:spec"].as_object()["f:containers"]
                      .as_object()["k:{\"name\":\"c\"}"].as_object();
  EXPECT_TRUE(element.contains("."));
  EXPECT_TRUE(element.contains("f:image"));
  EXPECT_TRUE(v1["f:metadata"].as_object()["f:finalizers"].as_object().contains("v:\"x\""));
  EXPECT_EQ(from_fields_v1(v1), set);
}

TEST(FieldSet, ChangedFieldsSeeSetChangedAndRemovedLeaves) {
  auto before = parse(R"({"data":{"a":"1","b":"2","c":"3"}})");
  auto after = parse(R"({"data":{"a":"1","b":"20","d":"4"}})");
  EXPECT_EQ(paths_of(changed_fields(before, after, configmap())),
            (std::vector<std::string>{".data.b", ".data.c", ".data.d"}));
}

TEST(FieldSet, EraseAtRemovesFieldsAndKeyedElements) {
  json::value doc = parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}}})");
  erase_at(doc, {"f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"a\"}"});
  EXPECT_EQ(json::serialize(doc), R"({"spec":{"template":{"spec":{"containers":[{"name":"b"}]}}}})");
  erase_at(doc, {"f:spec", "f:template"});
  EXPECT_EQ(json::serialize(doc), R"({"spec":{}})");
}

TEST(RecordUpdate, CreateOwnsEveryFieldTheRequestSet) {
  auto obj = parse(R"({"kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}})");
  record_update(obj, nullptr, by("kubectl-create"), configmap());
  auto entries = read_managed_fields(obj);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].manager, "kubectl-create");
  EXPECT_EQ(entries[0].operation, "Update");
  EXPECT_EQ(entries[0].time, "2026-12-07T00:00:00Z");
  // The data map was made by this write, so it owns the map itself too.
  EXPECT_EQ(paths_of(entries[0].fields), (std::vector<std::string>{".data", ".data.a"}));
}

TEST(RecordUpdate, AnUpdateTakesTheFieldsItChangesFromOtherManagers) {
  auto before = parse(R"({"metadata":{"name":"c"},"data":{"a":"1","b":"2"}})");
  record_update(before, nullptr, by("creator"), configmap());
  auto after = before;
  after["data"].as_object()["b"] = "3";
  after["metadata"].as_object()["labels"] = json::object{{"x", "y"}};
  record_update(after, &before, by("editor"), configmap());
  auto entries = read_managed_fields(after);
  ASSERT_NE(entry(entries, "creator", "Update"), nullptr);
  EXPECT_EQ(paths_of(entry(entries, "creator", "Update")->fields), (std::vector<std::string>{".data", ".data.a"}));
  EXPECT_EQ(paths_of(entry(entries, "editor", "Update")->fields),
            (std::vector<std::string>{".data.b", ".metadata.labels", ".metadata.labels.x"}));
  // Removing the last field a manager owns drops its entry.
  auto later = after;
  later["data"].as_object()["b"] = "4";
  later["metadata"].as_object().erase("labels");
  record_update(later, &after, by("creator"), configmap());
  entries = read_managed_fields(later);
  EXPECT_EQ(entry(entries, "editor", "Update"), nullptr);
  EXPECT_EQ(paths_of(entry(entries, "creator", "Update")->fields),
            (std::vector<std::string>{".data", ".data.a", ".data.b"}));
}

TEST(Apply, ConflictsWithAnotherManagerOnAChangedValueUnlessForced) {
  auto live = parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1}})");
  record_update(live, nullptr, by("kubectl-create"), deployment());
  auto applied = parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}})");
  auto refused = apply(live, applied, by("kubectl"), false, deployment());
  ASSERT_FALSE(refused.ok);
  ASSERT_EQ(refused.conflicts.size(), 1u);
  EXPECT_EQ(conflict_message(refused.conflicts),
            "Apply failed with 1 conflict: conflict with \"kubectl-create\" using apps/v1: .spec.replicas");

  auto forced = apply(live, applied, by("kubectl"), true, deployment());
  ASSERT_TRUE(forced.ok) << forced.error;
  EXPECT_EQ(forced.object["spec"].as_object()["replicas"], json::value(3));
  auto entries = read_managed_fields(forced.object);
  EXPECT_EQ(entry(entries, "kubectl-create", "Update"), nullptr) << "its only field changed hands";
  EXPECT_EQ(paths_of(entry(entries, "kubectl", "Apply")->fields), (std::vector<std::string>{".spec.replicas"}));
}

TEST(Apply, EqualValuesAreSharedNotConflicts) {
  auto live = parse(R"({"metadata":{"name":"c"},"data":{"a":"1"}})");
  record_update(live, nullptr, by("other"), configmap());
  auto out = apply(live, parse(R"({"metadata":{"name":"c"},"data":{"a":"1"}})"), by("mine"), false, configmap());
  ASSERT_TRUE(out.ok);
  auto entries = read_managed_fields(out.object);
  EXPECT_EQ(paths_of(entry(entries, "other", "Update")->fields), (std::vector<std::string>{".data", ".data.a"}));
  EXPECT_EQ(paths_of(entry(entries, "mine", "Apply")->fields), (std::vector<std::string>{".data.a"}));
}

TEST(Apply, FieldsNoLongerAppliedGoUnlessAnotherManagerOwnsThem) {
  json::object live;
  auto first = apply(live, parse(R"({"metadata":{"name":"c"},"data":{"a":"1","b":"2","c":"3"}})"), by("mine"), false,
                     configmap());
  ASSERT_TRUE(first.ok);
  // Someone else takes b.
  auto edited = first.object;
  edited["data"].as_object()["b"] = "20";
  record_update(edited, &first.object, by("editor"), configmap());
  auto second = apply(edited, parse(R"({"metadata":{"name":"c"},"data":{"a":"1"}})"), by("mine"), false, configmap());
  ASSERT_TRUE(second.ok);
  EXPECT_EQ(json::serialize(second.object["data"]), R"({"a":"1","b":"20"})");
}

TEST(Apply, ManyConflictsAreGroupedByManager) {
  auto live = parse(R"({"metadata":{"name":"c"},"data":{"a":"1","b":"2","c":"3"}})");
  record_update(live, nullptr, by("m1"), configmap());
  auto after = live;
  after["data"].as_object()["c"] = "30";
  record_update(after, &live, by("m2"), configmap());
  auto out = apply(after, parse(R"({"metadata":{"name":"c"},"data":{"a":"x","b":"y","c":"z"}})"), by("mine"), false,
                   configmap());
  ASSERT_EQ(out.conflicts.size(), 3u);
  EXPECT_EQ(conflict_message(out.conflicts),
            "Apply failed with 3 conflicts: conflicts with \"m1\" using apps/v1:\n- .data.a\n- .data.b\n"
            "conflicts with \"m2\" using apps/v1:\n- .data.c");
}

TEST(Apply, KubectlMovingFromClientSideApplyKeepsTheAnnotationInStep) {
  std::string last = R"({"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c"}})";
  auto live = parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}})");
  live["metadata"].as_object()["annotations"] =
      json::object{{"kubectl.kubernetes.io/last-applied-configuration", last + "\n"}};
  record_update(live, nullptr, by("kubectl-client-side-apply"), configmap());
  // The same person now applies server-side with a new value: not a conflict with its own client-side apply.
  auto applied = parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}})");
  auto out = apply(live, applied, by("kubectl"), false, configmap());
  ASSERT_TRUE(out.ok) << (out.conflicts.empty() ? out.error : conflict_message(out.conflicts));
  auto annotation = out.object["metadata"].as_object()["annotations"].as_object()[
      "kubectl.kubernetes.io/last-applied-configuration"];
  auto rewritten = json::parse(annotation.as_string());
  EXPECT_EQ(rewritten.as_object()["data"], json::parse(R"({"a":"2"})"));
  // Another manager gets no such pass.
  auto other = apply(live, applied, by("helm"), false, configmap());
  EXPECT_FALSE(other.ok);
}

}  // namespace
}  // namespace navarch::api::fields
