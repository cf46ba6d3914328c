#include "api/kinds/core/replicationcontroller/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/defaults/pod_spec.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/selectors/label_selector.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/workloads.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

// SetDefaults_ReplicationController: the selector and the object's labels come from the template's labels.
void defaults(json::object& rc) {
  auto& spec = child(rc, "spec");
  if (const auto* labels = jv::object_at(spec, {"template", "metadata", "labels"})) {
    json::object copy = *labels;
    const auto* selector = jv::object_at(spec, {"selector"});
    if (!selector || selector->empty()) spec["selector"] = copy;
    const auto* own = jv::object_at(rc, {"metadata", "labels"});
    if (!own || own->empty()) child(rc, "metadata")["labels"] = std::move(copy);
  }
  set_default(spec, "replicas", 1);
  if (spec.contains("template")) default_pod_template(spec);
}

// An RC selects by a plain label map: non-empty, and matching the template's labels.
void validate(const json::value& rc, field_errors& errs) {
  validate_non_negative(rc, "minReadySeconds", errs);
  const auto* selector = jv::object_at(rc, {"spec", "selector"});
  if (!selector || selector->empty()) errs.push_back(required("spec.selector"));
  validate_non_negative(rc, "replicas", errs);
  const auto* labels = jv::object_at(rc, {"spec", "template", "metadata", "labels"});
  if (selector && !selector->empty() && jv::has(rc, {"spec", "template"})) {
    bool match = labels != nullptr;
    for (const auto& [k, v] : *selector)
      if (match) match = labels->contains(k) && labels->at(k) == v;
    if (!match)
      errs.push_back(invalid_raw("spec.template.metadata.labels", go_string_map(labels),
                                 "selector does not match labels in spec.template"));
  }
  validate_replicated_template("ReplicationController", rc, errs);
}

void cells_of(const json::value& rc, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(rc)));
  out.push_back(jv::int_at(rc, {"spec", "replicas"}).value_or(1));
  out.push_back(jv::int_at(rc, {"status", "replicas"}).value_or(0));
  out.push_back(jv::int_at(rc, {"status", "readyReplicas"}).value_or(0));
  out.push_back(json::string(cells::age_of(rc, now)));
  cells::template_wide_cells(rc, format_labels(jv::object_at(rc, {"spec", "selector"})), out);
}

}  // namespace

kind_strategy replication_controller_strategy() {
  kind_strategy s;
  s.kind = "ReplicationController";
  s.plural = "replicationcontrollers";
  s.singular = "replicationcontroller";
  s.short_names = {"rc"};
  s.categories = {"all"};
  s.has_status = true;
  s.has_scale = true;
  s.scale.selector_is_label_map = true;
  s.prepare_for_create = clear_status;
  s.defaults = defaults;
  s.validate = validate;
  s.smp = &patch::workload;
  s.table = {{name_column(),
              column("Desired", "Replicas is the number of desired replicas. This is a pointer to distinguish "
                                "between explicit zero and unspecified. Defaults to 1. More info: "
                                "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller",
                     "integer"),
              column("Current", "Replicas is the most recently observed number of replicas. More info: "
                                "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller",
                     "integer"),
              column("Ready", "The number of ready replicas for this replication controller.", "integer"),
              age_column(), containers_column(), images_column(),
              column("Selector", "Selector is a label query over pods that should match the Replicas count. If "
                                 "Selector is empty, it is defaulted to the labels present on the Pod template. Label "
                                 "keys and values that must match in order to be controlled by this replication "
                                 "controller, if empty defaulted to labels on Pod template. More info: "
                                 "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
                     "string", 1)},
             cells_of};
  return s;
}

}  // namespace navarch::api
