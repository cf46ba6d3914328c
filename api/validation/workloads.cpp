#include "api/validation/workloads.hpp"

#include <boost/json.hpp>

#include "api/selectors/label_selector.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/pod.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void non_negative(const json::value& obj, std::string_view key, field_errors& errs) {
  if (auto v = jv::int_at(obj, {"spec", key}); v && *v < 0)
    errs.push_back(invalid("spec." + std::string(key), *v, "must be greater than or equal to 0"));
}

// The selector must be set, non-empty, well formed, and select the template's labels.
void validate_selector(std::string_view kind_word, const json::value& obj, field_errors& errs) {
  const auto* sel = jv::at(obj, {"spec", "selector"});
  if (!sel || sel->is_null()) {
    errs.push_back(required("spec.selector"));
    return;
  }
  auto parsed = label_selector_from_json(*sel);
  if (!parsed.ok()) {
    errs.push_back(invalid_raw("spec.selector", json::serialize(*sel), parsed.error));
    return;
  }
  if (parsed.selector.empty()) {
    errs.push_back(invalid_raw("spec.selector", json::serialize(*sel),
                               "empty selector is invalid for " + std::string(kind_word)));
    return;
  }
  const auto* labels = jv::object_at(obj, {"spec", "template", "metadata", "labels"});
  if (!matches(parsed.selector, labels))
    errs.push_back(invalid_raw("spec.template.metadata.labels", go_string_map(labels),
                               "`selector` does not match template `labels`"));
}

}  // namespace

void validate_workload(std::string_view resource, const json::value& obj, field_errors& errs) {
  const auto* tmpl = jv::at(obj, {"spec", "template"});
  if (resource == "jobs") {
    validate_selector("job", obj, errs);
    for (auto key : {"parallelism", "completions", "backoffLimit", "activeDeadlineSeconds"}) non_negative(obj, key, errs);
    validate_pod_template(tmpl, "spec.template", {"OnFailure", "Never"}, errs);
    return;
  }
  std::string_view kind_word = resource == "deployments" ? "deployment"
                               : resource == "daemonsets" ? "daemonset"
                                                          : "replicaset";
  validate_selector(kind_word, obj, errs);
  if (resource != "daemonsets") non_negative(obj, "replicas", errs);
  non_negative(obj, "minReadySeconds", errs);
  if (resource == "deployments") {
    non_negative(obj, "revisionHistoryLimit", errs);
    if (jv::has(obj, {"spec", "strategy", "type"})) {
      auto type = jv::string_at(obj, {"spec", "strategy", "type"});
      if (type != "Recreate" && type != "RollingUpdate")
        errs.push_back(not_supported("spec.strategy.type", type, {"Recreate", "RollingUpdate"}));
    }
  }
  validate_pod_template(tmpl, "spec.template", {"Always"}, errs);
  if (tmpl && jv::has(*tmpl, {"spec", "activeDeadlineSeconds"}))
    errs.push_back(forbidden("spec.template.spec.activeDeadlineSeconds",
                             "activeDeadlineSeconds in " +
                                 std::string(resource == "deployments"  ? "Deployment"
                                             : resource == "daemonsets" ? "DaemonSet"
                                                                        : "ReplicaSet") +
                                 " is not Supported"));
}

void validate_workload_update(std::string_view resource, const json::value& obj, const json::value& old,
                              field_errors& errs) {
  const auto* sel = jv::at(obj, {"spec", "selector"});
  const auto* old_sel = jv::at(old, {"spec", "selector"});
  static const json::value null_value;
  if ((sel ? *sel : null_value) != (old_sel ? *old_sel : null_value))
    errs.push_back(invalid_raw("spec.selector", sel ? json::serialize(*sel) : "null", "field is immutable"));
  if (resource == "jobs") {
    auto completions = jv::int_at(obj, {"spec", "completions"});
    if (completions != jv::int_at(old, {"spec", "completions"}))
      errs.push_back(completions ? invalid("spec.completions", *completions, "field is immutable")
                                 : invalid_raw("spec.completions", "nil", "field is immutable"));
    const auto* tmpl = jv::at(obj, {"spec", "template"});
    const auto* old_tmpl = jv::at(old, {"spec", "template"});
    if ((tmpl ? *tmpl : null_value) != (old_tmpl ? *old_tmpl : null_value))
      errs.push_back(invalid_raw("spec.template", tmpl ? json::serialize(*tmpl) : "null", "field is immutable"));
  }
}

}  // namespace navarch::api
