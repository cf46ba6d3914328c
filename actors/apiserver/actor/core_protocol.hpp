// What the apiserver's workers ask of the apiserver actor proper (the one that orders writes and fans out
// watches): a store write, under the request's deadline, and the namespace finalizer. Included by the actor
// files only.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/api_actor.hpp"
#include "messages/store.hpp"

namespace navarch::apiserver::detail {

using write_atom = caf::atom_constant<caf::atom("write")>;
using finalize_atom = caf::atom_constant<caf::atom("finalize")>;

// Deadlines cross between the actors of one process as steady-clock nanoseconds.
using steady = std::chrono::steady_clock;
inline int64_t to_wire(steady::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}
inline steady::time_point from_wire(int64_t ns) { return steady::time_point(std::chrono::nanoseconds(ns)); }

// The apiserver actor: the public API (watches, logs and exec come here from the workers) plus the writes the
// workers have decided: (write, txn, deadline) is sent to the store unless the deadline has passed.
using core_actor = msg::api_actor::extend<caf::replies_to<write_atom, msg::txn_request, int64_t>::with<msg::txn_response>,
                                          caf::reacts_to<finalize_atom, std::string>>;

}  // namespace navarch::apiserver::detail
