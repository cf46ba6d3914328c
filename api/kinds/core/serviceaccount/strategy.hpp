#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy service_account_strategy();

}  // namespace navarch::api
