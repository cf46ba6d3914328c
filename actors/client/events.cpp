#include "actors/client/events.hpp"

#include <cstdio>
#include <random>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/time/rfc3339.hpp"

namespace navarch::client {

namespace json = boost::json;

namespace {

// Kubernetes names events <object>.<16 hex digits>, unique per occurrence.
std::string event_suffix() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(gen()));
  return buf;
}

}  // namespace

json::object make_event(const json::object& involved, std::string_view type, std::string_view reason,
                        std::string_view message, const event_source& source,
                        std::chrono::system_clock::time_point now) {
  using api::jv::string_at;
  const json::object* meta = api::jv::object_at(&involved, "metadata");
  std::string name(string_at(meta, "name"));
  std::string ns(string_at(meta, "namespace"));
  std::string ts = api::rfc3339(now);
  json::object ref{{"kind", string_at(&involved, "kind")},
                   {"namespace", ns},
                   {"name", name},
                   {"uid", string_at(meta, "uid")},
                   {"apiVersion", string_at(&involved, "apiVersion")},
                   {"resourceVersion", string_at(meta, "resourceVersion")}};
  json::object src{{"component", source.component}};
  if (!source.host.empty()) src["host"] = source.host;
  return {{"apiVersion", "v1"},
          {"kind", "Event"},
          {"metadata", json::object{{"name", name + "." + event_suffix()}, {"namespace", ns.empty() ? "default" : ns}}},
          {"involvedObject", ref},
          {"reason", reason},
          {"message", message},
          {"source", src},
          {"firstTimestamp", ts},
          {"lastTimestamp", ts},
          {"count", 1},
          {"type", type},
          {"reportingComponent", source.component},
          {"reportingInstance", source.host}};
}

}  // namespace navarch::client
