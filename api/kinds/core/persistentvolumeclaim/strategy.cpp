#include "api/kinds/core/persistentvolumeclaim/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/core/volume_claims.hpp"
#include "api/defaults/defaulting.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/quantity/quantity.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void validate(const json::value& pvc, field_errors& errs) {
  static const json::value empty = json::object{};
  const json::value& spec = jv::at(pvc, {"spec"}) ? *jv::at(pvc, {"spec"}) : empty;
  volumes::validate_access_modes(spec, "spec", "at least 1 access mode is required", errs);
  validate_label_selector(jv::at(spec, {"selector"}), "spec.selector", errs);
  const auto* storage = jv::at(spec, {"resources", "requests", "storage"});
  if (!storage) errs.push_back(required("spec.resources[requests.storage]"));
  else volumes::validate_positive_quantity(storage, "spec.resources[storage]", errs);
  volumes::validate_class_and_mode(spec, "spec", errs);
}

int64_t storage_request(const json::value& pvc) {
  auto q = parse_quantity_milli_value(volumes::quantity_text(jv::at(pvc, {"spec", "resources", "requests", "storage"})));
  return q.ok() ? q.value : 0;
}

// The spec is fixed, but for binding a volume once, the storage request of a bound claim (it may grow) and the
// volume attributes class.
void validate_update(const json::value& pvc, const json::value& old, field_errors& errs) {
  json::object now_spec = jv::object_at(pvc, {"spec"}) ? *jv::object_at(pvc, {"spec"}) : json::object{};
  json::object old_spec = jv::object_at(old, {"spec"}) ? *jv::object_at(old, {"spec"}) : json::object{};
  if (jv::string_at(old, {"spec", "volumeName"}).empty()) {
    if (const auto* v = now_spec.if_contains("volumeName")) old_spec["volumeName"] = *v;
    else old_spec.erase("volumeName");
  }
  now_spec.erase("volumeAttributesClassName");
  old_spec.erase("volumeAttributesClassName");
  if (jv::string_at(pvc, {"status", "phase"}) == "Bound" && jv::object_at(pvc, {"spec", "resources", "requests"})) {
    auto& requests = child(child(now_spec, "resources"), "requests");
    if (const auto* before = jv::at(old, {"spec", "resources", "requests", "storage"})) requests["storage"] = *before;
    else requests.erase("storage");
  }
  if (now_spec != old_spec)
    errs.push_back(forbidden("spec", "spec is immutable after creation except resources.requests and "
                                     "volumeAttributesClassName for bound claims"));
  if (storage_request(pvc) < storage_request(old))
    errs.push_back(forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
}

void defaults(json::object& pvc) {
  set_default(child(pvc, "spec"), "volumeMode", "Filesystem");
  set_default(child(pvc, "status"), "phase", "Pending");
}

void cells_of(const json::value& pvc, std::chrono::system_clock::time_point now, json::array& out) {
  std::string phase(jv::string_at(pvc, {"status", "phase"}));
  if (jv::has(pvc, {"metadata", "deletionTimestamp"})) phase = "Terminating";
  std::string capacity, modes;
  auto volume = jv::string_at(pvc, {"spec", "volumeName"});
  if (!volume.empty()) {
    modes = volumes::access_modes_text(jv::at(pvc, {"status", "accessModes"}));
    capacity = volumes::quantity_text(jv::at(pvc, {"status", "capacity", "storage"}));
  }
  out.push_back(json::string(cells::name_of(pvc)));
  out.push_back(json::string(phase));
  out.push_back(json::string(volume));
  out.push_back(json::string(capacity));
  out.push_back(json::string(modes));
  out.push_back(json::string(volumes::storage_class_of(pvc)));
  out.push_back(json::string(jv::has(pvc, {"spec", "volumeAttributesClassName"})
                                 ? jv::string_at(pvc, {"spec", "volumeAttributesClassName"})
                                 : std::string_view("<unset>")));
  out.push_back(json::string(cells::age_of(pvc, now)));
  out.push_back(json::string(jv::has(pvc, {"spec", "volumeMode"}) ? jv::string_at(pvc, {"spec", "volumeMode"})
                                                                   : std::string_view("<unset>")));
}

}  // namespace

kind_strategy persistent_volume_claim_strategy() {
  kind_strategy s;
  s.kind = "PersistentVolumeClaim";
  s.plural = "persistentvolumeclaims";
  s.singular = "persistentvolumeclaim";
  s.short_names = {"pvc"};
  s.has_status = true;
  s.prepare_for_create = clear_status;
  s.defaults = defaults;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_and_conditions;
  s.table = {{name_column(),
              column("Status", "phase represents the current phase of PersistentVolumeClaim."),
              column("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim."),
              column("Capacity", "capacity represents the actual resources of the underlying volume."),
              column("Access Modes", "accessModes contains the actual access modes the volume backing the PVC has. "
                                     "More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1"),
              column("StorageClass", "StorageClass of the pvc"),
              column("VolumeAttributesClass", "VolumeAttributesClass of the pvc"), age_column(),
              column("VolumeMode", "volumeMode defines what type of volume is required by the claim. Value of "
                                   "Filesystem is implied when not included in claim spec.",
                     "string", 1)},
             cells_of};
  return s;
}

}  // namespace navarch::api
