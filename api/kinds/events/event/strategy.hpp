// events.k8s.io/v1 Event: the structured view of the Events in /registry/events/ (conversion.hpp maps it to and
// from core/v1 Event). Creating one through this API needs the new fields (eventTime, reportingController,
// reportingInstance, action, reason) and leaves the deprecated ones unset.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy events_event_strategy();

}  // namespace navarch::api
