#include "api/kinds/storage/csidriver/strategy.hpp"

#include <set>

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/kinds/storage/csi_names.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void defaults(json::object& d) {
  auto& spec = child(d, "spec");
  set_default(spec, "attachRequired", true);
  set_default(spec, "podInfoOnMount", false);
  set_default(spec, "storageCapacity", false);
  set_default(spec, "fsGroupPolicy", "ReadWriteOnceWithFSType");
  if (!jv::array_at(spec, {"volumeLifecycleModes"}) || jv::array_at(spec, {"volumeLifecycleModes"})->empty())
    spec["volumeLifecycleModes"] = json::array{"Persistent"};
  set_default(spec, "requiresRepublish", false);
  set_default(spec, "seLinuxMount", false);
}

void validate_token_requests(const json::value& d, field_errors& errs) {
  const auto* reqs = jv::array_at(d, {"spec", "tokenRequests"});
  if (!reqs) return;
  std::set<std::string> audiences;
  for (size_t i = 0; i < reqs->size(); ++i) {
    std::string path = index_path("spec.tokenRequests", i);
    auto audience = jv::string_at((*reqs)[i], {"audience"});
    if (!audiences.insert(std::string(audience)).second) {
      errs.push_back(duplicate(path + ".audience", audience));
      continue;
    }
    auto seconds = jv::int_at((*reqs)[i], {"expirationSeconds"});
    if (!seconds) continue;
    if (*seconds < 600)
      errs.push_back(invalid(path + ".expirationSeconds", *seconds, "may not specify a duration less than 10 minutes"));
    if (*seconds > (int64_t{1} << 32))
      errs.push_back(invalid(path + ".expirationSeconds", *seconds, "may not specify a duration larger than 2^32 seconds"));
  }
}

void validate(const json::value& d, field_errors& errs) {
  // Kubernetes reports a missing attachRequired under this misspelt path.
  if (!jv::has(d, {"spec", "attachRequired"})) errs.push_back(required("spec.attachedRequired"));
  if (jv::has(d, {"spec", "fsGroupPolicy"}))
    validate_enum(jv::string_at(d, {"spec", "fsGroupPolicy"}), "spec.fsGroupPolicy",
                  {"File", "None", "ReadWriteOnceWithFSType"}, errs, false);
  validate_token_requests(d, errs);
  if (const auto* modes = jv::array_at(d, {"spec", "volumeLifecycleModes"}))
    for (const auto& m : *modes) {
      std::string_view mode = m.is_string() ? std::string_view(m.get_string()) : std::string_view();
      if (mode != "Persistent" && mode != "Ephemeral")
        errs.push_back(not_supported("spec.volumeLifecycleModes", mode, {"Persistent", "Ephemeral"}));
    }
}

void validate_update(const json::value& d, const json::value& old, field_errors& errs) {
  validate_immutable(jv::at(d, {"spec", "attachRequired"}), jv::at(old, {"spec", "attachRequired"}),
                     "spec.attachedRequired", errs);
  validate_immutable(jv::at(d, {"spec", "volumeLifecycleModes"}), jv::at(old, {"spec", "volumeLifecycleModes"}),
                     "spec.volumeLifecycleModes", errs);
}

bool bool_or(const json::value& d, std::string_view key, bool fallback) {
  const auto* v = jv::at(d, {"spec", key});
  return v && v->is_bool() ? v->get_bool() : fallback;
}

void cells_of(const json::value& d, std::chrono::system_clock::time_point now, json::array& out) {
  std::string tokens = "<unset>";
  if (const auto* reqs = jv::array_at(d, {"spec", "tokenRequests"})) {
    std::vector<std::string> audiences;
    for (const auto& r : *reqs) audiences.emplace_back(jv::string_at(r, {"audience"}));
    tokens = cells::join(audiences, ",");
  }
  std::vector<std::string> modes;
  if (const auto* m = jv::array_at(d, {"spec", "volumeLifecycleModes"}))
    for (const auto& x : *m) modes.emplace_back(x.is_string() ? std::string_view(x.get_string()) : "");
  std::string modes_text = cells::join(modes, ",");
  out.push_back(json::string(cells::name_of(d)));
  out.push_back(bool_or(d, "attachRequired", true));
  out.push_back(bool_or(d, "podInfoOnMount", false));
  out.push_back(bool_or(d, "storageCapacity", false));
  out.push_back(json::string(tokens));
  out.push_back(bool_or(d, "requiresRepublish", false));
  out.push_back(json::string(modes_text.empty() ? "<none>" : modes_text));
  out.push_back(json::string(cells::age_of(d, now)));
}

}  // namespace

kind_strategy csi_driver_strategy() {
  kind_strategy s;
  s.group = "storage.k8s.io";
  s.kind = "CSIDriver";
  s.plural = "csidrivers";
  s.singular = "csidriver";
  s.namespaced = false;
  s.name_rule = storage::csi_driver_name;
  s.defaults = defaults;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column("AttachRequired", "attachRequired indicates this CSI volume driver requires an attach operation "
                                       "(because it implements the CSI ControllerPublishVolume() method), and that "
                                       "the Kubernetes attach detach controller should call the attach volume "
                                       "interface which checks the volumeattachment status and waits until the "
                                       "volume is attached before proceeding to mounting.",
                     "boolean"),
              column("PodInfoOnMount", "podInfoOnMount indicates this CSI volume driver requires additional pod "
                                       "information (like podName, podUID, etc.) during mount operations.",
                     "boolean"),
              column("StorageCapacity", "storageCapacity indicates that the CSI volume driver wants pod scheduling "
                                        "to consider the storage capacity that the driver deployment will report.",
                     "boolean"),
              column("TokenRequests", "tokenRequests indicates the CSI driver needs pods' service account tokens it "
                                      "is mounting volume for to do necessary authentication."),
              column("RequiresRepublish", "requiresRepublish indicates the CSI driver wants `NodePublishVolume` being "
                                          "periodically called to reflect any possible change in the mounted volume.",
                     "boolean"),
              column("Modes", "volumeLifecycleModes defines what kind of volumes this CSI volume driver supports."),
              age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
