#include "api/kinds/core/event/strategy.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/age.hpp"
#include "api/table/cells.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void validate(const json::value& event, field_errors& errs) {
  auto ns = jv::string_at(event, {"metadata", "namespace"});
  auto involved = jv::string_at(event, {"involvedObject", "namespace"});
  // Events about cluster-scoped objects live in "default" (or nowhere); others in their object's namespace.
  bool ok = involved.empty() ? (ns.empty() || ns == "default") : ns == involved;
  if (!ok) errs.push_back(invalid("involvedObject.namespace", involved, "does not match event.namespace"));
}

std::string or_default(std::string_view s, std::string_view fallback) {
  return s.empty() ? std::string(fallback) : std::string(s);
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

void event_cells(const json::value& e, std::chrono::system_clock::time_point now, json::array& out) {
  std::string first = jv::has(e, {"firstTimestamp"}) ? age_since(jv::string_at(e, {"firstTimestamp"}), now)
                                                      : age_since(jv::string_at(e, {"eventTime"}), now);
  std::string last = jv::has(e, {"lastTimestamp"}) ? age_since(jv::string_at(e, {"lastTimestamp"}), now) : first;
  int64_t count = jv::int_at(e, {"count"}).value_or(0);
  if (jv::has(e, {"series"})) {
    last = age_since(jv::string_at(e, {"series", "lastObservedTime"}), now);
    count = jv::int_at(e, {"series", "count"}).value_or(0);
  } else if (count == 0) {
    count = 1;  // singleton events of the new API carry no count
  }
  std::string target = lowercase(jv::string_at(e, {"involvedObject", "kind"}));
  if (auto n = jv::string_at(e, {"involvedObject", "name"}); !n.empty()) target += "/" + std::string(n);
  // formatEventSource: component (or reportingController), then host (or reportingInstance) when known.
  std::string component = or_default(jv::string_at(e, {"source", "component"}), jv::string_at(e, {"reportingComponent"}));
  std::string host = or_default(jv::string_at(e, {"source", "host"}), jv::string_at(e, {"reportingInstance"}));
  std::string source = host.empty() ? component : component + ", " + host;
  std::string message(jv::string_at(e, {"message"}));
  auto trim_start = message.find_first_not_of(" \t\n\r");
  auto trim_end = message.find_last_not_of(" \t\n\r");
  message = trim_start == std::string::npos ? "" : message.substr(trim_start, trim_end - trim_start + 1);

  out.push_back(json::string(last));
  out.push_back(json::string(jv::string_at(e, {"type"})));
  out.push_back(json::string(jv::string_at(e, {"reason"})));
  out.push_back(json::string(target));
  out.push_back(json::string(jv::string_at(e, {"involvedObject", "fieldPath"})));
  out.push_back(json::string(source));
  out.push_back(json::string(message));
  out.push_back(json::string(first));
  out.push_back(count);
  out.push_back(json::string(cells::name_of(e)));
}

printer event_printer() {
  return {{column("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
           column("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
           column("Reason", "This should be a short, machine understandable string that gives the reason for the "
                            "transition into the object's current status."),
           column("Object", "The object that this event is about."),
           column("Subobject", "The field of the object the event is about.", "string", 1),
           column("Source", "The component reporting this event.", "string", 1),
           column("Message", "A human-readable description of the status of this operation."),
           column("First Seen", "The time at which the event was first recorded.", "string", 1),
           column("Count", "The number of times this event has occurred.", "string", 1), name_column(1)},
          event_cells};
}

// The field labels of events (pkg/registry/core/event: ToSelectableFields).
std::vector<selectable_field> event_fields() {
  return {
      {"involvedObject.kind", {"involvedObject", "kind"}, ""},
      {"involvedObject.namespace", {"involvedObject", "namespace"}, ""},
      {"involvedObject.name", {"involvedObject", "name"}, ""},
      {"involvedObject.uid", {"involvedObject", "uid"}, ""},
      {"involvedObject.apiVersion", {"involvedObject", "apiVersion"}, ""},
      {"involvedObject.resourceVersion", {"involvedObject", "resourceVersion"}, ""},
      {"involvedObject.fieldPath", {"involvedObject", "fieldPath"}, ""},
      {"reason", {"reason"}, ""},
      {"reportingComponent", {"reportingComponent"}, ""},
      {"source", {"source", "component"}, ""},
      {"type", {"type"}, ""},
  };
}

}  // namespace

kind_strategy event_strategy() {
  kind_strategy k;
  k.kind = "Event";
  k.plural = "events";
  k.singular = "event";
  k.short_names = {"ev"};
  k.validate = validate;
  k.selectable_fields = event_fields();
  k.smp = &patch::metadata_only;
  k.table = event_printer();
  return k;
}

}  // namespace navarch::api
