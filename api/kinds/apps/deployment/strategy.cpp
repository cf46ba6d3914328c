#include "api/kinds/apps/deployment/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/defaults/pod_spec.hpp"
#include "api/kinds/apps/rolling_update.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/selectors/label_selector.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/validation/workloads.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void defaults(json::object& obj) {
  auto& spec = child(obj, "spec");
  set_default(spec, "replicas", 1);
  default_rolling_update(spec, "strategy", "25%", "25%");
  set_default(spec, "revisionHistoryLimit", 10);
  set_default(spec, "progressDeadlineSeconds", 600);
  default_pod_template(spec);
}

void validate(const json::value& obj, field_errors& errs) {
  validate_template_selector("deployment", obj, errs);
  for (auto field : {"replicas", "minReadySeconds", "revisionHistoryLimit"}) validate_non_negative(obj, field, errs);
  if (jv::has(obj, {"spec", "strategy", "type"})) {
    auto type = jv::string_at(obj, {"spec", "strategy", "type"});
    if (type != "Recreate" && type != "RollingUpdate")
      errs.push_back(not_supported("spec.strategy.type", type, {"Recreate", "RollingUpdate"}));
  }
  validate_replicated_template("Deployment", obj, errs);
}

void deployment_cells(const json::value& d, std::chrono::system_clock::time_point now, json::array& out) {
  auto status = [&](std::string_view key) { return jv::int_at(d, {"status", key}).value_or(0); };
  out.push_back(json::string(cells::name_of(d)));
  out.push_back(json::string(std::to_string(status("readyReplicas")) + "/" +
                             std::to_string(jv::int_at(d, {"spec", "replicas"}).value_or(1))));
  out.push_back(status("updatedReplicas"));
  out.push_back(status("availableReplicas"));
  out.push_back(json::string(cells::age_of(d, now)));
  // printDeployment prints selector.String(): "" when empty, "<invalid>" when malformed.
  static const json::value null_value;
  const auto* sel = jv::at(d, {"spec", "selector"});
  auto parsed = label_selector_from_json(sel ? *sel : null_value);
  cells::template_wide_cells(d, parsed.ok() ? to_string(parsed.selector) : "<invalid>", out);
}

printer deployment_printer() {
  return {{name_column(), column("Ready", "Number of the pod with ready state"),
           column("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the "
                                "desired template spec."),
           column("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by "
                               "this deployment."),
           age_column(), containers_column(), images_column(),
           column("Selector", "Label selector for pods.", "string", 1)},
          deployment_cells};
}

}  // namespace

kind_strategy deployment_strategy() {
  kind_strategy k;
  k.group = "apps";
  k.kind = "Deployment";
  k.plural = "deployments";
  k.singular = "deployment";
  k.short_names = {"deploy"};
  k.categories = {"all"};
  k.has_status = true;
  k.has_scale = true;
  k.prepare_for_create = clear_status;
  k.defaults = defaults;
  k.validate = validate;
  k.validate_update = validate_selector_unchanged;
  k.smp = &patch::workload;
  k.table = deployment_printer();
  return k;
}

}  // namespace navarch::api
