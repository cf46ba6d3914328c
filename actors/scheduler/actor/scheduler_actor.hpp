// The scheduler actor: informers on pods and nodes feed the scheduling queue and the cluster snapshot; each
// pending pod gets a decision from the pure core and is bound through pods/<name>/binding, or gets a
// FailedScheduling event and waits for the cluster to change.
#pragma once

#include <caf/fwd.hpp>

#include "actors/scheduler/core/schedule.hpp"
#include "actors/scheduler/queue/scheduling_queue.hpp"
#include "messages/api_actor.hpp"

namespace navarch::scheduler {

struct scheduler_options {
  std::string name = "default-scheduler";  // pods with another spec.schedulerName are left alone
  schedule_options decisions;
  queue_options queue;
  size_t batch = 64;  // decisions per turn before the actor yields to its mailbox
};

caf::actor spawn_scheduler(caf::actor_system& sys, msg::api_actor api, scheduler_options opts = {});

}  // namespace navarch::scheduler
