#include "api/kinds/apps/statefulset/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/defaults/pod_spec.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/workloads.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void defaults(json::object& sts) {
  auto& spec = child(sts, "spec");
  set_default(spec, "podManagementPolicy", "OrderedReady");
  auto& strategy = child(spec, "updateStrategy");
  if (jv::string_at(strategy, {"type"}).empty()) {
    strategy["type"] = "RollingUpdate";
    child(strategy, "rollingUpdate");
  }
  if (jv::string_at(strategy, {"type"}) == "RollingUpdate" && jv::object_at(strategy, {"rollingUpdate"}))
    set_default(child(strategy, "rollingUpdate"), "partition", 0);
  auto& retention = child(spec, "persistentVolumeClaimRetentionPolicy");
  for (auto key : {"whenDeleted", "whenScaled"})
    if (jv::string_at(retention, {key}).empty()) retention[key] = "Retain";
  set_default(spec, "replicas", 1);
  set_default(spec, "revisionHistoryLimit", 10);
  default_pod_template(spec);
  // Claim templates get a claim's defaults, and say what they are.
  for_each_object(spec, "volumeClaimTemplates", [](json::object& claim) {
    set_default(claim, "apiVersion", "v1");
    set_default(claim, "kind", "PersistentVolumeClaim");
    set_default(child(claim, "spec"), "volumeMode", "Filesystem");
    set_default(child(claim, "status"), "phase", "Pending");
  });
}

void validate(const json::value& sts, field_errors& errs) {
  auto policy = jv::string_at(sts, {"spec", "podManagementPolicy"});
  if (policy.empty()) errs.push_back(required("spec.podManagementPolicy"));
  else if (policy != "OrderedReady" && policy != "Parallel")
    errs.push_back(invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
  auto type = jv::string_at(sts, {"spec", "updateStrategy", "type"});
  bool has_rolling = jv::has(sts, {"spec", "updateStrategy", "rollingUpdate"});
  if (type.empty()) {
    errs.push_back(required("spec.updateStrategy"));
  } else if (type == "OnDelete") {
    if (has_rolling)
      errs.push_back(invalid_raw("spec.updateStrategy.rollingUpdate",
                                 json::serialize(*jv::at(sts, {"spec", "updateStrategy", "rollingUpdate"})),
                                 "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type == "RollingUpdate") {
    if (auto p = jv::int_at(sts, {"spec", "updateStrategy", "rollingUpdate", "partition"}); p && *p < 0)
      errs.push_back(invalid("spec.updateStrategy.rollingUpdate.partition", *p, "must be greater than or equal to 0"));
  } else {
    errs.push_back(invalid_raw("spec.updateStrategy", json::serialize(*jv::at(sts, {"spec", "updateStrategy"})),
                               "must be 'RollingUpdate' or 'OnDelete'"));
  }
  for (auto key : {"whenDeleted", "whenScaled"}) {
    auto v = jv::string_at(sts, {"spec", "persistentVolumeClaimRetentionPolicy", key});
    if (!v.empty() && v != "Retain" && v != "Delete")
      errs.push_back(not_supported("spec.persistentVolumeClaimRetentionPolicy." + std::string(key), v, {"Delete", "Retain"}));
  }
  validate_non_negative(sts, "replicas", errs);
  validate_non_negative(sts, "minReadySeconds", errs);
  if (auto start = jv::int_at(sts, {"spec", "ordinals", "start"}); start && *start < 0)
    errs.push_back(invalid("spec.ordinals.start", *start, "must be greater than or equal to 0"));
  validate_template_selector("statefulset", sts, errs);
  validate_replicated_template("StatefulSet", sts, errs);
}

// Only these spec fields may change; everything else in the spec is fixed at creation.
void validate_update(const json::value& sts, const json::value& old, field_errors& errs) {
  auto mutable_removed = [](const json::value& obj) {
    json::object spec = jv::object_at(obj, {"spec"}) ? *jv::object_at(obj, {"spec"}) : json::object{};
    for (auto key : {"replicas", "template", "updateStrategy", "minReadySeconds", "ordinals", "revisionHistoryLimit",
                     "persistentVolumeClaimRetentionPolicy"})
      spec.erase(key);
    return spec;
  };
  if (mutable_removed(sts) != mutable_removed(old))
    errs.push_back(forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                                     "'template', 'updateStrategy', 'revisionHistoryLimit', "
                                     "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
}

void cells_of(const json::value& sts, std::chrono::system_clock::time_point now, json::array& out) {
  auto [names, images] = cells::containers_and_images(jv::at(sts, {"spec", "template", "spec"}));
  out.push_back(json::string(cells::name_of(sts)));
  out.push_back(json::string(std::to_string(jv::int_at(sts, {"status", "readyReplicas"}).value_or(0)) + "/" +
                             std::to_string(jv::int_at(sts, {"spec", "replicas"}).value_or(1))));
  out.push_back(json::string(cells::age_of(sts, now)));
  out.push_back(json::string(names));
  out.push_back(json::string(images));
}

}  // namespace

kind_strategy stateful_set_strategy() {
  kind_strategy s;
  s.group = "apps";
  s.kind = "StatefulSet";
  s.plural = "statefulsets";
  s.singular = "statefulset";
  s.short_names = {"sts"};
  s.categories = {"all"};
  s.has_status = true;
  s.has_scale = true;
  s.name_rule = name_is_dns1123_label;  // pod names and hostnames derive from it
  s.prepare_for_create = clear_status;
  s.defaults = defaults;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::workload;
  s.table = {{name_column(), column("Ready", "Number of the pod with ready state"), age_column(), containers_column(),
              images_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
