// meta/v1 (k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto): the messages every kind shares.
#include "api/protobuf/schema.hpp"

namespace navarch::api::protobuf::meta {

namespace {
using k = value_kind;

constexpr field owner_reference_fields[] = {
    str(5, "apiVersion"), str(1, "kind"), str(3, "name"), str(4, "uid"), boolp(6, "controller"),
    boolp(7, "blockOwnerDeletion")};
constinit const message owner_reference{"OwnerReference", owner_reference_fields};

constexpr field managed_fields_entry_fields[] = {
    str(1, "manager"), str(2, "operation"), str(3, "apiVersion"), of_kind(4, "time", k::time),
    str(6, "fieldsType"), of_kind(7, "fieldsV1", k::raw_json), str(8, "subresource")};
constinit const message managed_fields_entry{"ManagedFieldsEntry", managed_fields_entry_fields};

constexpr field object_meta_fields[] = {
    str(1, "name"), str(2, "generateName"), str(3, "namespace"), str(4, "selfLink"), str(5, "uid"),
    str(6, "resourceVersion"), i64(7, "generation"), of_kind(8, "creationTimestamp", k::time),
    of_kind(9, "deletionTimestamp", k::time), i64p(10, "deletionGracePeriodSeconds"),
    map_of(11, "labels", k::map_string), map_of(12, "annotations", k::map_string),
    msgs(13, "ownerReferences", &owner_reference), strs(14, "finalizers"),
    msgs(17, "managedFields", &managed_fields_entry)};

constexpr field label_selector_requirement_fields[] = {str(1, "key"), str(2, "operator"), strs(3, "values")};
constexpr field label_selector_fields[] = {map_of(1, "matchLabels", k::map_string),
                                           msgs(2, "matchExpressions", &label_selector_requirement)};
}  // namespace

constinit const message object_meta{"ObjectMeta", object_meta_fields};
constinit const message label_selector_requirement{"LabelSelectorRequirement", label_selector_requirement_fields};
constinit const message label_selector{"LabelSelector", label_selector_fields};

}  // namespace navarch::api::protobuf::meta
