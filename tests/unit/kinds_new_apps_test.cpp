// apps/v1 StatefulSet and ControllerRevision.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/kinds/apps/controllerrevision/strategy.hpp"
#include "api/kinds/apps/statefulset/strategy.hpp"
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

constexpr std::string_view sts_json = R"({"apiVersion":"apps/v1","kind":"StatefulSet",
  "metadata":{"name":"web","namespace":"default","creationTimestamp":"2024-05-01T11:59:30Z"},
  "spec":{"serviceName":"web","selector":{"matchLabels":{"app":"web"}},
  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}},
  "volumeClaimTemplates":[{"metadata":{"name":"www"},"spec":{"accessModes":["ReadWriteOnce"],
  "resources":{"requests":{"storage":"1Gi"}}}}]}})";

TEST(StatefulSetTest, Identity) {
  auto k = stateful_set_strategy();
  EXPECT_EQ(k.group, "apps");
  EXPECT_THAT(k.short_names, ElementsAre("sts"));
  EXPECT_THAT(k.categories, ElementsAre("all"));
  EXPECT_TRUE(k.has_scale);
  EXPECT_TRUE(k.has_status);
}

TEST(StatefulSetTest, DefaultsAsTheApiserver) {
  auto sts = created(stateful_set_strategy(), sts_json);
  const auto& spec = sts.at("spec");
  EXPECT_EQ(spec.at("replicas"), 1);
  EXPECT_EQ(spec.at("podManagementPolicy"), "OrderedReady");
  EXPECT_EQ(json::serialize(spec.at("updateStrategy")), R"({"type":"RollingUpdate","rollingUpdate":{"partition":0}})");
  EXPECT_EQ(spec.at("revisionHistoryLimit"), 10);
  EXPECT_EQ(json::serialize(spec.at("persistentVolumeClaimRetentionPolicy")),
            R"({"whenDeleted":"Retain","whenScaled":"Retain"})");
  EXPECT_EQ(spec.at("template").at("spec").at("terminationGracePeriodSeconds"), 30);
  const auto& claim = spec.at("volumeClaimTemplates").at(0);
  EXPECT_EQ(claim.at("kind"), "PersistentVolumeClaim");
  EXPECT_EQ(claim.at("spec").at("volumeMode"), "Filesystem");
  EXPECT_EQ(claim.at("status").at("phase"), "Pending");
}

TEST(StatefulSetTest, OnDeleteKeepsNoRollingUpdate) {
  auto sts = created(stateful_set_strategy(), R"({"metadata":{"name":"w","namespace":"d"},
      "spec":{"updateStrategy":{"type":"OnDelete"}}})");
  EXPECT_EQ(json::serialize(sts.at("spec").at("updateStrategy")), R"({"type":"OnDelete"})");
}

TEST(StatefulSetTest, Validation) {
  auto k = stateful_set_strategy();
  EXPECT_THAT(create_errors(k, sts_json), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web","namespace":"default"},"spec":{"replicas":-2,
      "podManagementPolicy":"Random","updateStrategy":{"type":"OnDelete","rollingUpdate":{"partition":1}},
      "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"other"}},
      "spec":{"containers":[{"name":"c","image":"i"}]}}}})"),
              ElementsAre("spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
                          "spec.updateStrategy.rollingUpdate: Invalid value: {\"partition\":1}: only allowed for "
                          "updateStrategy 'RollingUpdate'",
                          "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
                          "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: "
                          "`selector` does not match template `labels`"));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web.v1","namespace":"default"},"spec":{
      "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"c","image":"i"}]}}}})"),
              ElementsAre("metadata.name: Invalid value: \"web.v1\": a lowercase RFC 1123 label must consist of lower "
                          "case alphanumeric characters or '-', and must start and end with an alphanumeric "
                          "character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                          "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
}

TEST(StatefulSetTest, OnlySomeSpecFieldsMayChange) {
  auto k = stateful_set_strategy();
  std::string scaled(sts_json);
  scaled.replace(scaled.find(R"("serviceName":"web")"), 19, R"("serviceName":"web","replicas":5)");
  EXPECT_THAT(update_errors(k, scaled, sts_json), IsEmpty());
  std::string renamed(sts_json);
  renamed.replace(renamed.find(R"("serviceName":"web")"), 19, R"("serviceName":"other")");
  EXPECT_THAT(update_errors(k, renamed, sts_json),
              ElementsAre("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', "
                          "'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
                          "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
}

TEST(StatefulSetTest, TableAsKubectlGetPrintsIt) {
  auto k = stateful_set_strategy();
  EXPECT_THAT(column_names(k, false), ElementsAre("Name", "Ready", "Age"));
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Ready", "Age", "Containers", "Images"));
  auto sts = created(k, sts_json);
  sts["status"] = json::object{{"readyReplicas", 1}, {"replicas", 1}};
  EXPECT_EQ(json::serialize(cells(k, json::serialize(sts))), R"(["web","1/1","30s","nginx","nginx:1.25"])");
}

TEST(ControllerRevisionTest, ValidationAndImmutableData) {
  auto k = controller_revision_strategy();
  constexpr std::string_view cr = R"({"metadata":{"name":"web-6d4","namespace":"default"},"data":{"spec":{}},
      "revision":2})";
  EXPECT_THAT(create_errors(k, cr), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web-6d4","namespace":"default"},"revision":-1})"),
              ElementsAre("data: Required value: data is mandatory",
                          "revision: Invalid value: -1: must be greater than or equal to 0"));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"web-6d4","namespace":"default"},"data":{"spec":{"x":1}},
      "revision":3})", cr),
              ElementsAre("data: Invalid value: {\"spec\":{\"x\":1}}: field is immutable"));
}

TEST(ControllerRevisionTest, TableNamesTheControllingOwner) {
  auto k = controller_revision_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Controller", "Revision", "Age"));
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"web-6d4","creationTimestamp":"2024-05-01T11:00:00Z",
      "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"web","uid":"u","controller":true}]},
      "revision":2})")),
            R"(["web-6d4","statefulset.apps/web",2,"60m"])");
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"x","creationTimestamp":"2024-05-01T11:00:00Z"}})")),
            R"(["x","<none>",0,"60m"])");
}

}  // namespace
}  // namespace navarch::api
