#include "actors/apiserver/core/reviews.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/object_meta.hpp"
#include "api/status/status.hpp"
#include "actors/apiserver/core/writes.hpp"
#include "api/auth/service_account_token.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

msg::api_response invalid(const kind_strategy& r, std::string_view name, const field_errors& errs) {
  return invalid_reply(r, name, aggregate_message(errs), status_causes(errs));
}

}  // namespace

msg::api_response answer_review(const route& rt, std::string_view body, const review_context& ctx) {
  const kind_strategy& kind = *rt.resource;
  auto parsed = parse_object(body);
  if (auto* err = std::get_if<msg::api_response>(&parsed)) return *err;
  auto obj = std::move(std::get<json::object>(parsed));
  if (auto err = check_type(obj, kind.api_version(), kind.kind)) return *err;
  field_errors errs;
  if (kind.validate) kind.validate(json::value(obj), errs);
  if (!errs.empty()) return invalid(kind, string_field(metadata_of(obj), "name"), errs);
  kind.review(obj, ctx);
  return msg::api_response{201, "application/json", json::serialize(obj)};
}

msg::api_response answer_token_request(std::string_view body, const json::object& service_account,
                                       std::chrono::system_clock::time_point now, const std::string& jti,
                                       const std::function<std::string(const std::string& claims)>& sign) {
  auto parsed = parse_object(body);
  if (auto* err = std::get_if<msg::api_response>(&parsed)) return *err;
  auto obj = std::move(std::get<json::object>(parsed));
  if (auto err = check_type(obj, "authentication.k8s.io/v1", "TokenRequest")) return *err;
  const auto* meta = metadata_of(service_account);
  auth::service_account_ref sa{std::string(string_field(meta, "namespace")), std::string(string_field(meta, "name")),
                               std::string(string_field(meta, "uid"))};
  field_errors errs;
  json::value request = obj;
  auto req = auth::read_token_request(request, errs);
  if (!errs.empty()) {
    kind_strategy token_requests;
    token_requests.group = "authentication.k8s.io";
    token_requests.kind = "TokenRequest";
    token_requests.plural = "tokenrequests";
    return invalid(token_requests, sa.name, errs);
  }
  auto token = sign(auth::token_claims(sa, req, now, jti));
  return msg::api_response{201, "application/json",
                           json::serialize(auth::token_request_reply(request, sa, req, token, now))};
}

}  // namespace navarch::api
