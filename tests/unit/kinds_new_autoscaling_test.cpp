// autoscaling HorizontalPodAutoscaler, v2 (stored) and v1 (converted view).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/kinds/autoscaling/horizontalpodautoscaler/conversion.hpp"
#include "api/kinds/autoscaling/horizontalpodautoscaler/strategy.hpp"
#include "tests/unit/kinds_new_test_util.hpp"

namespace navarch::api {
namespace {

using test::cells;
using test::column_names;
using test::create_errors;
using test::created;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
namespace json = boost::json;

constexpr std::string_view v2_json = R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
  "metadata":{"name":"web","namespace":"default","creationTimestamp":"2024-05-01T11:00:00Z"},
  "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"maxReplicas":5}})";

TEST(HorizontalPodAutoscalerTest, ServedInBothVersions) {
  auto v2 = horizontal_pod_autoscaler_v2_strategy();
  auto v1 = horizontal_pod_autoscaler_v1_strategy();
  EXPECT_EQ(v2.api_version(), "autoscaling/v2");
  EXPECT_EQ(v1.api_version(), "autoscaling/v1");
  for (const auto* k : {&v1, &v2}) {
    EXPECT_EQ(k->plural, "horizontalpodautoscalers");
    EXPECT_THAT(k->short_names, ElementsAre("hpa"));
    EXPECT_THAT(k->categories, ElementsAre("all"));
    EXPECT_TRUE(k->has_status);
  }
}

TEST(HorizontalPodAutoscalerTest, V2DefaultsMinReplicasAndCpuTarget) {
  auto hpa = created(horizontal_pod_autoscaler_v2_strategy(), v2_json);
  EXPECT_EQ(hpa.at("spec").at("minReplicas"), 1);
  EXPECT_EQ(json::serialize(hpa.at("spec").at("metrics")),
            R"([{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}])");
  EXPECT_FALSE(hpa.at("spec").as_object().contains("behavior"));
}

TEST(HorizontalPodAutoscalerTest, V2FillsAGivenBehaviour) {
  std::string with_behavior(v2_json);
  with_behavior.replace(with_behavior.find(R"("maxReplicas":5)"), 15,
                        R"("maxReplicas":5,"behavior":{"scaleDown":{"stabilizationWindowSeconds":60}})");
  auto hpa = created(horizontal_pod_autoscaler_v2_strategy(), with_behavior);
  EXPECT_EQ(json::serialize(hpa.at("spec").at("behavior")),
            R"({"scaleDown":{"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}],)"
            R"("stabilizationWindowSeconds":60},"scaleUp":{"selectPolicy":"Max","policies":[{"type":"Pods","value":4,)"
            R"("periodSeconds":15},{"type":"Percent","value":100,"periodSeconds":15}],"stabilizationWindowSeconds":0}})");
}

TEST(HorizontalPodAutoscalerTest, Validation) {
  auto k = horizontal_pod_autoscaler_v2_strategy();
  EXPECT_THAT(create_errors(k, v2_json), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web","namespace":"default"},"spec":{"minReplicas":3,
      "maxReplicas":2,"scaleTargetRef":{"kind":"Deployment"}}})"),
              ElementsAre("spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`",
                          "spec.scaleTargetRef.name: Required value"));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web","namespace":"default"},"spec":{"maxReplicas":0,
      "scaleTargetRef":{"kind":"Deployment","name":"web"},"metrics":[{"type":"Resource","resource":{"name":"cpu",
      "target":{"type":"Utilization","averageUtilization":0}}},{"type":"Pods"}]}})"),
              ElementsAre("spec.maxReplicas: Invalid value: 0: must be greater than 0",
                          "spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`",
                          "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0",
                          "spec.metrics[1].pods: Required value: must populate information for the given metric source"));
  auto v1 = horizontal_pod_autoscaler_v1_strategy();
  EXPECT_THAT(create_errors(v1, R"({"metadata":{"name":"web","namespace":"default"},"spec":{"maxReplicas":3,
      "scaleTargetRef":{"kind":"Deployment","name":"web"},"targetCPUUtilizationPercentage":0}})"),
              ElementsAre("spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater "
                          "than 0"));
}

TEST(HorizontalPodAutoscalerTest, ConvertsBetweenVersions) {
  auto v1 = json::parse(R"({"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"w"},
      "spec":{"scaleTargetRef":{"kind":"Deployment","name":"w"},"minReplicas":2,"maxReplicas":4,
      "targetCPUUtilizationPercentage":50},"status":{"currentReplicas":2,"desiredReplicas":3,
      "currentCPUUtilizationPercentage":70}})").as_object();
  auto v2 = hpa::v1_to_v2(v1);
  EXPECT_EQ(v2.at("apiVersion"), "autoscaling/v2");
  EXPECT_EQ(json::serialize(v2.at("spec").at("metrics")),
            R"([{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}])");
  EXPECT_EQ(json::serialize(v2.at("status").at("currentMetrics")),
            R"([{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":70}}}])");
  EXPECT_EQ(hpa::v2_to_v1(v2), v1);
}

TEST(HorizontalPodAutoscalerTest, TableFormatsTargets) {
  auto k = horizontal_pod_autoscaler_v2_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"));
  EXPECT_EQ(json::serialize(cells(k, json::serialize(created(k, v2_json)))),
            R"(["web","Deployment/web","cpu: <unknown>/80%","1",5,0,"60m"])");
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"h","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"scaleTargetRef":{"kind":"StatefulSet","name":"db"},"maxReplicas":3,"metrics":[
      {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"100Mi"}}},
      {"type":"Pods","pods":{"target":{"type":"AverageValue","averageValue":"1k"}}},
      {"type":"External","external":{"target":{"type":"Value","value":"10"}}}]},
      "status":{"currentReplicas":2,"currentMetrics":[{"type":"Resource","resource":{"name":"memory",
      "current":{"averageValue":"50Mi"}}}]}})")),
            R"(["h","StatefulSet/db","memory: 50Mi/100Mi, <unknown>/1k + 1 more...","<unset>",3,2,"60m"])");
  // A v1 object prints as the v2 object it stands for.
  EXPECT_EQ(json::serialize(cells(horizontal_pod_autoscaler_v1_strategy(),
                                  R"({"metadata":{"name":"w","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{
      "scaleTargetRef":{"kind":"Deployment","name":"w"},"minReplicas":1,"maxReplicas":4,
      "targetCPUUtilizationPercentage":50},"status":{"currentReplicas":1,"currentCPUUtilizationPercentage":20}})")),
            R"(["w","Deployment/w","cpu: 20%/50%","1",4,1,"60m"])");
}

}  // namespace
}  // namespace navarch::api
