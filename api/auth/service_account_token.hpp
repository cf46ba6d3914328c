// Service-account tokens, as Kubernetes writes them: what a TokenRequest may ask (validated, defaulted), the JWT
// claims of the token it gets, and the user a TokenReview finds in verified claims. Signing and verifying the
// JWT itself is net/tls/jwt.hpp's; this is the pure part around it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "api/auth/identity.hpp"
#include "api/validation/field_error.hpp"

namespace navarch::api::auth {

// The issuer, and the audience a token gets when the request names none.
inline constexpr const char* token_issuer = "https://kubernetes.default.svc.cluster.local";

struct token_request {
  std::vector<std::string> audiences;
  int64_t expiration_seconds = 3600;
};

// Reads a TokenRequest (spec.audiences, spec.expirationSeconds: at least 10 minutes, at most 2^32 seconds).
// Errors are appended to `errs`.
token_request read_token_request(const boost::json::value& body, field_errors& errs);

struct service_account_ref {
  std::string ns, name, uid;
};

// The claims of a token for this service account: iss, sub, aud, iat, nbf, exp, jti and kubernetes.io.
std::string token_claims(const service_account_ref& sa, const token_request& req,
                         std::chrono::system_clock::time_point now, const std::string& jti);

// The TokenRequest answered: spec with its defaults, status with the token and when it expires.
boost::json::object token_request_reply(const boost::json::value& body, const service_account_ref& sa,
                                        const token_request& req, const std::string& token,
                                        std::chrono::system_clock::time_point now);

// The user verified claims stand for, if the token is valid now and meant for one of `audiences` (empty: the
// issuer); `accepted` receives the audiences it matched, `error` why it is refused.
std::optional<user_info> user_from_claims(const std::string& claims_json, std::vector<std::string> audiences,
                                          std::chrono::system_clock::time_point now,
                                          std::vector<std::string>& accepted, std::string& error);

}  // namespace navarch::api::auth
