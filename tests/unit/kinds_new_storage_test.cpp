// storage.k8s.io/v1 StorageClass, CSIDriver, CSINode, VolumeAttachment.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/kinds/storage/csidriver/strategy.hpp"
#include "api/kinds/storage/csinode/strategy.hpp"
#include "api/kinds/storage/storageclass/strategy.hpp"
#include "api/kinds/storage/volumeattachment/strategy.hpp"
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

constexpr std::string_view sc_json = R"({"metadata":{"name":"fast","creationTimestamp":"2024-05-01T11:00:00Z",
  "annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"rancher.io/local-path"})";

TEST(StorageClassTest, DefaultsValidationAndImmutability) {
  auto k = storage_class_strategy();
  EXPECT_FALSE(k.namespaced);
  EXPECT_THAT(k.short_names, ElementsAre("sc"));
  auto sc = created(k, sc_json);
  EXPECT_EQ(sc.at("reclaimPolicy"), "Delete");
  EXPECT_EQ(sc.at("volumeBindingMode"), "Immediate");
  EXPECT_THAT(create_errors(k, sc_json), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"x"},"reclaimPolicy":"Recycle","volumeBindingMode":"Later"})"),
              ElementsAre("provisioner: Required value",
                          "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"",
                          "volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", "
                          "\"WaitForFirstConsumer\""));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"fast"},"provisioner":"other.io/x","parameters":{"a":"b"},
      "reclaimPolicy":"Retain"})", sc_json),
              ElementsAre("parameters: Forbidden: updates to parameters are forbidden.",
                          "provisioner: Forbidden: updates to provisioner are forbidden.",
                          "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden."));
}

TEST(StorageClassTest, TableMarksTheDefaultClass) {
  auto k = storage_class_strategy();
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode",
                                           "AllowVolumeExpansion", "Age"));
  EXPECT_EQ(json::serialize(cells(k, json::serialize(created(k, sc_json)))),
            R"x(["fast (default)","rancher.io/local-path","Delete","Immediate",false,"60m"])x");
}

TEST(CSIDriverTest, DefaultsValidationAndTable) {
  auto k = csi_driver_strategy();
  auto d = created(k, R"({"metadata":{"name":"hostpath.csi.k8s.io","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"tokenRequests":[{"audience":"a"},{"audience":"b","expirationSeconds":3600}]}})");
  EXPECT_EQ(json::serialize(d.at("spec")),
            R"({"tokenRequests":[{"audience":"a"},{"audience":"b","expirationSeconds":3600}],"attachRequired":true,)"
            R"("podInfoOnMount":false,"storageCapacity":false,"fsGroupPolicy":"ReadWriteOnceWithFSType",)"
            R"("volumeLifecycleModes":["Persistent"],"requiresRepublish":false,"seLinuxMount":false})");
  EXPECT_THAT(column_names(k), ElementsAre("Name", "AttachRequired", "PodInfoOnMount", "StorageCapacity",
                                           "TokenRequests", "RequiresRepublish", "Modes", "Age"));
  EXPECT_EQ(json::serialize(cells(k, json::serialize(d))),
            R"(["hostpath.csi.k8s.io",true,false,false,"a,b",false,"Persistent","60m"])");
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"d.io"},"spec":{"fsGroupPolicy":"Some",
      "volumeLifecycleModes":["Forever"],"tokenRequests":[{"audience":"a","expirationSeconds":60},{"audience":"a"}]}})"),
              ElementsAre("spec.fsGroupPolicy: Unsupported value: \"Some\": supported values: \"File\", \"None\", "
                          "\"ReadWriteOnceWithFSType\"",
                          "spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration "
                          "less than 10 minutes",
                          "spec.tokenRequests[1].audience: Duplicate value: \"a\"",
                          "spec.volumeLifecycleModes: Unsupported value: \"Forever\": supported values: "
                          "\"Persistent\", \"Ephemeral\""));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"d.io"},"spec":{"attachRequired":false}})",
                            R"({"metadata":{"name":"d.io"},"spec":{}})"),
              ElementsAre("spec.attachedRequired: Invalid value: false: field is immutable"));
}

TEST(CSINodeTest, ValidationAndTable) {
  auto k = csi_node_strategy();
  constexpr std::string_view node = R"({"metadata":{"name":"n1","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"drivers":[{"name":"a.csi.io","nodeID":"n1","topologyKeys":["zone"]}]}})";
  EXPECT_THAT(create_errors(k, node), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"n1"},"spec":{"drivers":[{"name":"a.csi.io","nodeID":"x"},
      {"name":"a.csi.io","allocatable":{"count":-1}}]}})"),
              ElementsAre("spec.drivers[1].nodeID: Required value",
                          "spec.drivers[1].allocatable.count: Invalid value: -1: must be greater than or equal to 0",
                          "spec.drivers[1].name: Duplicate value: \"a.csi.io\""));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"n1"},"spec":{"drivers":[{"name":"a.csi.io","nodeID":"n2",
      "topologyKeys":["zone"]}]}})", node),
              ElementsAre("nodeID: Invalid value: \"n2\": field is immutable"));
  EXPECT_EQ(json::serialize(cells(k, node)), R"(["n1",1,"60m"])");
}

TEST(VolumeAttachmentTest, ValidationAndTable) {
  auto k = volume_attachment_strategy();
  constexpr std::string_view va = R"({"metadata":{"name":"va1","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"attacher":"a.csi.io","nodeName":"n1","source":{"persistentVolumeName":"pv1"}},
      "status":{"attached":true}})";
  EXPECT_THAT(create_errors(k, va), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"va1"},"spec":{}})"),
              ElementsAre("spec.attacher: Required value",
                          "spec.source: Required value: must specify exactly one of inlineVolumeSpec and "
                          "persistentVolumeName",
                          "spec.nodeName: Required value"));
  EXPECT_THAT(update_errors(k, R"({"metadata":{"name":"va1"},"spec":{"attacher":"a.csi.io","nodeName":"n2",
      "source":{"persistentVolumeName":"pv1"}}})", va),
              ElementsAre("spec: Invalid value: {\"attacher\":\"a.csi.io\",\"nodeName\":\"n2\",\"source\":"
                          "{\"persistentVolumeName\":\"pv1\"}}: field is immutable"));
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Attacher", "PV", "Node", "Attached", "Age"));
  EXPECT_EQ(json::serialize(cells(k, va)), R"(["va1","a.csi.io","pv1","n1",true,"60m"])");
}

}  // namespace
}  // namespace navarch::api
