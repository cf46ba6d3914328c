// core/v1 PersistentVolume: a piece of storage in the cluster (cluster-scoped); its volume source never changes.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy persistent_volume_strategy();

}  // namespace navarch::api
