#include "api/kinds/scheduling/priorityclass/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr int64_t highest_user_definable = 1000000000;
constexpr std::string_view system_prefix = "system-";

struct system_class {
  std::string_view name;
  int64_t value;
  std::string_view description;
};
constexpr system_class system_classes[] = {
    {"system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node."},
    {"system-cluster-critical", 2000000000,
     "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."},
};

// IsKnownSystemPriorityClass: the name, value and globalDefault of a built-in class, or why not.
std::string known_system_class_error(std::string_view name, int64_t value, bool global_default) {
  for (const auto& c : system_classes) {
    if (c.name != name) continue;
    if (c.value != value)
      return "value of " + std::string(name) + " PriorityClass must be " + std::to_string(c.value);
    if (global_default) return "globalDefault of " + std::string(name) + " PriorityClass must be false";
    return {};
  }
  return std::string(name) + " is not a known system priority class";
}

void validate(const json::value& pc, field_errors& errs) {
  auto name = jv::string_at(pc, {"metadata", "name"});
  int64_t value = jv::int_at(pc, {"value"}).value_or(0);
  if (name.starts_with(system_prefix)) {
    if (auto err = known_system_class_error(name, value, jv::bool_at(pc, {"globalDefault"})); !err.empty())
      errs.push_back(forbidden("metadata.name", "priority class names with '" + std::string(system_prefix) +
                                                    "' prefix are reserved for system use only. error: " + err));
  } else if (value > highest_user_definable) {
    errs.push_back(forbidden("value", "maximum allowed value of a user defined priority is " +
                                          std::to_string(highest_user_definable)));
  }
  if (jv::has(pc, {"preemptionPolicy"}))
    validate_enum(jv::string_at(pc, {"preemptionPolicy"}), "preemptionPolicy", {"Never", "PreemptLowerPriority"}, errs);
}

void validate_update(const json::value& pc, const json::value& old, field_errors& errs) {
  if (jv::int_at(pc, {"value"}) != jv::int_at(old, {"value"}))
    errs.push_back(forbidden("value", "may not be changed in an update."));
  validate_immutable(jv::at(pc, {"preemptionPolicy"}), jv::at(old, {"preemptionPolicy"}), "preemptionPolicy", errs);
}

void defaults(json::object& pc) { set_default(pc, "preemptionPolicy", "PreemptLowerPriority"); }

void cells_of(const json::value& pc, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(pc)));
  out.push_back(jv::int_at(pc, {"value"}).value_or(0));
  out.push_back(jv::bool_at(pc, {"globalDefault"}));
  out.push_back(json::string(cells::age_of(pc, now)));
  out.push_back(json::string(jv::string_at(pc, {"preemptionPolicy"})));
}

}  // namespace

kind_strategy priority_class_strategy() {
  kind_strategy s;
  s.group = "scheduling.k8s.io";
  s.kind = "PriorityClass";
  s.plural = "priorityclasses";
  s.singular = "priorityclass";
  s.namespaced = false;
  s.short_names = {"pc"};
  s.defaults = defaults;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  // The server prints wide, so PreemptionPolicy (not a priority-1 column in Kubernetes either) always shows.
  s.table = {{name_column(),
              column("Value", "value represents the integer value of this priority class. This is the actual "
                              "priority that pods receive when they have the name of this class in their pod spec.",
                     "integer"),
              column("Global-Default", "globalDefault specifies whether this PriorityClass should be considered as "
                                       "the default priority for pods that do not have any priority class. Only one "
                                       "PriorityClass can be marked as `globalDefault`. However, if more than one "
                                       "PriorityClasses exists with their `globalDefault` field set to true, the "
                                       "smallest value of such global default PriorityClasses will be used as the "
                                       "default priority.",
                     "boolean"),
              age_column(),
              column("PreemptionPolicy", "preemptionPolicy is the Policy for preempting pods with lower priority. "
                                         "One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if "
                                         "unset.")},
             cells_of};
  return s;
}

std::vector<json::object> system_priority_classes() {
  std::vector<json::object> out;
  for (const auto& c : system_classes)
    out.push_back(json::object{{"apiVersion", "scheduling.k8s.io/v1"},
                               {"kind", "PriorityClass"},
                               {"metadata", json::object{{"name", c.name}}},
                               {"value", c.value},
                               {"description", c.description},
                               {"preemptionPolicy", "PreemptLowerPriority"}});
  return out;
}

}  // namespace navarch::api
