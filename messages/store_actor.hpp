// The typed interface of the store (the etcd role). A single replica today; Raft replicas keep this interface.
#pragma once

#include <caf/actor.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/store.hpp"

namespace navarch::msg {

// Watch subscribers are plain actors that receive watch_batch messages.
using store_actor = caf::typed_actor<
    caf::replies_to<range_request>::with<range_response>,
    caf::replies_to<txn_request>::with<txn_response>,
    caf::replies_to<compact_request>::with<compact_response>,
    caf::replies_to<watch_request, caf::actor>::with<watch_response>,
    caf::reacts_to<watch_cancel>>;

}  // namespace navarch::msg
