// authentication.k8s.io/v1 TokenReview: is this bearer token one of ours (a service-account token this cluster
// signed, not expired, for the audiences asked), and whose is it.
#include "api/kinds/authentication/tokenreview/strategy.hpp"

#include <boost/json.hpp>

#include "api/auth/service_account_token.hpp"
#include "api/kinds/authorization/access_attributes.hpp"
#include "api/kinds/review_kind.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void review(json::object& obj, const review_context& ctx) {
  json::value v = obj;
  std::vector<std::string> audiences;
  if (const auto* auds = jv::array_at(v, {"spec", "audiences"}))
    for (const auto& a : *auds)
      if (a.is_string()) audiences.emplace_back(a.get_string());
  std::string error = "the token is not a service-account token of this cluster";
  std::vector<std::string> accepted;
  std::optional<auth::user_info> user;
  if (auto claims = ctx.verify_token ? ctx.verify_token(jv::string_at(v, {"spec", "token"})) : std::nullopt)
    user = auth::user_from_claims(*claims, audiences, ctx.now, accepted, error);
  json::object status{{"authenticated", user.has_value()}};
  if (user) {
    status["user"] = user_info_json(*user);
    json::array auds;
    for (const auto& a : accepted) auds.emplace_back(a);
    status["audiences"] = std::move(auds);
  } else {
    status["error"] = error;
  }
  obj["status"] = std::move(status);
}

}  // namespace

kind_strategy token_review_strategy() {
  auto k = review_kind("authentication.k8s.io", "TokenReview", "tokenreviews");
  k.validate = [](const json::value& obj, field_errors& errs) {
    if (jv::string_at(obj, {"spec", "token"}).empty()) errs.push_back(required("spec.token", "a token to review"));
  };
  k.review = review;
  return k;
}

}  // namespace navarch::api
