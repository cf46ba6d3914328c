// policy/v1 PodDisruptionBudget and scheduling.k8s.io/v1 PriorityClass.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/kinds/policy/poddisruptionbudget/strategy.hpp"
#include "api/kinds/scheduling/priorityclass/strategy.hpp"
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

TEST(PodDisruptionBudgetTest, Validation) {
  auto k = pod_disruption_budget_strategy();
  EXPECT_EQ(k.api_version(), "policy/v1");
  EXPECT_THAT(k.short_names, ElementsAre("pdb"));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"p","namespace":"default"},"spec":{"minAvailable":"50%",
      "selector":{"matchLabels":{"app":"web"}}}})"),
              IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"p","namespace":"default"},"spec":{"maxUnavailable":"120%",
      "selector":{"matchExpressions":[{"key":"app","operator":"In"}]}}})"),
              ElementsAre("spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: "
                          "must not be greater than 100%",
                          "spec.selector.matchExpressions[0].values: Required value: must be specified when "
                          "`operator` is 'In' or 'NotIn'"));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"p","namespace":"default"},"spec":{"minAvailable":-1,
      "maxUnavailable":"x"}})"),
              ElementsAre("spec: Invalid value: {\"minAvailable\":-1,\"maxUnavailable\":\"x\"}: minAvailable and "
                          "maxUnavailable cannot be both set",
                          "spec.minAvailable: Invalid value: -1: must be greater than or equal to 0",
                          "spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"x\"}: a "
                          "valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or "
                          "'93%', regex used for validation is '[0-9]+%')"));
}

TEST(PodDisruptionBudgetTest, Table) {
  auto k = pod_disruption_budget_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"));
  auto pdb = created(k, R"({"metadata":{"name":"p","namespace":"default","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"minAvailable":2},"status":{"disruptionsAllowed":9}})");
  EXPECT_EQ(json::serialize(pdb.at("status")), "{}");  // a new budget's status is the controller's to fill
  EXPECT_EQ(json::serialize(cells(k, json::serialize(pdb))), R"(["p","2","N/A",0,"60m"])");
}

TEST(PriorityClassTest, UserClassesStayBelowTheSystemRange) {
  auto k = priority_class_strategy();
  EXPECT_FALSE(k.namespaced);
  EXPECT_THAT(k.short_names, ElementsAre("pc"));
  EXPECT_EQ(created(k, R"({"metadata":{"name":"high"},"value":1000})").at("preemptionPolicy"), "PreemptLowerPriority");
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"high"},"value":1000000000})"), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"high"},"value":1000000001,"preemptionPolicy":"Always"})"),
              ElementsAre("value: Forbidden: maximum allowed value of a user defined priority is 1000000000",
                          "preemptionPolicy: Unsupported value: \"Always\": supported values: \"Never\", "
                          "\"PreemptLowerPriority\""));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"system-mine"},"value":5})"),
              ElementsAre("metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for "
                          "system use only. error: system-mine is not a known system priority class"));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"system-node-critical"},"value":5})"),
              ElementsAre("metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for "
                          "system use only. error: value of system-node-critical PriorityClass must be 2000001000"));
}

TEST(PriorityClassTest, ValueAndPreemptionPolicyAreImmutable) {
  auto k = priority_class_strategy();
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"high"},"value":2,"preemptionPolicy":"Never"})",
                            R"({"metadata":{"name":"high"},"value":1})"),
              ElementsAre("value: Forbidden: may not be changed in an update.",
                          "preemptionPolicy: Invalid value: \"Never\": field is immutable"));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"high"},"value":1,"description":"now described"})",
                            R"({"metadata":{"name":"high"},"value":1})"),
              IsEmpty());
}

TEST(PriorityClassTest, SystemClassesAreValidAndPrintWide) {
  auto k = priority_class_strategy();
  auto classes = system_priority_classes();
  ASSERT_EQ(classes.size(), 2u);
  for (const auto& c : classes) EXPECT_THAT(create_errors(k, json::serialize(c)), IsEmpty());
  EXPECT_THAT(column_names(k, false), ElementsAre("Name", "Value", "Global-Default", "Age", "PreemptionPolicy"));
  auto cluster_critical = classes[1];
  cluster_critical["metadata"].as_object()["creationTimestamp"] = "2024-05-01T11:00:00Z";
  EXPECT_EQ(json::serialize(cells(k, json::serialize(cluster_critical))),
            R"(["system-cluster-critical",2000000000,false,"60m","PreemptLowerPriority"])");
}

}  // namespace
}  // namespace navarch::api
