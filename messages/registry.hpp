#pragma once

namespace caf {
class actor_system_config;
}

namespace navarch::msg {

// Registers every message type under the same names in every binary, so they can cross processes.
void register_messages(caf::actor_system_config& cfg);

}  // namespace navarch::msg
