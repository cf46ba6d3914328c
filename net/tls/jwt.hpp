// JSON Web Tokens signed with RS256 (RFC 7515/7519), as Kubernetes signs service-account tokens: the header
// names the key by `kid`, the SHA-256 of the public key's DER encoding in base64url (what kube-apiserver uses).
// OpenSSL only; the claims are the caller's JSON text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace navarch::tls {

// A new RSA key for signing tokens, as PEM (PKCS#8).
std::string new_token_signing_key();

// `<header>.<claims>.<signature>`. Throws std::runtime_error when the key is not a usable RSA private key.
std::string sign_jwt(const std::string& private_key_pem, std::string_view claims_json);

// The claims JSON of a token whose RS256 signature verifies against this key (a private key's public half is
// used), or nullopt for anything else: malformed, another algorithm, another key, a bad signature. Checking the
// claims (expiry, audience, issuer) is the caller's.
std::optional<std::string> verify_jwt(const std::string& private_key_pem, std::string_view token);

}  // namespace navarch::tls
