// A loopback TCP port that was free a moment ago (the OS picks it), for child processes that need fixed ports.
#pragma once

#include <cstdint>

namespace navarch::e2e {

// Throws std::system_error when no port can be had.
uint16_t free_loopback_port();

}  // namespace navarch::e2e
