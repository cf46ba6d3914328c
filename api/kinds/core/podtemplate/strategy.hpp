// core/v1 PodTemplate: a stored pod template.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy pod_template_strategy();

}  // namespace navarch::api
