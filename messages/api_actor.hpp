// The typed interface of the apiserver for components. A watch replies with the first response (200 with the
// watch id in the body, or an error Status) and then sends api_watch_event messages to the subscriber.
#pragma once

#include <caf/actor.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/api.hpp"
#include "messages/kubelet.hpp"

namespace navarch::msg {

using api_actor = caf::typed_actor<
    caf::replies_to<api_request>::with<api_response>,
    caf::replies_to<api_request, caf::actor>::with<api_response>,  // watch with a subscriber
    caf::reacts_to<api_watch_cancel>,
    caf::reacts_to<node_agent>>;  // a kubelet registering for its node

}  // namespace navarch::msg

// Watch protocol, precisely:
//  - request: api_request{verb="watch", ...query: resourceVersion, labelSelector, fieldSelector,
//    allowWatchBookmarks, timeoutSeconds} together with the subscriber actor.
//  - reply: api_response{code=200, body={"watchId":N}} once the watch is registered, or an error Status
//    (e.g. 410 Expired when resourceVersion is older than the watch window).
//  - then api_watch_event{watch_id=N, type, object, resource_version} messages to the subscriber, in
//    resourceVersion order; an ERROR event (410 Expired) or closed=true ends the watch.
//  - the subscriber sends api_watch_cancel{N} to stop early; the apiserver also drops watches whose
//    subscriber terminates.
