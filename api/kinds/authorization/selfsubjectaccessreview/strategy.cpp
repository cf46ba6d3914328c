// authorization.k8s.io/v1 SelfSubjectAccessReview (`kubectl auth can-i`): may the caller do this?
#include "api/kinds/authorization/selfsubjectaccessreview/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/authorization/access_attributes.hpp"
#include "api/kinds/review_kind.hpp"

namespace navarch::api {

kind_strategy self_subject_access_review_strategy() {
  auto k = review_kind("authorization.k8s.io", "SelfSubjectAccessReview", "selfsubjectaccessreviews");
  k.validate = validate_access_attributes;
  k.review = [](boost::json::object& obj, const review_context& ctx) {
    set_access_status(obj, auth::authorize(ctx.requester, access_attributes(boost::json::value(obj))));
  };
  return k;
}

}  // namespace navarch::api
