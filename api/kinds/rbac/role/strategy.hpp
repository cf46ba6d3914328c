// rbac.authorization.k8s.io/v1 Role: namespaced policy rules (stored and validated; enforcement comes with authorization).
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy role_strategy();

}  // namespace navarch::api
