#include "api/kinds/events/event/conversion.hpp"

#include <string_view>
#include <utility>

#include <boost/json.hpp>

namespace navarch::api::events {

namespace json = boost::json;

namespace {

// events.k8s.io/v1 name -> core/v1 name; fields of the same name in both (eventTime, series, action, reason,
// related, type, reportingInstance, metadata) are carried as they are.
constexpr std::pair<std::string_view, std::string_view> renamed[] = {
    {"regarding", "involvedObject"},
    {"note", "message"},
    {"reportingController", "reportingComponent"},
    {"deprecatedSource", "source"},
    {"deprecatedFirstTimestamp", "firstTimestamp"},
    {"deprecatedLastTimestamp", "lastTimestamp"},
    {"deprecatedCount", "count"},
};

json::object rename(const json::object& from, bool to_core_names) {
  json::object out;
  for (const auto& [key, value] : from) {
    std::string_view name = key;
    for (const auto& [events_name, core_name] : renamed) {
      if (to_core_names && key == events_name) name = core_name;
      if (!to_core_names && key == core_name) name = events_name;
    }
    out[name] = value;
  }
  return out;
}

}  // namespace

json::object to_core(const json::object& event) {
  json::object out = rename(event, true);
  out["apiVersion"] = "v1";
  return out;
}

json::object from_core(const json::object& core_event) {
  json::object out = rename(core_event, false);
  out["apiVersion"] = "events.k8s.io/v1";
  return out;
}

}  // namespace navarch::api::events
