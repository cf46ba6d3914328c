#include "actors/client/events.hpp"

#include <random>

#include <boost/json.hpp>

#include "net/codec/time_format.hpp"

namespace navarch::client {

namespace json = boost::json;

namespace {

std::string field(const json::object* o, std::string_view key) {
  if (!o) return {};
  auto it = o->find(key);
  return it != o->end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string{};
}


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
  const json::object* meta = involved.contains("metadata") ? involved.at("metadata").if_object() : nullptr;
  std::string name = field(meta, "name");
  std::string ns = field(meta, "namespace");
  std::string ts = codec::rfc3339(now);
  json::object ref{{"kind", field(&involved, "kind")},
                   {"namespace", ns},
                   {"name", name},
                   {"uid", field(meta, "uid")},
                   {"apiVersion", field(&involved, "apiVersion")},
                   {"resourceVersion", field(meta, "resourceVersion")}};
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
