#include "api/kinds/events/event/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/core/event/strategy.hpp"
#include "api/kinds/events/event/conversion.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr size_t instance_limit = 128, action_limit = 128, reason_limit = 128, note_limit = 1024;

// ValidateEventCreate for events.k8s.io/v1 (paths as Kubernetes reports them: those of the core fields).
void validate(const json::value& ev, field_errors& errs) {
  auto ns = jv::string_at(ev, {"metadata", "namespace"});
  if (jv::string_at(ev, {"regarding", "namespace"}).empty() && ns != "default" && ns != "kube-system")
    errs.push_back(invalid("involvedObject.namespace", "", "does not match event.namespace"));
  auto controller = jv::string_at(ev, {"reportingController"});
  if (controller.empty()) errs.push_back(required("reportingController"));
  for (const auto& m : check_qualified_name(controller)) errs.push_back(invalid("reportingController", controller, m));
  auto limited = [&](std::string_view field, std::string_view path, size_t limit) {
    auto v = jv::string_at(ev, {field});
    if (v.empty() && field != "note") errs.push_back(required(std::string(path)));
    if (v.size() > limit)
      errs.push_back(invalid(std::string(path), "", "can have at most " + std::to_string(limit) + " characters"));
  };
  limited("reportingInstance", "reportingInstance", instance_limit);
  limited("action", "action", action_limit);
  limited("reason", "reason", reason_limit);
  limited("note", "message", note_limit);
  if (jv::has(ev, {"series"})) {
    if (jv::int_at(ev, {"series", "count"}).value_or(0) < 2)
      errs.push_back(invalid("series.count", "", "should be at least 2"));
    if (jv::string_at(ev, {"series", "lastObservedTime"}).empty()) errs.push_back(required("series.lastObservedTime"));
  }
  if (jv::string_at(ev, {"eventTime"}).empty()) errs.push_back(required("eventTime"));
  auto type = jv::string_at(ev, {"type"});
  if (type != "Normal" && type != "Warning")
    errs.push_back(invalid("type", "", "has invalid value: " + std::string(type)));
  if (jv::has(ev, {"deprecatedFirstTimestamp"})) errs.push_back(invalid("firstTimestamp", "", "needs to be unset"));
  if (jv::has(ev, {"deprecatedLastTimestamp"})) errs.push_back(invalid("lastTimestamp", "", "needs to be unset"));
  if (jv::int_at(ev, {"deprecatedCount"}).value_or(0) != 0) errs.push_back(invalid("count", "", "needs to be unset"));
  if (!jv::string_at(ev, {"deprecatedSource", "component"}).empty() ||
      !jv::string_at(ev, {"deprecatedSource", "host"}).empty())
    errs.push_back(invalid("source", "", "needs to be unset"));
}

// The same Table as core events, printed from the core view of the object.
void cells_of(const json::value& ev, std::chrono::system_clock::time_point now, json::array& out) {
  static const printer core = event_strategy().table;
  json::value as_core = events::to_core(ev.is_object() ? ev.as_object() : json::object{});
  core.cells(as_core, now, out);
}

}  // namespace

kind_strategy events_event_strategy() {
  kind_strategy s;
  s.group = "events.k8s.io";
  s.kind = "Event";
  s.plural = "events";
  s.singular = "event";
  s.short_names = {"ev"};
  s.validate = validate;
  s.stored_api_version = "v1";
  s.to_stored = events::to_core;
  s.from_stored = events::from_core;
  s.smp = &patch::metadata_only;
  s.table = {event_strategy().table.columns, cells_of};
  return s;
}

}  // namespace navarch::api
