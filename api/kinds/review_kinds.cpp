#include "api/kinds/review_kinds.hpp"

#include "api/kinds/authentication/selfsubjectreview/strategy.hpp"
#include "api/kinds/authentication/tokenreview/strategy.hpp"
#include "api/kinds/authorization/selfsubjectaccessreview/strategy.hpp"
#include "api/kinds/authorization/selfsubjectrulesreview/strategy.hpp"
#include "api/kinds/authorization/subjectaccessreview/strategy.hpp"

namespace navarch::api {

const std::vector<kind_strategy>& review_kinds() {
  static const std::vector<kind_strategy> kinds{token_review_strategy(), self_subject_review_strategy(),
                                                subject_access_review_strategy(),
                                                self_subject_access_review_strategy(),
                                                self_subject_rules_review_strategy()};
  return kinds;
}

const kind_strategy* find_review_kind(std::string_view group, std::string_view plural) {
  for (const auto& k : review_kinds())
    if (k.group == group && k.plural == plural) return &k;
  return nullptr;
}

}  // namespace navarch::api
