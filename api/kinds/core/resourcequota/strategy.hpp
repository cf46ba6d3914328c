// core/v1 ResourceQuota: limits on what a namespace may consume; the quota controller reports status.hard and status.used.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy resource_quota_strategy();

}  // namespace navarch::api
