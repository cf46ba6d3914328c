// apps/v1 StatefulSet: pods with stable identities and storage; only replicas, template, update strategy, ordinals, minReadySeconds, revisionHistoryLimit and the claim retention policy may change.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy stateful_set_strategy();

}  // namespace navarch::api
