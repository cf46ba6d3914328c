#include "actors/kubelet/actor/runtime_worker.hpp"

#include <caf/all.hpp>

#include "actors/kubelet/actor/local_messages.hpp"

namespace navarch::kubelet {

caf::actor spawn_runtime_worker(caf::actor_system& sys, std::shared_ptr<container_port> port) {
  return sys.spawn<caf::detached>([port](caf::event_based_actor*) -> caf::behavior {
    return {
        [port](runtime_job& job) {
          try {
            job.run(*port);
          } catch (const std::exception& e) {
            std::fprintf(stderr, "kubelet: runtime call failed: %s\n", e.what());
          }
        },
    };
  });
}

}  // namespace navarch::kubelet
