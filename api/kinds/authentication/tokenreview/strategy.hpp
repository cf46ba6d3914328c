#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy token_review_strategy();

}  // namespace navarch::api
