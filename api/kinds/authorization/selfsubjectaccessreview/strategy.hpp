#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy self_subject_access_review_strategy();

}  // namespace navarch::api
