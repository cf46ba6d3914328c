#include "api/auth/service_account_token.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/time/rfc3339.hpp"

namespace navarch::api::auth {

namespace json = boost::json;

namespace {

constexpr int64_t min_expiration = 600;
constexpr int64_t max_expiration = int64_t{1} << 32;

int64_t seconds_of(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

token_request read_token_request(const json::value& body, field_errors& errs) {
  token_request req;
  if (const auto* auds = jv::array_at(body, {"spec", "audiences"}))
    for (const auto& a : *auds)
      if (a.is_string() && !a.get_string().empty()) req.audiences.emplace_back(a.get_string());
  if (req.audiences.empty()) req.audiences.emplace_back(token_issuer);
  if (jv::has(body, {"spec", "expirationSeconds"})) {
    auto secs = jv::int_at(body, {"spec", "expirationSeconds"});
    if (!secs) errs.push_back(invalid_raw("spec.expirationSeconds",
                                          json::serialize(*jv::at(body, {"spec", "expirationSeconds"})),
                                          "must be a number of seconds"));
    else if (*secs < min_expiration)
      errs.push_back(invalid("spec.expirationSeconds", *secs, "may not specify a duration less than 10 minutes"));
    else if (*secs > max_expiration)
      errs.push_back(invalid("spec.expirationSeconds", *secs, "may not specify a duration larger than 2^32 seconds"));
    else req.expiration_seconds = *secs;
  }
  return req;
}

std::string token_claims(const service_account_ref& sa, const token_request& req,
                         std::chrono::system_clock::time_point now, const std::string& jti) {
  int64_t iat = seconds_of(now);
  json::object claims{
      {"aud", strings(req.audiences)},
      {"exp", iat + req.expiration_seconds},
      {"iat", iat},
      {"iss", token_issuer},
      {"jti", jti},
      {"kubernetes.io",
       json::object{{"namespace", sa.ns}, {"serviceaccount", json::object{{"name", sa.name}, {"uid", sa.uid}}}}},
      {"nbf", iat},
      {"sub", "system:serviceaccount:" + sa.ns + ":" + sa.name}};
  return json::serialize(claims);
}

json::object token_request_reply(const json::value& body, const service_account_ref& sa, const token_request& req,
                                 const std::string& token, std::chrono::system_clock::time_point now) {
  json::object out = body.is_object() ? body.get_object() : json::object{};
  out["apiVersion"] = "authentication.k8s.io/v1";
  out["kind"] = "TokenRequest";
  auto& meta = out["metadata"];
  if (!meta.is_object()) meta = json::object{};
  meta.get_object()["name"] = sa.name;
  meta.get_object()["namespace"] = sa.ns;
  meta.get_object()["creationTimestamp"] = api::rfc3339(now);
  auto& spec = out["spec"];
  if (!spec.is_object()) spec = json::object{};
  spec.get_object()["audiences"] = strings(req.audiences);
  spec.get_object()["expirationSeconds"] = req.expiration_seconds;
  spec.get_object()["boundObjectRef"] = nullptr;
  out["status"] = json::object{
      {"token", token},
      {"expirationTimestamp", api::rfc3339(now + std::chrono::seconds(req.expiration_seconds))}};
  return out;
}

std::optional<user_info> user_from_claims(const std::string& claims_json, std::vector<std::string> audiences,
                                          std::chrono::system_clock::time_point now,
                                          std::vector<std::string>& accepted, std::string& error) {
  json::error_code ec;
  auto claims = json::parse(claims_json, ec);
  if (ec || !claims.is_object()) return error = "the token's claims are not JSON", std::nullopt;
  int64_t t = seconds_of(now);
  if (jv::string_at(claims, {"iss"}) != token_issuer) return error = "the token has another issuer", std::nullopt;
  auto exp = jv::int_at(claims, {"exp"});
  if (!exp || *exp <= t) return error = "the token has expired", std::nullopt;
  if (auto nbf = jv::int_at(claims, {"nbf"}); nbf && *nbf > t) return error = "the token is not valid yet", std::nullopt;
  if (audiences.empty()) audiences.emplace_back(token_issuer);
  accepted.clear();
  if (const auto* auds = jv::array_at(claims, {"aud"}))
    for (const auto& a : *auds)
      for (const auto& want : audiences)
        if (a.is_string() && a.get_string() == want) accepted.push_back(want);
  if (accepted.empty()) return error = "the token is not meant for these audiences", std::nullopt;
  std::string ns(jv::string_at(claims, {"kubernetes.io", "namespace"}));
  std::string name(jv::string_at(claims, {"kubernetes.io", "serviceaccount", "name"}));
  if (ns.empty() || name.empty() || jv::string_at(claims, {"sub"}) != "system:serviceaccount:" + ns + ":" + name)
    return error = "the token names no service account", std::nullopt;
  return user_info{"system:serviceaccount:" + ns + ":" + name,
                   std::string(jv::string_at(claims, {"kubernetes.io", "serviceaccount", "uid"})),
                   {"system:serviceaccounts", "system:serviceaccounts:" + ns, authenticated_group}};
}

}  // namespace navarch::api::auth
