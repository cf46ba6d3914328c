#include "api/kinds/storage/storageclass/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void defaults(json::object& sc) {
  set_default(sc, "reclaimPolicy", "Delete");
  set_default(sc, "volumeBindingMode", "Immediate");
}

void validate(const json::value& sc, field_errors& errs) {
  auto provisioner = jv::string_at(sc, {"provisioner"});
  if (provisioner.empty()) errs.push_back(required("provisioner"));
  else
    for (const auto& m : check_qualified_name(ascii_lowercase(provisioner)))
      errs.push_back(invalid("provisioner", ascii_lowercase(provisioner), m));
  validate_enum(jv::string_at(sc, {"reclaimPolicy"}), "reclaimPolicy", {"Delete", "Retain"}, errs, false);
  validate_enum(jv::string_at(sc, {"volumeBindingMode"}), "volumeBindingMode", {"Immediate", "WaitForFirstConsumer"},
                errs);
}

void validate_update(const json::value& sc, const json::value& old, field_errors& errs) {
  static const json::value none;
  const auto* params = jv::at(sc, {"parameters"});
  const auto* old_params = jv::at(old, {"parameters"});
  if ((params ? *params : none) != (old_params ? *old_params : none))
    errs.push_back(forbidden("parameters", "updates to parameters are forbidden."));
  if (jv::string_at(sc, {"provisioner"}) != jv::string_at(old, {"provisioner"}))
    errs.push_back(forbidden("provisioner", "updates to provisioner are forbidden."));
  if (jv::string_at(sc, {"reclaimPolicy"}) != jv::string_at(old, {"reclaimPolicy"}))
    errs.push_back(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
  validate_immutable(jv::at(sc, {"volumeBindingMode"}), jv::at(old, {"volumeBindingMode"}), "volumeBindingMode", errs);
}

bool is_default_class(const json::value& sc) {
  return jv::string_at(sc, {"metadata", "annotations", "storageclass.kubernetes.io/is-default-class"}) == "true" ||
         jv::string_at(sc, {"metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class"}) == "true";
}

void cells_of(const json::value& sc, std::chrono::system_clock::time_point now, json::array& out) {
  auto reclaim = jv::string_at(sc, {"reclaimPolicy"});
  auto binding = jv::string_at(sc, {"volumeBindingMode"});
  out.push_back(json::string(cells::name_of(sc) + (is_default_class(sc) ? " (default)" : "")));
  out.push_back(json::string(jv::string_at(sc, {"provisioner"})));
  out.push_back(json::string(reclaim.empty() ? "Delete" : reclaim));
  out.push_back(json::string(binding.empty() ? "Immediate" : binding));
  out.push_back(jv::bool_at(sc, {"allowVolumeExpansion"}));
  out.push_back(json::string(cells::age_of(sc, now)));
}

}  // namespace

kind_strategy storage_class_strategy() {
  kind_strategy s;
  s.group = "storage.k8s.io";
  s.kind = "StorageClass";
  s.plural = "storageclasses";
  s.singular = "storageclass";
  s.namespaced = false;
  s.short_names = {"sc"};
  s.defaults = defaults;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column("Provisioner", "provisioner indicates the type of the provisioner."),
              column("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned "
                                      "PersistentVolumes of this storage class. Defaults to Delete."),
              column("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should be "
                                          "provisioned and bound.  When unset, VolumeBindingImmediate is used. This "
                                          "field is only honored by servers that enable the VolumeScheduling feature."),
              column("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow volume "
                                             "expand."),
              age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
