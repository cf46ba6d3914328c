// authorization.k8s.io/v1 SelfSubjectRulesReview (`kubectl auth can-i --list`): everything the caller may do in
// a namespace.
#include "api/kinds/authorization/selfsubjectrulesreview/strategy.hpp"

#include <boost/json.hpp>

#include "api/auth/authorizer.hpp"
#include "api/kinds/review_kind.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

void review(json::object& obj, const review_context& ctx) {
  auto rules = auth::rules_for(ctx.requester, std::string(jv::string_at(json::value(obj), {"spec", "namespace"})));
  json::array resource_rules, non_resource_rules;
  for (const auto& r : rules.resource_rules) {
    json::object o{{"verbs", strings(r.verbs)}, {"apiGroups", strings(r.api_groups)},
                   {"resources", strings(r.resources)}};
    if (!r.resource_names.empty()) o["resourceNames"] = strings(r.resource_names);
    resource_rules.push_back(std::move(o));
  }
  for (const auto& r : rules.non_resource_rules)
    non_resource_rules.push_back(json::object{{"verbs", strings(r.verbs)},
                                              {"nonResourceURLs", strings(r.non_resource_urls)}});
  json::object status{{"resourceRules", std::move(resource_rules)},
                      {"nonResourceRules", std::move(non_resource_rules)},
                      {"incomplete", false}};
  if (!rules.evaluation_error.empty()) status["evaluationError"] = rules.evaluation_error;
  obj["status"] = std::move(status);
}

}  // namespace

kind_strategy self_subject_rules_review_strategy() {
  auto k = review_kind("authorization.k8s.io", "SelfSubjectRulesReview", "selfsubjectrulesreviews");
  k.review = review;
  return k;
}

}  // namespace navarch::api
