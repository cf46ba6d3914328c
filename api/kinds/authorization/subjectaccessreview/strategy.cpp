// authorization.k8s.io/v1 SubjectAccessReview: may the user the spec names do this?
#include "api/kinds/authorization/subjectaccessreview/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/authorization/access_attributes.hpp"
#include "api/kinds/review_kind.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

auth::user_info subject(const json::value& obj) {
  auth::user_info u{std::string(jv::string_at(obj, {"spec", "user"})), std::string(jv::string_at(obj, {"spec", "uid"})),
                    {}};
  if (const auto* groups = jv::array_at(obj, {"spec", "groups"}))
    for (const auto& g : *groups)
      if (g.is_string()) u.groups.emplace_back(g.get_string());
  return u;
}

}  // namespace

kind_strategy subject_access_review_strategy() {
  auto k = review_kind("authorization.k8s.io", "SubjectAccessReview", "subjectaccessreviews");
  k.validate = [](const json::value& obj, field_errors& errs) {
    validate_access_attributes(obj, errs);
    const auto* groups = jv::array_at(obj, {"spec", "groups"});
    if (jv::string_at(obj, {"spec", "user"}).empty() && (!groups || groups->empty()))
      errs.push_back(invalid("spec.user", "", "at least one of user or group must be specified"));
  };
  k.review = [](json::object& obj, const review_context&) {
    json::value v = obj;
    set_access_status(obj, auth::authorize(subject(v), access_attributes(v)));
  };
  return k;
}

}  // namespace navarch::api
