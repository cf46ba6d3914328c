#include "api/kinds/apps/replicaset/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/defaults/pod_spec.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/validation/workloads.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void defaults(json::object& obj) {
  auto& spec = child(obj, "spec");
  set_default(spec, "replicas", 1);
  default_pod_template(spec);
}

void validate(const json::value& obj, field_errors& errs) {
  validate_template_selector("replicaset", obj, errs);
  for (auto field : {"replicas", "minReadySeconds"}) validate_non_negative(obj, field, errs);
  validate_replicated_template("ReplicaSet", obj, errs);
}

void replica_set_cells(const json::value& rs, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(rs)));
  out.push_back(jv::int_at(rs, {"spec", "replicas"}).value_or(1));
  out.push_back(jv::int_at(rs, {"status", "replicas"}).value_or(0));
  out.push_back(jv::int_at(rs, {"status", "readyReplicas"}).value_or(0));
  out.push_back(json::string(cells::age_of(rs, now)));
  cells::template_wide_cells(rs, cells::spec_selector_text(rs), out);
}

printer replica_set_printer() {
  return {{name_column(), column("Desired", "Replicas is the number of desired replicas.", "integer"),
           column("Current", "Replicas is the most recently observed number of replicas.", "integer"),
           column("Ready", "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.",
                  "integer"),
           age_column(), containers_column(), images_column(),
           column("Selector", "Selector is a label query over pods that should match the replica count.", "string",
                  1)},
          replica_set_cells};
}

}  // namespace

kind_strategy replica_set_strategy() {
  kind_strategy k;
  k.group = "apps";
  k.kind = "ReplicaSet";
  k.plural = "replicasets";
  k.singular = "replicaset";
  k.short_names = {"rs"};
  k.categories = {"all"};
  k.has_status = true;
  k.has_scale = true;
  k.prepare_for_create = clear_status;
  k.defaults = defaults;
  k.validate = validate;
  k.validate_update = validate_selector_unchanged;
  k.selectable_fields = {{"status.replicas", {"status", "replicas"}, "0"}};
  k.smp = &patch::workload;
  k.table = replica_set_printer();
  return k;
}

}  // namespace navarch::api
