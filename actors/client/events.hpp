// Kubernetes Events as components record them (what `kubectl describe` lists under Events): built here, created
// through the API by the component.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace navarch::client {

struct event_source {
  std::string component;  // "default-scheduler", "kubelet"
  std::string host;       // the node, for kubelet events
};

// An Event about `involved` (a full object: kind, apiVersion, metadata). `type` is "Normal" or "Warning".
boost::json::object make_event(const boost::json::object& involved, std::string_view type, std::string_view reason,
                               std::string_view message, const event_source& source,
                               std::chrono::system_clock::time_point now);

}  // namespace navarch::client
