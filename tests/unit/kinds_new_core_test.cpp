// The core/v1 kinds beyond the first fourteen: ReplicationController, PodTemplate, PersistentVolume,
// PersistentVolumeClaim, ResourceQuota, LimitRange.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/kinds/core/limitrange/strategy.hpp"
#include "api/kinds/core/persistentvolume/strategy.hpp"
#include "api/kinds/core/persistentvolumeclaim/strategy.hpp"
#include "api/kinds/core/podtemplate/strategy.hpp"
#include "api/kinds/core/replicationcontroller/strategy.hpp"
#include "api/kinds/core/resourcequota/strategy.hpp"
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
using ::testing::UnorderedElementsAre;
namespace json = boost::json;

constexpr std::string_view rc_json = R"({"apiVersion":"v1","kind":"ReplicationController",
  "metadata":{"name":"web","namespace":"default","creationTimestamp":"2024-05-01T11:00:00Z"},
  "spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx:1.25"}]}}}})";

TEST(ReplicationControllerTest, IdentityAsDiscoveryShowsIt) {
  auto k = replication_controller_strategy();
  EXPECT_EQ(k.group, "");
  EXPECT_EQ(k.plural, "replicationcontrollers");
  EXPECT_THAT(k.short_names, ElementsAre("rc"));
  EXPECT_THAT(k.categories, ElementsAre("all"));
  EXPECT_TRUE(k.has_status);
  EXPECT_TRUE(k.has_scale);
}

TEST(ReplicationControllerTest, DefaultsSelectorLabelsAndReplicasFromTheTemplate) {
  auto rc = created(replication_controller_strategy(), rc_json);
  EXPECT_EQ(json::serialize(rc.at("spec").at("selector")), R"({"app":"web"})");
  EXPECT_EQ(json::serialize(rc.at("metadata").at("labels")), R"({"app":"web"})");
  EXPECT_EQ(rc.at("spec").at("replicas"), 1);
  EXPECT_EQ(rc.at("spec").at("template").at("spec").at("restartPolicy"), "Always");
  EXPECT_EQ(rc.at("spec").at("template").at("spec").at("containers").at(0).at("imagePullPolicy"), "IfNotPresent");
  EXPECT_EQ(json::serialize(rc.at("status")), "{}");
}

TEST(ReplicationControllerTest, ValidatesSelectorAgainstTemplateAndRestartPolicy) {
  auto k = replication_controller_strategy();
  EXPECT_THAT(create_errors(k, rc_json), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web","namespace":"default"},"spec":{"selector":{"app":"db"},
      "template":{"metadata":{"labels":{"app":"web"}},"spec":{"restartPolicy":"Never",
      "containers":[{"name":"c","image":"nginx"}]}}}})"),
              ElementsAre("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                          "selector does not match labels in spec.template",
                          "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"web","namespace":"default"},"spec":{"replicas":-1}})"),
              ElementsAre("spec.selector: Required value", "spec.replicas: Invalid value: -1: must be greater than or "
                                                           "equal to 0",
                          "spec.template: Required value"));
}

TEST(ReplicationControllerTest, TableAsKubectlGetPrintsIt) {
  auto k = replication_controller_strategy();
  EXPECT_THAT(column_names(k, false), ElementsAre("Name", "Desired", "Current", "Ready", "Age"));
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Desired", "Current", "Ready", "Age", "Containers", "Images",
                                           "Selector"));
  auto row = cells(k, json::serialize(created(k, rc_json)));
  EXPECT_EQ(json::serialize(row), R"(["web",1,0,0,"60m","c","nginx:1.25","app=web"])");
}

TEST(PodTemplateTest, DefaultsTheTemplateAndPrintsContainersAndPodLabels) {
  auto k = pod_template_strategy();
  auto pt = created(k, R"({"metadata":{"name":"t","namespace":"default"},"template":{"metadata":{"labels":{"b":"2",
      "a":"1"}},"spec":{"containers":[{"name":"x","image":"busybox"},{"name":"y","image":"nginx"}]}}})");
  EXPECT_EQ(pt.at("template").at("spec").at("dnsPolicy"), "ClusterFirst");
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Containers", "Images", "Pod Labels"));
  EXPECT_EQ(json::serialize(cells(k, json::serialize(pt))), R"(["t","x,y","busybox,nginx","a=1,b=2"])");
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"t","namespace":"default"},"template":{"spec":{}}})"),
              ElementsAre("template.spec.containers: Required value"));
}

constexpr std::string_view pv_json = R"({"metadata":{"name":"pv1","creationTimestamp":"2024-05-01T11:59:00Z"},
  "spec":{"capacity":{"storage":"5Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce"],"storageClassName":"slow",
  "hostPath":{"path":"/data"}}})";

TEST(PersistentVolumeTest, DefaultsReclaimPolicyModeAndPhase) {
  auto k = persistent_volume_strategy();
  EXPECT_FALSE(k.namespaced);
  EXPECT_THAT(k.short_names, ElementsAre("pv"));
  auto pv = created(k, pv_json);
  EXPECT_EQ(pv.at("spec").at("persistentVolumeReclaimPolicy"), "Retain");
  EXPECT_EQ(pv.at("spec").at("volumeMode"), "Filesystem");
  EXPECT_EQ(pv.at("status").at("phase"), "Pending");
  EXPECT_THAT(create_errors(k, pv_json), IsEmpty());
}

TEST(PersistentVolumeTest, RejectsWhatKubernetesRejects) {
  auto k = persistent_volume_strategy();
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"pv1"},"spec":{"capacity":{"storage":"0"},
      "accessModes":["ReadWriteOncePod","ReadWriteOnce","Sometimes"]}})"),
              ElementsAre("spec.accessModes: Unsupported value: \"Sometimes\": supported values: \"ReadOnlyMany\", "
                          "\"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"",
                          "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
                          "spec.capacity[storage]: Invalid value: \"0\": must be greater than zero",
                          "spec: Required value: must specify a volume type"));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"pv1"},"spec":{"capacity":{"storage":"1Gi"},
      "accessModes":["ReadWriteOnce"],"hostPath":{"path":"/a"},"nfs":{"server":"s","path":"/b"}}})"),
              ElementsAre("spec.nfs: Forbidden: may not specify more than 1 volume type"));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"pv1"},"spec":{"capacity":{"storage":"5Gi"},
      "accessModes":["ReadWriteOnce"],"hostPath":{"path":"/other"}}})", pv_json),
              ElementsAre("spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after "
                          "creation"));
}

TEST(PersistentVolumeTest, TableAsKubectlGetPrintsIt) {
  auto k = persistent_volume_strategy();
  EXPECT_THAT(column_names(k, false),
              ElementsAre("Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass",
                          "VolumeAttributesClass", "Reason", "Age"));
  auto pv = created(k, pv_json);
  pv["spec"].as_object()["claimRef"] = json::object{{"namespace", "default"}, {"name", "data"}};
  EXPECT_EQ(json::serialize(cells(k, json::serialize(pv))),
            R"(["pv1","5Gi","RWO,RWX","Retain","Pending","default/data","slow","<unset>","","60s","Filesystem"])");
}

constexpr std::string_view pvc_json = R"({"metadata":{"name":"data","namespace":"default",
  "creationTimestamp":"2024-05-01T10:00:00Z"},"spec":{"accessModes":["ReadWriteOnce"],
  "resources":{"requests":{"storage":"1Gi"}}}})";

TEST(PersistentVolumeClaimTest, DefaultsAndValidation) {
  auto k = persistent_volume_claim_strategy();
  EXPECT_THAT(k.short_names, ElementsAre("pvc"));
  auto pvc = created(k, pvc_json);
  EXPECT_EQ(pvc.at("spec").at("volumeMode"), "Filesystem");
  EXPECT_EQ(pvc.at("status").at("phase"), "Pending");
  EXPECT_THAT(create_errors(k, pvc_json), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"data","namespace":"default"},"spec":{}})"),
              ElementsAre("spec.accessModes: Required value: at least 1 access mode is required",
                          "spec.resources[requests.storage]: Required value"));
}

TEST(PersistentVolumeClaimTest, SpecIsImmutableButABoundClaimMayGrow) {
  auto k = persistent_volume_claim_strategy();
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"data","namespace":"default"},"spec":{"accessModes":
      ["ReadWriteMany"],"resources":{"requests":{"storage":"1Gi"}}}})", pvc_json),
              ElementsAre("spec: Forbidden: spec is immutable after creation except resources.requests and "
                          "volumeAttributesClassName for bound claims"));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"data","namespace":"default"},"spec":{"accessModes":
      ["ReadWriteOnce"],"resources":{"requests":{"storage":"2Gi"}}},"status":{"phase":"Bound"}})", pvc_json),
              IsEmpty());
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"data","namespace":"default"},"spec":{"accessModes":
      ["ReadWriteOnce"],"resources":{"requests":{"storage":"512Mi"}}},"status":{"phase":"Bound"}})", pvc_json),
              ElementsAre("spec.resources.requests.storage: Forbidden: field can not be less than previous value"));
}

TEST(PersistentVolumeClaimTest, TableShowsCapacityOnlyOnceBound) {
  auto k = persistent_volume_claim_strategy();
  EXPECT_THAT(column_names(k, false), ElementsAre("Name", "Status", "Volume", "Capacity", "Access Modes",
                                                 "StorageClass", "VolumeAttributesClass", "Age"));
  EXPECT_EQ(json::serialize(cells(k, json::serialize(created(k, pvc_json)))),
            R"(["data","Pending","","","","","<unset>","120m","Filesystem"])");
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"data","creationTimestamp":"2024-05-01T10:00:00Z",
      "annotations":{"volume.beta.kubernetes.io/storage-class":"gold"}},"spec":{"volumeName":"pv1"},
      "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"5Gi"}}})")),
            R"(["data","Bound","pv1","5Gi","RWO","gold","<unset>","120m","<unset>"])");
}

TEST(ResourceQuotaTest, ValidatesHardLimits) {
  auto k = resource_quota_strategy();
  EXPECT_THAT(k.short_names, ElementsAre("quota"));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"q","namespace":"default"},"spec":{"hard":{"pods":"10",
      "requests.cpu":"500m","count/deployments.apps":"2"}}})"),
              IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"q","namespace":"default"},"spec":{"hard":{"pods":"1.5",
      "memory":"-1Gi","widgets":"3"}}})"),
              UnorderedElementsAre("spec.hard[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0",
                          "spec.hard[pods]: Invalid value: \"1.5\": must be an integer",
                          "spec.hard[widgets]: Invalid value: \"widgets\": must be a standard resource for quota"));
}

TEST(ResourceQuotaTest, TablePrintsUsedOverHardFromStatus) {
  auto k = resource_quota_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Request", "Limit", "Age"));
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"q","creationTimestamp":"2024-05-01T11:00:00Z"},
      "status":{"hard":{"pods":"10","limits.cpu":"2","requests.cpu":"1"},"used":{"pods":"3","requests.cpu":"250m"}}})")),
            R"(["q","pods: 3/10, requests.cpu: 250m/1","limits.cpu: 0/2","60m"])");
}

TEST(LimitRangeTest, DefaultsContainerDefaultsFromMaxAndMin) {
  auto k = limit_range_strategy();
  EXPECT_THAT(k.short_names, ElementsAre("limits"));
  auto lr = created(k, R"({"metadata":{"name":"l","namespace":"default"},"spec":{"limits":[{"type":"Container",
      "max":{"cpu":"2"},"min":{"memory":"64Mi"}}]}})");
  const auto& limit = lr.at("spec").at("limits").at(0);
  EXPECT_EQ(json::serialize(limit.at("default")), R"({"cpu":"2"})");
  EXPECT_EQ(json::serialize(limit.at("defaultRequest")), R"({"cpu":"2","memory":"64Mi"})");
}

TEST(LimitRangeTest, RejectsInconsistentBounds) {
  auto k = limit_range_strategy();
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"l","namespace":"default"},"spec":{"limits":[
      {"type":"Container","min":{"cpu":"2"},"max":{"cpu":"1"}},{"type":"Pod","default":{"cpu":"1"}},
      {"type":"Container"}]}})"),
              ElementsAre("spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1",
                          // max defaulted default and defaultRequest to 1, which min now also exceeds
                          "spec.limits[0].defaultRequest[cpu]: Invalid value: \"1\": min value 2 is greater than "
                          "default request value 1",
                          "spec.limits[0].default[cpu]: Invalid value: \"2\": min value 2 is greater than default "
                          "value 1",
                          "spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod'",
                          "spec.limits[2].type: Duplicate value: \"Container\""));
}

TEST(LimitRangeTest, PrintsNameAndCreatedAtAsTheDefaultConvertor) {
  auto k = limit_range_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Created At"));
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"l","creationTimestamp":"2024-05-01T11:00:00Z"}})")),
            R"(["l","2024-05-01T11:00:00Z"])");
}

}  // namespace
}  // namespace navarch::api
