// core/v1 ReplicationController: the original replica controller (a map selector), with scale and status.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy replication_controller_strategy();

}  // namespace navarch::api
