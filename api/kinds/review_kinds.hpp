// The kinds answered, not stored (TokenReview, SelfSubjectReview, SubjectAccessReview, SelfSubjectAccessReview,
// SelfSubjectRulesReview), in discovery order. Until the registry of kinds serves every kind, the apiserver finds
// these here.
#pragma once

#include <string_view>
#include <vector>

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

const std::vector<kind_strategy>& review_kinds();
const kind_strategy* find_review_kind(std::string_view group, std::string_view plural);

}  // namespace navarch::api
