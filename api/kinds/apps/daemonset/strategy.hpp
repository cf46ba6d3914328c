#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy daemon_set_strategy();

}  // namespace navarch::api
