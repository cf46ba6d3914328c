// events.k8s.io/v1 Event and the four rbac.authorization.k8s.io/v1 kinds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/kinds/core/event/strategy.hpp"
#include "api/kinds/events/event/conversion.hpp"
#include "api/kinds/events/event/strategy.hpp"
#include "api/kinds/rbac/clusterrole/strategy.hpp"
#include "api/kinds/rbac/clusterrolebinding/strategy.hpp"
#include "api/kinds/rbac/role/strategy.hpp"
#include "api/kinds/rbac/rolebinding/strategy.hpp"
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

constexpr std::string_view new_event = R"({"apiVersion":"events.k8s.io/v1","kind":"Event",
  "metadata":{"name":"web.1","namespace":"default","creationTimestamp":"2024-05-01T11:00:00Z"},
  "eventTime":"2024-05-01T11:59:00.000000Z","reportingController":"example.com/ctl","reportingInstance":"ctl-1",
  "action":"Scale","reason":"Scaled","note":"scaled up","type":"Normal",
  "regarding":{"kind":"Deployment","name":"web","namespace":"default"}})";

TEST(EventsEventTest, ConvertsToAndFromTheCoreView) {
  auto ev = json::parse(new_event).as_object();
  auto core = events::to_core(ev);
  EXPECT_EQ(core.at("apiVersion"), "v1");
  EXPECT_EQ(core.at("message"), "scaled up");
  EXPECT_EQ(core.at("reportingComponent"), "example.com/ctl");
  EXPECT_EQ(core.at("involvedObject").at("name"), "web");
  EXPECT_FALSE(core.contains("note"));
  EXPECT_EQ(events::from_core(core), ev);
}

TEST(EventsEventTest, CreationNeedsTheNewFields) {
  auto k = events_event_strategy();
  EXPECT_EQ(k.api_version(), "events.k8s.io/v1");
  EXPECT_EQ(k.plural, "events");
  EXPECT_THAT(k.short_names, ElementsAre("ev"));
  EXPECT_THAT(create_errors(k, new_event), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"e","namespace":"default"},"type":"Odd",
      "regarding":{"namespace":"default"},"deprecatedCount":3})"),
              ElementsAre("reportingController: Required value",
                          "reportingController: Invalid value: \"\": name part must be non-empty",
                          "reportingController: Invalid value: \"\": name part must consist of alphanumeric "
                          "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                          "'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                          "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                          "reportingInstance: Required value",
                          "action: Required value", "reason: Required value", "eventTime: Required value",
                          "type: Invalid value: \"\": has invalid value: Odd", "count: Invalid value: \"\": needs to be unset"));
}

TEST(EventsEventTest, PrintsTheCoreEventTable) {
  auto k = events_event_strategy();
  EXPECT_EQ(column_names(k), column_names(event_strategy()));
  json::array core_row;
  event_strategy().table.cells(json::value(events::to_core(json::parse(new_event).as_object())), test::kinds_now(),
                               core_row);
  EXPECT_EQ(cells(k, new_event), core_row);
  EXPECT_EQ(core_row.at(3), "deployment/web");
  EXPECT_EQ(core_row.at(6), "scaled up");
}

TEST(RoleTest, RulesNeedVerbsGroupsAndResources) {
  auto role = role_strategy();
  EXPECT_EQ(role.api_version(), "rbac.authorization.k8s.io/v1");
  EXPECT_THAT(create_errors(role, R"({"metadata":{"name":"r","namespace":"default"},"rules":[{"apiGroups":[""],
      "resources":["pods"],"verbs":["get"]}]})"),
              IsEmpty());
  EXPECT_THAT(create_errors(role, R"({"metadata":{"name":"a/b","namespace":"default"},"rules":[{},
      {"verbs":["get"],"nonResourceURLs":["/healthz"]}]})"),
              ElementsAre("metadata.name: Invalid value: \"a/b\": may not contain '/'",
                          "rules[0].verbs: Required value: verbs must contain at least one value",
                          "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
                          "rules[0].resources: Required value: resource rules must supply at least one resource",
                          "rules[1].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot "
                          "apply to non-resource URLs"));
  auto cluster_role = cluster_role_strategy();
  EXPECT_FALSE(cluster_role.namespaced);
  EXPECT_THAT(create_errors(cluster_role, R"({"metadata":{"name":"system:health"},"rules":[{"verbs":["get"],
      "nonResourceURLs":["/healthz"]}]})"),
              IsEmpty());
  EXPECT_THAT(create_errors(cluster_role, R"({"metadata":{"name":"agg"},"aggregationRule":{}})"),
              ElementsAre("aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector "
                          "required if aggregationRule is non-nil"));
  EXPECT_THAT(column_names(role), ElementsAre("Name", "Created At"));
  EXPECT_EQ(json::serialize(cells(cluster_role, R"({"metadata":{"name":"view","creationTimestamp":"2024-05-01T11:00:00Z"}})")),
            R"(["view","2024-05-01T11:00:00Z"])");
}

constexpr std::string_view binding = R"({"metadata":{"name":"b","namespace":"default",
  "creationTimestamp":"2024-05-01T11:00:00Z"},"roleRef":{"kind":"ClusterRole","name":"view"},
  "subjects":[{"kind":"User","name":"alice"},{"kind":"Group","name":"devs"},
  {"kind":"ServiceAccount","name":"builder","namespace":"ci"}]})";

TEST(RoleBindingTest, DefaultsApiGroupsAndChecksSubjects) {
  auto k = role_binding_strategy();
  auto b = created(k, binding);
  EXPECT_EQ(b.at("roleRef").at("apiGroup"), "rbac.authorization.k8s.io");
  EXPECT_EQ(b.at("subjects").at(0).at("apiGroup"), "rbac.authorization.k8s.io");
  EXPECT_EQ(b.at("subjects").at(2).at("apiGroup"), "");
  EXPECT_THAT(create_errors(k, binding), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"b","namespace":"default"},"roleRef":{"kind":"Secret"},
      "subjects":[{"kind":"Robot","name":"r2"},{"kind":"ServiceAccount","apiGroup":"v1"}]})"),
              ElementsAre("roleRef.kind: Unsupported value: \"Secret\": supported values: \"Role\", \"ClusterRole\"",
                          "roleRef.name: Required value",
                          "subjects[0].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", "
                          "\"User\", \"Group\"",
                          "subjects[1].name: Required value",
                          "subjects[1].apiGroup: Unsupported value: \"v1\": supported values: \"\""));
}

TEST(RoleBindingTest, RoleRefIsImmutable) {
  auto k = role_binding_strategy();
  std::string changed(binding);
  changed.replace(changed.find("\"view\""), 6, "\"edit\"");
  EXPECT_THAT(update_errors(k, changed, binding),
              ElementsAre("roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", "
                          "Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef"));
}

TEST(RoleBindingTest, TableListsSubjectsWide) {
  auto k = role_binding_strategy();
  EXPECT_THAT(column_names(k, false), ElementsAre("Name", "Role", "Age"));
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"));
  EXPECT_EQ(json::serialize(cells(k, binding)), R"(["b","ClusterRole/view","60m","alice","devs","ci/builder"])");
}

TEST(ClusterRoleBindingTest, OnlyClusterRolesAndNamespacedServiceAccounts) {
  auto k = cluster_role_binding_strategy();
  EXPECT_FALSE(k.namespaced);
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"b"},"roleRef":{"kind":"Role","name":"r"},
      "subjects":[{"kind":"ServiceAccount","name":"sa"}]})"),
              ElementsAre("roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
                          "subjects[0].namespace: Required value"));
}

}  // namespace
}  // namespace navarch::api
