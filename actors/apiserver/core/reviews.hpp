// Creates that are answered, not stored: the review kinds (TokenReview, SelfSubjectReview, the access reviews)
// and a service account's token (TokenRequest on serviceaccounts/<name>/token). Pure: the actor supplies the
// stored service account and the signer.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "actors/apiserver/core/route.hpp"
#include "api/registry/kind_strategy.hpp"
#include "messages/api.hpp"

namespace navarch::api {

// 201 with the review (the route's kind, one that reviews) and its status, or the Status saying why not (400
// malformed, 422 invalid).
msg::api_response answer_review(const route& rt, std::string_view body, const review_context& ctx);

// 201 with the TokenRequest and its token for `service_account` (the stored object), signed by `sign` (claims
// JSON in, JWT out); `jti` names the token.
msg::api_response answer_token_request(std::string_view body, const boost::json::object& service_account,
                                       std::chrono::system_clock::time_point now, const std::string& jti,
                                       const std::function<std::string(const std::string& claims)>& sign);

}  // namespace navarch::api
