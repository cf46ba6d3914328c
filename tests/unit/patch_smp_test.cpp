#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/patch/smp_nodes.hpp"
#include "api/patch/strategic_merge_patch.hpp"
#include "tests/unit/kinds_test_util.hpp"
#include "tests/unit/patch_expect.hpp"

namespace navarch::patch {
namespace {

using boost::json::parse;
using testing::expect_doc;
using testing::expect_error;

constexpr field_meta cron_job_spec_fields[] = {nested("jobTemplate", job_template)};
constexpr schema_node cron_job_spec{cron_job_spec_fields};
constexpr field_meta cron_job_fields[] = {nested("metadata", object_meta), nested("spec", cron_job_spec)};
constexpr schema_node cron_job{cron_job_fields};

// The schema of a built-in kind; kinds not built in yet are tested with the shared nodes they are made of.
const schema_node* schema_of(std::string_view kind) {
  const auto& k = api::test::kind_named(kind);
  if (k.kind == kind) return k.smp;
  if (kind == "StatefulSet") return &workload;
  if (kind == "CronJob") return &cron_job;
  return nullptr;
}

patch_result smp(std::string_view target, std::string_view patch, std::string_view kind = "Pod") {
  return strategic_merge_patch(parse(target), parse(patch), schema_of(kind));
}

// ---- maps ----

TEST(StrategicMergePatch, MergesMapsAndNullDeletes) {
  expect_doc(smp(R"({"metadata":{"name":"p","labels":{"a":"1","b":"2"}},"spec":{"nodeName":"n"}})",
                 R"({"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"nodeName":null,"hostname":"h"}})"),
             R"({"metadata":{"name":"p","labels":{"b":"2","c":"3"}},"spec":{"hostname":"h"}})");
}

TEST(StrategicMergePatch, NewContentDropsNullsAndDirectives) {
  expect_doc(smp(R"({"spec":{}})",
                 R"({"spec":{"securityContext":{"runAsUser":1,"fsGroup":null,"x":{"$patch":"delete"}},"gone":null}})"),
             R"({"spec":{"securityContext":{"runAsUser":1}}})");
}

TEST(StrategicMergePatch, ValueOfAnotherTypeReplaces) {
  expect_doc(smp(R"({"spec":{"a":"s","b":{"x":1}}})", R"({"spec":{"a":{"y":2},"b":[1]}})"),
             R"({"spec":{"a":{"y":2},"b":[1]}})");
}

TEST(StrategicMergePatch, ReplaceDirectiveInMapReplacesIt) {
  expect_doc(smp(R"({"spec":{"nodeSelector":{"a":"1","b":"2"}}})",
                 R"({"spec":{"nodeSelector":{"$patch":"replace","c":"3"}}})"),
             R"({"spec":{"nodeSelector":{"c":"3"}}})");
}

TEST(StrategicMergePatch, ReplaceDirectiveAtTopReplacesObject) {
  expect_doc(smp(R"({"a":1,"b":{"c":2}})", R"({"$patch":"replace","b":{"d":3}})"), R"({"b":{"d":3}})");
}

TEST(StrategicMergePatch, DeleteDirectiveInMapEmptiesIt) {
  // As in Kubernetes: an existing map becomes empty, a missing one is not created.
  expect_doc(smp(R"({"spec":{"nodeSelector":{"a":"1"}}})",
                 R"({"spec":{"nodeSelector":{"$patch":"delete"},"affinity":{"$patch":"delete"}}})"),
             R"({"spec":{"nodeSelector":{}}})");
}

TEST(StrategicMergePatch, MergeOrUnknownDirectiveInMapFails) {
  expect_error(smp(R"({"spec":{}})", R"({"spec":{"$patch":"merge"}})"), true, "unknown patch type");
  expect_error(smp(R"({"spec":{}})", R"({"spec":{"$patch":"frob"}})"), true, "unknown patch type");
}

// ---- lists merged by key ----

TEST(StrategicMergePatch, MergesContainersByNameRecursively) {
  expect_doc(smp(R"({"spec":{"containers":[
                   {"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]},
                   {"name":"b","image":"b:1"}]}})",
                 R"({"spec":{"containers":[
                   {"name":"a","env":[{"name":"Y","value":"3"},{"name":"Z","value":"4"}]}]}})"),
             R"({"spec":{"containers":[
                   {"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"3"},{"name":"Z","value":"4"}]},
                   {"name":"b","image":"b:1"}]}})");
}

TEST(StrategicMergePatch, NewElementsGoFirstWithoutElementOrder) {
  // Kubernetes places patch-only elements before the server-only ones they cannot be related to.
  expect_doc(smp(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]}})",
                 R"({"spec":{"containers":[{"name":"c","image":"c"}]}})"),
             R"({"spec":{"containers":[{"name":"c","image":"c"},{"name":"a"},{"name":"b"}]}})");
}

TEST(StrategicMergePatch, MergeKeysOfPodSpecAndContainer) {
  expect_doc(smp(R"({"spec":{
                   "containers":[{"name":"c","ports":[{"containerPort":80,"protocol":"TCP"}],
                                  "volumeMounts":[{"mountPath":"/a","name":"v1"}],
                                  "volumeDevices":[{"devicePath":"/dev/x","name":"d"}]}],
                   "initContainers":[{"name":"i","image":"i:1"}],
                   "volumes":[{"name":"v1","emptyDir":{}}],
                   "imagePullSecrets":[{"name":"s1"}],
                   "hostAliases":[{"ip":"1.1.1.1","hostnames":["a"]}]}})",
                 R"({"spec":{
                   "containers":[{"name":"c","ports":[{"containerPort":80,"name":"http"}],
                                  "volumeMounts":[{"mountPath":"/b","name":"v2"}],
                                  "volumeDevices":[{"devicePath":"/dev/x","name":"e"}]}],
                   "initContainers":[{"name":"i","image":"i:2"}],
                   "volumes":[{"name":"v2","emptyDir":{}}],
                   "imagePullSecrets":[{"name":"s2"}],
                   "hostAliases":[{"ip":"1.1.1.1","hostnames":["b"]}]}})"),
             R"({"spec":{
                   "containers":[{"name":"c","ports":[{"containerPort":80,"protocol":"TCP","name":"http"}],
                                  "volumeMounts":[{"mountPath":"/b","name":"v2"},{"mountPath":"/a","name":"v1"}],
                                  "volumeDevices":[{"devicePath":"/dev/x","name":"e"}]}],
                   "initContainers":[{"name":"i","image":"i:2"}],
                   "volumes":[{"name":"v2","emptyDir":{}},{"name":"v1","emptyDir":{}}],
                   "imagePullSecrets":[{"name":"s2"},{"name":"s1"}],
                   "hostAliases":[{"ip":"1.1.1.1","hostnames":["b"]}]}})");
}

TEST(StrategicMergePatch, ListsWithoutStrategyAreReplaced) {
  expect_doc(smp(R"({"spec":{"tolerations":[{"key":"a"},{"key":"b"}],
                             "containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"x"}}],"args":["1","2"]}]}})",
                 R"({"spec":{"tolerations":[{"key":"c","value":null}],
                             "containers":[{"name":"c","envFrom":[{"secretRef":{"name":"y"}}],"args":["3"]}]}})"),
             R"({"spec":{"tolerations":[{"key":"c"}],
                         "containers":[{"name":"c","envFrom":[{"secretRef":{"name":"y"}}],"args":["3"]}]}})");
}

TEST(StrategicMergePatch, PrimitiveListWithMergeStrategyIsUnioned) {
  expect_doc(smp(R"({"metadata":{"finalizers":["a","b"]}})", R"({"metadata":{"finalizers":["b","c"]}})"),
             R"({"metadata":{"finalizers":["a","b","c"]}})");
}

TEST(StrategicMergePatch, ObjectMetaOwnerReferencesByUid) {
  expect_doc(smp(R"({"metadata":{"ownerReferences":[{"uid":"1","name":"a"},{"uid":"2","name":"b"}]}})",
                 R"({"metadata":{"ownerReferences":[{"uid":"2","controller":true}]}})", "ConfigMap"),
             R"({"metadata":{"ownerReferences":[{"uid":"1","name":"a"},{"uid":"2","name":"b","controller":true}]}})");
}

TEST(StrategicMergePatch, ServicePortsByPort) {
  expect_doc(smp(R"({"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}})",
                 R"({"spec":{"ports":[{"port":80,"targetPort":9090}]}})", "Service"),
             R"({"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443}]}})");
}

TEST(StrategicMergePatch, ConditionsByType) {
  const char* target =
      R"({"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Other","status":"True"}]}})";
  const char* patch = R"({"status":{"conditions":[{"type":"Ready","status":"True"}]}})";
  const char* merged =
      R"({"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Other","status":"True"}]}})";
  for (const char* kind : {"Pod", "Node", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "Namespace"}) {
    SCOPED_TRACE(kind);
    expect_doc(smp(target, patch, kind), merged);
  }
}

TEST(StrategicMergePatch, NodeAddressesByTypeAndTaintsReplaced) {
  expect_doc(smp(R"({"spec":{"taints":[{"key":"a","effect":"NoSchedule"}],"podCIDRs":["10.0.0.0/24"]},
                     "status":{"addresses":[{"type":"InternalIP","address":"1.1.1.1"},{"type":"Hostname","address":"n"}]}})",
                 R"({"spec":{"taints":[{"key":"b","effect":"NoSchedule"}],"podCIDRs":["10.0.1.0/24"]},
                     "status":{"addresses":[{"type":"InternalIP","address":"2.2.2.2"}]}})",
                 "Node"),
             R"({"spec":{"taints":[{"key":"b","effect":"NoSchedule"}],"podCIDRs":["10.0.1.0/24","10.0.0.0/24"]},
                 "status":{"addresses":[{"type":"InternalIP","address":"2.2.2.2"},{"type":"Hostname","address":"n"}]}})");
}

TEST(StrategicMergePatch, WorkloadPodTemplatesUsePodSpecKeys) {
  const char* target =
      R"({"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}}})";
  const char* patch = R"({"spec":{"template":{"spec":{"containers":[{"name":"b","image":"2"}]}}}})";
  const char* merged =
      R"({"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}}})";
  for (const char* kind : {"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"}) {
    SCOPED_TRACE(kind);
    expect_doc(smp(target, patch, kind), merged);
  }
  expect_doc(smp(R"({"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a"}]}}}}}})",
                 R"({"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b"}]}}}}}})", "CronJob"),
             R"({"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b"},{"name":"a"}]}}}}}})");
}

TEST(StrategicMergePatch, UnknownKindReplacesLists) {
  EXPECT_EQ(schema_of("Widget"), nullptr);
  expect_doc(smp(R"({"metadata":{"finalizers":["a"]},"spec":{"containers":[{"name":"a"}],"m":{"x":1}}})",
                 R"({"metadata":{"finalizers":["b"]},"spec":{"containers":[{"name":"b"}],"m":{"y":2}}})", "Widget"),
             R"({"metadata":{"finalizers":["b"]},"spec":{"containers":[{"name":"b"}],"m":{"x":1,"y":2}}})");
}

// ---- $patch in list elements ----

TEST(StrategicMergePatch, DeleteDirectiveRemovesListElement) {
  expect_doc(smp(R"({"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}})",
                 R"({"spec":{"containers":[{"name":"b","$patch":"delete"},{"name":"zz","$patch":"delete"}]}})"),
             R"({"spec":{"containers":[{"name":"a"},{"name":"c"}]}})");
}

TEST(StrategicMergePatch, ReplaceDirectiveInListReplacesIt) {
  expect_doc(smp(R"({"spec":{"containers":[{"name":"a","image":"1"},{"name":"b"}]}})",
                 R"({"spec":{"containers":[{"$patch":"replace"},{"name":"c","image":"3","x":null}]}})"),
             R"({"spec":{"containers":[{"name":"c","image":"3"}]}})");
}

TEST(StrategicMergePatch, DirectiveErrorsInLists) {
  expect_error(smp(R"({"spec":{"containers":[{"name":"a"}]}})", R"({"spec":{"containers":[{"$patch":"merge"}]}})"),
               true, "merging lists cannot yet be specified");
  expect_error(smp(R"({"spec":{"containers":[{"name":"a"}]}})", R"({"spec":{"containers":[{"$patch":"frob"}]}})"), true,
               "unknown patch type");
  expect_error(smp(R"({"spec":{"containers":[{"name":"a"}]}})", R"({"spec":{"containers":[{"$patch":"delete"}]}})"),
               true, "does not contain declared merge key: name");
}

// ---- $setElementOrder (cases from the Kubernetes strategicpatch tests) ----

TEST(StrategicMergePatch, ElementOrderPlacesAddedItem) {
  expect_doc(smp(R"({"spec":{"containers":[{"name":"1","other":"a"},{"name":"2","value":"2","other":"b"}]}})",
                 R"({"spec":{"$setElementOrder/containers":[{"name":"3"},{"name":"1"},{"name":"2"}],
                             "containers":[{"name":"3","value":"3"}]}})"),
             R"({"spec":{"containers":[{"name":"3","value":"3"},{"name":"1","other":"a"},
                                      {"name":"2","value":"2","other":"b"}]}})");
}

TEST(StrategicMergePatch, ElementOrderPlacesSeveralAddedItems) {
  expect_doc(smp(R"({"spec":{"containers":[{"name":"1","other":"a"},{"name":"2","value":"2"}]}})",
                 R"({"spec":{"$setElementOrder/containers":[{"name":"1"},{"name":"4"},{"name":"2"},{"name":"3"}],
                             "containers":[{"name":"4","value":"4"},{"name":"3","value":"3"}]}})"),
             R"({"spec":{"containers":[{"name":"1","other":"a"},{"name":"4","value":"4"},
                                      {"name":"2","value":"2"},{"name":"3","value":"3"}]}})");
}

TEST(StrategicMergePatch, ElementOrderWithDeletion) {
  expect_doc(smp(R"({"spec":{"containers":[{"name":"1","other":"a"},{"name":"2","value":"2"},{"name":"3"}]}})",
                 R"({"spec":{"$setElementOrder/containers":[{"name":"2"},{"name":"1"}],
                             "containers":[{"name":"3","$patch":"delete"}]}})"),
             R"({"spec":{"containers":[{"name":"2","value":"2"},{"name":"1","other":"a"}]}})");
}

TEST(StrategicMergePatch, ElementOrderKeepsServerOnlyItemsInPlace) {
  expect_doc(smp(R"({"spec":{"containers":[{"name":"1"},{"name":"2"},{"name":"7"},{"name":"9"},{"name":"8"},
                                          {"name":"3"},{"name":"4"}]}})",
                 R"({"spec":{"$setElementOrder/containers":[{"name":"2"},{"name":"1"},{"name":"4"},{"name":"3"}]}})"),
             R"({"spec":{"containers":[{"name":"2"},{"name":"1"},{"name":"7"},{"name":"9"},{"name":"8"},
                                      {"name":"4"},{"name":"3"}]}})");
}

TEST(StrategicMergePatch, ElementOrderOfPrimitives) {
  expect_doc(smp(R"({"metadata":{"finalizers":["1","4","2"]}})",
                 R"({"metadata":{"$setElementOrder/finalizers":["3","1","2"],"finalizers":["3"]}})"),
             R"({"metadata":{"finalizers":["3","1","4","2"]}})");
}

TEST(StrategicMergePatch, ElementOrderOnMissingListCreatesIt) {
  expect_doc(smp(R"({"spec":{}})",
                 R"({"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
                             "containers":[{"name":"b","image":"b"},{"name":"x","$patch":"delete"},{"name":"a"}]}})"),
             R"({"spec":{"containers":[{"name":"b","image":"b"},{"name":"a"}]}})");
}

TEST(StrategicMergePatch, ElementOrderMismatchFails) {
  expect_error(smp(R"({"spec":{"containers":[{"name":"1"},{"name":"3"},{"name":"2"}]}})",
                   R"({"spec":{"$setElementOrder/containers":[{"name":"1"},{"name":"2"},{"name":"3"}],
                               "containers":[{"name":"3","value":"3"},{"name":"1","value":"1"}]}})"),
               true, "doesn't match");
}

TEST(StrategicMergePatch, ElementOrderMalformed) {
  expect_error(smp(R"({"spec":{}})", R"({"spec":{"$setElementOrder/containers":{"name":"a"}}})"), true,
               "setElementOrder");
  expect_error(smp(R"({"spec":{}})", R"({"spec":{"$setElementOrder":[]}})"), true, "setElementOrder");
}

// ---- $deleteFromPrimitiveList ----

TEST(StrategicMergePatch, DeleteFromPrimitiveList) {
  expect_doc(
      smp(R"({"metadata":{"finalizers":["a","b","b","c"]}})",
          R"({"metadata":{"$setElementOrder/finalizers":["c","a"],"$deleteFromPrimitiveList/finalizers":["b","zz"]}})"),
      R"({"metadata":{"finalizers":["c","a"]}})");
}

TEST(StrategicMergePatch, DeleteFromPrimitiveListWithAddition) {
  expect_doc(smp(R"({"metadata":{"finalizers":["a","b"]}})",
                 R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["c"]}})"),
             R"({"metadata":{"finalizers":["c","b"]}})");
}

TEST(StrategicMergePatch, DeleteFromMissingPrimitiveListAddsNothing) {
  expect_doc(smp(R"({"metadata":{"name":"x"}})", R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}})"),
             R"({"metadata":{"name":"x"}})");
}

TEST(StrategicMergePatch, DeleteFromPrimitiveListMalformedKey) {
  expect_error(smp(R"({"metadata":{}})", R"({"metadata":{"$deleteFromPrimitiveList":["a"]}})"), true,
               "invalid patch format of primitive list");
}

// ---- $retainKeys ----

TEST(StrategicMergePatch, RetainKeysClearsOtherFields) {
  expect_doc(smp(R"({"spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}})",
                 R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})", "Deployment"),
             R"({"spec":{"replicas":1,"strategy":{"type":"Recreate"}}})");
}

TEST(StrategicMergePatch, RetainKeysInListElement) {
  expect_doc(smp(R"({"spec":{"volumes":[{"name":"v","emptyDir":{}},{"name":"w","emptyDir":{}}]}})",
                 R"({"spec":{"volumes":[{"$retainKeys":["configMap","name"],"name":"v","configMap":{"name":"cm"}}]}})"),
             R"({"spec":{"volumes":[{"name":"v","configMap":{"name":"cm"}},{"name":"w","emptyDir":{}}]}})");
}

TEST(StrategicMergePatch, RetainKeysMustCoverPatchedFields) {
  expect_error(
      smp(R"({"spec":{"strategy":{}}})",
          R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":{}}}})", "Deployment"),
      true, "retainKeys");
  expect_error(smp(R"({"spec":{"strategy":{}}})", R"({"spec":{"strategy":{"$retainKeys":"type"}}})", "Deployment"),
               true, "retainKeys");
}

// ---- other errors ----

TEST(StrategicMergePatch, MergeKeyMissingFails) {
  expect_error(smp(R"({"spec":{"containers":[{"name":"a"}]}})", R"({"spec":{"containers":[{"image":"b"}]}})"), true,
               "does not contain declared merge key: name");
}

TEST(StrategicMergePatch, IncompatibleListElementsFail) {
  expect_error(smp(R"({"metadata":{"finalizers":["a"]}})", R"({"metadata":{"finalizers":[["b"]]}})"), false,
               "lists of lists");
  expect_error(smp(R"({"metadata":{"finalizers":["a"]}})", R"({"metadata":{"finalizers":[1]}})"), false,
               "not identical");
  expect_error(smp(R"({"metadata":{"finalizers":["a"]}})", R"({"metadata":{"finalizers":[{"x":1}]}})"), false,
               "not identical");
}

TEST(StrategicMergePatch, NonObjectPatchOrTargetFails) {
  expect_error(smp(R"({"a":1})", R"([{"op":"add"}])"), true, "invalid JSON document");
  expect_error(smp(R"({"a":1})", R"("x")"), true, "invalid JSON document");
  expect_error(smp(R"([1])", R"({"a":1})"), false, "not a JSON object");
}

}  // namespace
}  // namespace navarch::patch
