// events.k8s.io/v1 Event <-> core/v1 Event: one object, two views (Kubernetes keeps both in /registry/events/).
// The new API renames the old fields: regarding = involvedObject, note = message, reportingController =
// reportingComponent, deprecatedSource = source, deprecatedFirstTimestamp / deprecatedLastTimestamp /
// deprecatedCount = firstTimestamp / lastTimestamp / count.
#pragma once

#include <boost/json/fwd.hpp>

namespace navarch::api::events {

boost::json::object to_core(const boost::json::object& event);
boost::json::object from_core(const boost::json::object& core_event);

}  // namespace navarch::api::events
