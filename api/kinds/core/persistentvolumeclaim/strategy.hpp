// core/v1 PersistentVolumeClaim: a request for storage; its spec is fixed once created, but for growing requests.storage.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy persistent_volume_claim_strategy();

}  // namespace navarch::api
