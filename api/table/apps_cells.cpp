// Cells of the workload kinds (printDeployment, printReplicaSet, printDaemonSet, printJob).
#include <boost/json.hpp>

#include "api/selectors/label_selector.hpp"
#include "api/table/age.hpp"
#include "api/table/cells.hpp"
#include "api/validation/json_access.hpp"

namespace navarch::api::cells {

namespace json = boost::json;

namespace {

int64_t status_int(const value& obj, std::string_view key) { return jv::int_at(obj, {"status", key}).value_or(0); }

// spec.replicas, which defaulting sets to 1.
int64_t desired_replicas(const value& obj) { return jv::int_at(obj, {"spec", "replicas"}).value_or(1); }

void push_wide(const value& obj, std::string selector_text, array& out) {
  auto [names, images] = containers_and_images(jv::at(obj, {"spec", "template", "spec"}));
  out.push_back(json::string(names));
  out.push_back(json::string(images));
  out.push_back(json::string(selector_text));
}

const value null_value;

std::string format_label_selector(const value& obj) { return label_selector_text(jv::at(obj, {"spec", "selector"})); }

bool condition_true(const value& obj, std::string_view type) {
  if (const auto* conds = jv::array_at(obj, {"status", "conditions"}))
    for (const auto& c : *conds)
      if (jv::string_at(c, {"type"}) == type && jv::string_at(c, {"status"}) == "True") return true;
  return false;
}

}  // namespace

std::string label_selector_text(const value* sel) {
  // A missing selector formats as "<none>" (FormatLabelSelector of nil), not as the nothing-selector of null.
  static const value empty = json::object{};
  auto parsed = label_selector_from_json(sel && !sel->is_null() ? *sel : empty);
  if (!parsed.ok()) return "<error>";
  auto text = to_string(parsed.selector);
  return text.empty() ? "<none>" : text;
}

std::pair<std::string, std::string> containers_and_images(const value* pod_spec) {
  std::string names, images;
  if (const auto* ctrs = pod_spec ? jv::array_at(*pod_spec, {"containers"}) : nullptr)
    for (size_t i = 0; i < ctrs->size(); ++i) {
      if (i) {
        names += ",";
        images += ",";
      }
      names += jv::string_at((*ctrs)[i], {"name"});
      images += jv::string_at((*ctrs)[i], {"image"});
    }
  return {names, images};
}

void deployment(const value& d, time_point now, array& out) {
  out.push_back(json::string(name_of(d)));
  out.push_back(json::string(std::to_string(status_int(d, "readyReplicas")) + "/" + std::to_string(desired_replicas(d))));
  out.push_back(status_int(d, "updatedReplicas"));
  out.push_back(status_int(d, "availableReplicas"));
  out.push_back(json::string(age_of(d, now)));
  // printDeployment prints selector.String(): "" when empty, "<invalid>" when malformed.
  const auto* sel = jv::at(d, {"spec", "selector"});
  auto parsed = label_selector_from_json(sel ? *sel : null_value);
  push_wide(d, parsed.ok() ? to_string(parsed.selector) : "<invalid>", out);
}

void replica_set(const value& rs, time_point now, array& out) {
  out.push_back(json::string(name_of(rs)));
  out.push_back(desired_replicas(rs));
  out.push_back(status_int(rs, "replicas"));
  out.push_back(status_int(rs, "readyReplicas"));
  out.push_back(json::string(age_of(rs, now)));
  push_wide(rs, format_label_selector(rs), out);
}

void daemon_set(const value& ds, time_point now, array& out) {
  out.push_back(json::string(name_of(ds)));
  for (auto key : {"desiredNumberScheduled", "currentNumberScheduled", "numberReady", "updatedNumberScheduled",
                   "numberAvailable"})
    out.push_back(status_int(ds, key));
  out.push_back(json::string(format_labels(jv::object_at(ds, {"spec", "template", "spec", "nodeSelector"}))));
  out.push_back(json::string(age_of(ds, now)));
  push_wide(ds, format_label_selector(ds), out);
}

void job(const value& j, time_point now, array& out) {
  std::string status = "Running";
  if (condition_true(j, "Complete")) status = "Complete";
  else if (condition_true(j, "Failed")) status = "Failed";
  else if (jv::has(j, {"metadata", "deletionTimestamp"})) status = "Terminating";
  else if (condition_true(j, "Suspended")) status = "Suspended";
  else if (condition_true(j, "FailureTarget")) status = "FailureTarget";
  else if (condition_true(j, "SuccessCriteriaMet")) status = "SuccessCriteriaMet";

  int64_t succeeded = status_int(j, "succeeded");
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

  out.push_back(json::string(name_of(j)));
  out.push_back(json::string(status));
  out.push_back(json::string(completions));
  out.push_back(json::string(duration));
  out.push_back(json::string(age_of(j, now)));
  push_wide(j, format_label_selector(j), out);
}

}  // namespace navarch::api::cells
