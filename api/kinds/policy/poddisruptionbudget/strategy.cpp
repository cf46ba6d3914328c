#include "api/kinds/policy/poddisruptionbudget/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void validate(const json::value& pdb, field_errors& errs) {
  const auto* min = jv::at(pdb, {"spec", "minAvailable"});
  const auto* max = jv::at(pdb, {"spec", "maxUnavailable"});
  if (min && !min->is_null() && max && !max->is_null())
    errs.push_back(invalid_raw("spec", json::serialize(*jv::at(pdb, {"spec"})), "minAvailable and maxUnavailable cannot be both set"));
  validate_int_or_percent(min, "spec.minAvailable", errs);
  validate_int_or_percent(max, "spec.maxUnavailable", errs);
  validate_label_selector(jv::at(pdb, {"spec", "selector"}), "spec.selector", errs);
  if (jv::has(pdb, {"spec", "unhealthyPodEvictionPolicy"}))
    validate_enum(jv::string_at(pdb, {"spec", "unhealthyPodEvictionPolicy"}), "spec.unhealthyPodEvictionPolicy",
                  {"AlwaysAllow", "IfHealthyBudget"}, errs);
}

// IntOrString.String(): a number bare, a percentage as written; N/A when unset.
std::string int_or_string(const json::value* v) {
  if (!v || v->is_null()) return "N/A";
  if (v->is_string()) return std::string(v->get_string());
  return std::to_string(jv::int_at(*v, {}).value_or(0));
}

void cells_of(const json::value& pdb, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(pdb)));
  out.push_back(json::string(int_or_string(jv::at(pdb, {"spec", "minAvailable"}))));
  out.push_back(json::string(int_or_string(jv::at(pdb, {"spec", "maxUnavailable"}))));
  out.push_back(jv::int_at(pdb, {"status", "disruptionsAllowed"}).value_or(0));
  out.push_back(json::string(cells::age_of(pdb, now)));
}

}  // namespace

kind_strategy pod_disruption_budget_strategy() {
  kind_strategy s;
  s.group = "policy";
  s.kind = "PodDisruptionBudget";
  s.plural = "poddisruptionbudgets";
  s.singular = "poddisruptionbudget";
  s.short_names = {"pdb"};
  s.has_status = true;
  s.prepare_for_create = clear_status;
  s.validate = validate;
  s.smp = &patch::metadata_and_conditions;
  s.table = {{name_column(), column("Min Available", "The minimum number of pods that must be available."),
              column("Max Unavailable", "The maximum number of pods that may be unavailable."),
              column("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time.", "integer"),
              age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
