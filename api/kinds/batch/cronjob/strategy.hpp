// batch/v1 CronJob: Jobs created on a cron schedule.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy cron_job_strategy();

}  // namespace navarch::api
