#include "api/kinds/batch/job/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/defaults/pod_spec.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/age.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/validation/pod.hpp"
#include "api/validation/workloads.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr std::string_view controller_uid_label = "batch.kubernetes.io/controller-uid";

// A new Job's status starts empty; it selects its pods by its own uid unless the user manages the selector.
void prepare_for_create(json::object& obj, const create_context& ctx) {
  clear_status(obj, ctx);
  auto& spec = child(obj, "spec");
  if (spec.contains("manualSelector") && spec["manualSelector"] == json::value(true)) return;
  spec["selector"] = json::object{{"matchLabels", json::object{{controller_uid_label, ctx.uid}}}};
  child(child(child(spec, "template"), "metadata"), "labels")[controller_uid_label] = ctx.uid;
}

void defaults(json::object& obj) {
  auto& spec = child(obj, "spec");
  set_default(spec, "parallelism", 1);
  set_default(spec, "completions", 1);
  set_default(spec, "backoffLimit", 6);
  set_default(spec, "completionMode", "NonIndexed");
  set_default(spec, "suspend", false);
  default_pod_template(spec);
}

void validate(const json::value& obj, field_errors& errs) {
  validate_template_selector("job", obj, errs);
  for (auto field : {"parallelism", "completions", "backoffLimit", "activeDeadlineSeconds"})
    validate_non_negative(obj, field, errs);
  validate_pod_template(jv::at(obj, {"spec", "template"}), "spec.template", {"OnFailure", "Never"}, errs);
}

// The selector, completions and the pod template of a Job are immutable.
void validate_update(const json::value& obj, const json::value& old, field_errors& errs) {
  validate_selector_unchanged(obj, old, errs);
  auto completions = jv::int_at(obj, {"spec", "completions"});
  if (completions != jv::int_at(old, {"spec", "completions"}))
    errs.push_back(completions ? invalid("spec.completions", *completions, "field is immutable")
                               : invalid_raw("spec.completions", "nil", "field is immutable"));
  static const json::value null_value;
  const auto* tmpl = jv::at(obj, {"spec", "template"});
  const auto* old_tmpl = jv::at(old, {"spec", "template"});
  if ((tmpl ? *tmpl : null_value) != (old_tmpl ? *old_tmpl : null_value))
    errs.push_back(invalid_raw("spec.template", tmpl ? json::serialize(*tmpl) : "null", "field is immutable"));
}

bool condition_true(const json::value& obj, std::string_view type) {
  if (const auto* conds = jv::array_at(obj, {"status", "conditions"}))
    for (const auto& c : *conds)
      if (jv::string_at(c, {"type"}) == type && jv::string_at(c, {"status"}) == "True") return true;
  return false;
}

void job_cells(const json::value& j, std::chrono::system_clock::time_point now, json::array& out) {
  std::string status = "Running";
  if (condition_true(j, "Complete")) status = "Complete";
  else if (condition_true(j, "Failed")) status = "Failed";
  else if (jv::has(j, {"metadata", "deletionTimestamp"})) status = "Terminating";
  else if (condition_true(j, "Suspended")) status = "Suspended";
  else if (condition_true(j, "FailureTarget")) status = "FailureTarget";
  else if (condition_true(j, "SuccessCriteriaMet")) status = "SuccessCriteriaMet";

  int64_t succeeded = jv::int_at(j, {"status", "succeeded"}).value_or(0);
  std::string completions;
  if (auto c = jv::int_at(j, {"spec", "completions"})) {
    completions = std::to_string(succeeded) + "/" + std::to_string(*c);
  } else if (auto par = jv::int_at(j, {"spec", "parallelism"}).value_or(0); par > 1) {
    completions = std::to_string(succeeded) + "/1 of " + std::to_string(par);
  } else {
    completions = std::to_string(succeeded) + "/1";
  }

  std::string duration;
  auto start = parse_rfc3339(jv::string_at(j, {"status", "startTime"}));
  auto done = parse_rfc3339(jv::string_at(j, {"status", "completionTime"}));
  if (start) duration = human_duration((done ? *done : now) - *start);

  out.push_back(json::string(cells::name_of(j)));
  out.push_back(json::string(status));
  out.push_back(json::string(completions));
  out.push_back(json::string(duration));
  out.push_back(json::string(cells::age_of(j, now)));
  cells::template_wide_cells(j, cells::spec_selector_text(j), out);
}

printer job_printer() {
  return {{name_column(), column("Status", "Status of the job."),
           column("Completions", "The number of pods which reached phase Succeeded."),
           column("Duration", "Time required to complete the job."), age_column(), containers_column(),
           images_column(), column("Selector", "A label query over pods that should match the pod count.", "string", 1)},
          job_cells};
}

}  // namespace

kind_strategy job_strategy() {
  kind_strategy k;
  k.group = "batch";
  k.kind = "Job";
  k.plural = "jobs";
  k.singular = "job";
  k.categories = {"all"};
  k.has_status = true;
  k.prepare_for_create = prepare_for_create;
  k.defaults = defaults;
  k.validate = validate;
  k.validate_update = validate_update;
  k.selectable_fields = {{"status.successful", {"status", "succeeded"}, "0"}};
  k.smp = &patch::workload;
  k.table = job_printer();
  return k;
}

}  // namespace navarch::api
