// authentication.k8s.io/v1 SelfSubjectReview (`kubectl auth whoami`): the caller's own identity.
#include "api/kinds/authentication/selfsubjectreview/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/authorization/access_attributes.hpp"
#include "api/kinds/review_kind.hpp"

namespace navarch::api {

kind_strategy self_subject_review_strategy() {
  auto k = review_kind("authentication.k8s.io", "SelfSubjectReview", "selfsubjectreviews");
  k.review = [](boost::json::object& obj, const review_context& ctx) {
    obj["status"] = boost::json::object{{"userInfo", user_info_json(ctx.requester)}};
  };
  return k;
}

}  // namespace navarch::api
