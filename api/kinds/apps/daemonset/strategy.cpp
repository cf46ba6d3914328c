#include "api/kinds/apps/daemonset/strategy.hpp"

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
  default_rolling_update(spec, "updateStrategy", 1, 0);
  set_default(spec, "revisionHistoryLimit", 10);
  default_pod_template(spec);
}

void validate(const json::value& obj, field_errors& errs) {
  validate_template_selector("daemonset", obj, errs);
  validate_non_negative(obj, "minReadySeconds", errs);
  validate_replicated_template("DaemonSet", obj, errs);
}

void daemon_set_cells(const json::value& ds, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(ds)));
  for (auto key : {"desiredNumberScheduled", "currentNumberScheduled", "numberReady", "updatedNumberScheduled",
                   "numberAvailable"})
    out.push_back(jv::int_at(ds, {"status", key}).value_or(0));
  out.push_back(json::string(format_labels(jv::object_at(ds, {"spec", "template", "spec", "nodeSelector"}))));
  out.push_back(json::string(cells::age_of(ds, now)));
  cells::template_wide_cells(ds, cells::spec_selector_text(ds), out);
}

printer daemon_set_printer() {
  return {{name_column(), column("Desired", "The total number of nodes that should be running the daemon pod.", "integer"),
           column("Current", "The number of nodes that are running at least 1 daemon pod.", "integer"),
           column("Ready", "The number of nodes that should be running the daemon pod and have one or more of the "
                           "daemon pod running and ready.", "integer"),
           column("Up-to-date", "The total number of nodes that are running updated daemon pod", "integer"),
           column("Available", "The number of nodes that should be running the daemon pod and have one or more of "
                               "the daemon pod running and available.", "integer"),
           column("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node."),
           age_column(), containers_column(), images_column(),
           column("Selector", "A label query over pods that are managed by the daemon set.", "string", 1)},
          daemon_set_cells};
}

}  // namespace

kind_strategy daemon_set_strategy() {
  kind_strategy k;
  k.group = "apps";
  k.kind = "DaemonSet";
  k.plural = "daemonsets";
  k.singular = "daemonset";
  k.short_names = {"ds"};
  k.categories = {"all"};
  k.has_status = true;
  k.prepare_for_create = clear_status;
  k.defaults = defaults;
  k.validate = validate;
  k.validate_update = validate_selector_unchanged;
  k.smp = &patch::workload;
  k.table = daemon_set_printer();
  return k;
}

}  // namespace navarch::api
