// apps/v1 ControllerRevision: an immutable snapshot of a controller's state (StatefulSet and DaemonSet history).
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy controller_revision_strategy();

}  // namespace navarch::api
