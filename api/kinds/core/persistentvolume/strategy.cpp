#include "api/kinds/core/persistentvolume/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/core/volume_claims.hpp"
#include "api/defaults/defaulting.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

// The fields of PersistentVolumeSource: exactly one is set.
constexpr std::string_view volume_sources[] = {
    "gcePersistentDisk", "awsElasticBlockStore", "hostPath",  "glusterfs",    "nfs",        "rbd",
    "iscsi",             "cinder",               "cephfs",    "fc",           "flocker",    "flexVolume",
    "azureFile",         "vsphereVolume",        "quobyte",   "azureDisk",    "photonPersistentDisk",
    "portworxVolume",    "scaleIO",              "local",     "storageos",    "csi"};

void validate_source(const json::value& spec, std::string_view name, field_errors& errs) {
  std::string path = "spec." + std::string(name);
  const auto& src = *jv::at(spec, {name});
  auto need = [&](std::string_view field) {
    if (jv::string_at(src, {field}).empty()) errs.push_back(required(path + "." + std::string(field)));
  };
  if (name == "hostPath" || name == "local") need("path");
  else if (name == "nfs") {
    need("server");
    need("path");
  } else if (name == "csi") {
    need("driver");
    need("volumeHandle");
  }
}

void validate(const json::value& pv, field_errors& errs) {
  static const json::value empty = json::object{};
  const json::value& spec = jv::at(pv, {"spec"}) ? *jv::at(pv, {"spec"}) : empty;
  volumes::validate_access_modes(spec, "spec", "", errs);
  const auto* capacity = jv::object_at(spec, {"capacity"});
  if (!capacity || capacity->empty()) errs.push_back(required("spec.capacity"));
  if (!capacity || !capacity->contains("storage") || capacity->size() > 1)
    errs.push_back(field_error{field_error_type::not_supported, "spec.capacity",
                               capacity ? json::serialize(*capacity) : "null", "supported values: \"storage\""});
  if (capacity)
    for (const auto& [k, q] : *capacity) volumes::validate_positive_quantity(&q, key_path("spec.capacity", k), errs);
  volumes::validate_class_and_mode(spec, "spec", errs);
  if (jv::has(spec, {"persistentVolumeReclaimPolicy"}))
    validate_enum(jv::string_at(spec, {"persistentVolumeReclaimPolicy"}), "spec.persistentVolumeReclaimPolicy",
                  {"Delete", "Recycle", "Retain"}, errs, false);
  int sources = 0;
  for (auto name : volume_sources) {
    if (!jv::has(spec, {name})) continue;
    if (sources++ > 0) {
      errs.push_back(forbidden("spec." + std::string(name), "may not specify more than 1 volume type"));
      continue;
    }
    validate_source(spec, name, errs);
  }
  if (sources == 0) errs.push_back(required("spec", "must specify a volume type"));
}

void validate_update(const json::value& pv, const json::value& old, field_errors& errs) {
  static const json::value none;
  for (auto name : volume_sources) {
    const auto* a = jv::at(pv, {"spec", name});
    const auto* b = jv::at(old, {"spec", name});
    if ((a ? *a : none) != (b ? *b : none)) {
      errs.push_back(forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation"));
      break;
    }
  }
  validate_immutable(jv::at(pv, {"spec", "volumeMode"}), jv::at(old, {"spec", "volumeMode"}), "volumeMode", errs);
}

void defaults(json::object& pv) {
  auto& spec = child(pv, "spec");
  set_default(spec, "persistentVolumeReclaimPolicy", "Retain");
  set_default(spec, "volumeMode", "Filesystem");
  set_default(child(pv, "status"), "phase", "Pending");
}

std::string or_unset(const json::value& obj, std::string_view key) {
  return jv::has(obj, {"spec", key}) ? std::string(jv::string_at(obj, {"spec", key})) : "<unset>";
}

void cells_of(const json::value& pv, std::chrono::system_clock::time_point now, json::array& out) {
  std::string claim;
  if (jv::has(pv, {"spec", "claimRef"}))
    claim = std::string(jv::string_at(pv, {"spec", "claimRef", "namespace"})) + "/" +
            std::string(jv::string_at(pv, {"spec", "claimRef", "name"}));
  std::string phase(jv::string_at(pv, {"status", "phase"}));
  if (jv::has(pv, {"metadata", "deletionTimestamp"})) phase = "Terminating";
  out.push_back(json::string(cells::name_of(pv)));
  out.push_back(json::string(volumes::quantity_text(jv::at(pv, {"spec", "capacity", "storage"}))));
  out.push_back(json::string(volumes::access_modes_text(jv::at(pv, {"spec", "accessModes"}))));
  out.push_back(json::string(jv::string_at(pv, {"spec", "persistentVolumeReclaimPolicy"})));
  out.push_back(json::string(phase));
  out.push_back(json::string(claim));
  out.push_back(json::string(volumes::storage_class_of(pv)));
  out.push_back(json::string(or_unset(pv, "volumeAttributesClassName")));
  out.push_back(json::string(jv::string_at(pv, {"status", "reason"})));
  out.push_back(json::string(cells::age_of(pv, now)));
  out.push_back(json::string(or_unset(pv, "volumeMode")));
}

}  // namespace

kind_strategy persistent_volume_strategy() {
  kind_strategy s;
  s.kind = "PersistentVolume";
  s.plural = "persistentvolumes";
  s.singular = "persistentvolume";
  s.namespaced = false;
  s.short_names = {"pv"};
  s.has_status = true;
  s.prepare_for_create = clear_status;
  s.defaults = defaults;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column("Capacity", "capacity is the description of the persistent volume's resources and capacity. "
                                 "More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
              column("Access Modes", "accessModes contains all ways the volume can be mounted. More info: "
                                     "https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes"),
              column("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume "
                                       "when released from its claim. Valid options are Retain (default for manually "
                                       "created PersistentVolumes), Delete (default for dynamically provisioned "
                                       "PersistentVolumes), and Recycle (deprecated). Recycle must be supported by "
                                       "the volume plugin underlying this PersistentVolume. More info: "
                                       "https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming"),
              column("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim. "
                               "More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase"),
              column("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and "
                              "PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the "
                              "authoritative bind between PV and PVC. More info: "
                              "https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding"),
              column("StorageClass", "StorageClass of the pv"),
              column("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
              column("Reason", "reason is a brief CamelCase string that describes any failure and is meant for "
                               "machine parsing and tidy display in the CLI."),
              age_column(),
              column("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted "
                                   "filesystem or to remain in raw block state. Value of Filesystem is implied when "
                                   "not included in spec.",
                     "string", 1)},
             cells_of};
  return s;
}

}  // namespace navarch::api
