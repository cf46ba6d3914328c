// The stores store_bench compares, each started fresh on this machine with fsync'd writes: Navarch's replica
// in-process (as `navarch up` embeds it), three Navarch replicas in three `navarch node` processes, and Debian's
// etcd with one and with three members. Every one is reached through msg::store_actor, as the apiserver does.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "messages/store_actor.hpp"

namespace navarch::bench {

struct store_backend {
  std::string name;
  int members = 1;
  msg::store_actor store;
  std::shared_ptr<void> keep;  // what keeps the backend alive (processes, directories); released at the end
};

// Each throws std::runtime_error saying what failed to start. `navarch` is the path of the navarch binary.
store_backend navarch_in_process(caf::actor_system& sys);
store_backend navarch_processes(caf::actor_system& sys, const std::string& navarch, int members);
store_backend etcd_members(caf::actor_system& sys, int members);

}  // namespace navarch::bench
