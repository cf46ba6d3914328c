// policy/v1 PodDisruptionBudget: how many of a selector's pods may be down at once through voluntary disruptions.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy pod_disruption_budget_strategy();

}  // namespace navarch::api
