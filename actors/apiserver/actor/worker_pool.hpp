// The apiserver's face to its clients: a CAF actor pool of workers, each request given to the least busy one.
// Included by apiserver_actor.cpp only.
#pragma once

#include <caf/fwd.hpp>

#include "actors/apiserver/actor/apiserver_actor.hpp"
#include "actors/apiserver/actor/core_protocol.hpp"

namespace navarch::apiserver::detail {

// opts.workers workers (the machine's cores when 0), linked to `core`.
msg::api_actor spawn_worker_pool(caf::actor_system& sys, core_actor core, msg::store_actor store,
                                 const apiserver_options& opts);

}  // namespace navarch::apiserver::detail
