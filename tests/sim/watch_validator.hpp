// Watch validators: a watch session (across reconnects) must deliver each committed event from its start
// revision once, in revision order, without gaps, and nothing after its cancel was acknowledged.
#pragma once

#include <string>

#include "tests/sim/history.hpp"

namespace navarch::sim {

// Empty when the session is valid, else what went wrong.
std::string validate_watch(const watch_session& w, const event_history& truth);

}  // namespace navarch::sim
