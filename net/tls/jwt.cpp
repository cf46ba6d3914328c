#include "net/tls/jwt.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

#include "net/codec/base64.hpp"
#include "net/tls/openssl_ptr.hpp"

namespace navarch::tls {

namespace {

using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, openssl_deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

pkey_ptr load_key(const std::string& pem) {
  bio_ptr b{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
  pkey_ptr key{b ? PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, nullptr) : nullptr};
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    ERR_clear_error();
    throw std::runtime_error("the token signing key is not an RSA private key");
  }
  return key;
}

// base64url(SHA-256(DER SubjectPublicKeyInfo)).
std::string key_id(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int n = i2d_PUBKEY(key, &der);
  if (n <= 0) throw std::runtime_error("cannot encode the token signing key");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  bool ok = EVP_Digest(der, static_cast<std::size_t>(n), digest, &digest_len, EVP_sha256(), nullptr) == 1;
  OPENSSL_free(der);
  if (!ok) throw std::runtime_error("cannot hash the token signing key");
  return codec::base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), digest_len));
}

std::string header_for(EVP_PKEY* key) { return R"({"alg":"RS256","kid":")" + key_id(key) + R"("})"; }

}  // namespace

std::string new_token_signing_key() {
  pkey_ptr key{EVP_RSA_gen(2048)};
  if (!key) throw std::runtime_error("cannot generate an RSA key");
  bio_ptr b{BIO_new(BIO_s_mem())};
  if (!b || PEM_write_bio_PrivateKey(b.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("cannot encode an RSA key");
  char* data = nullptr;
  long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string sign_jwt(const std::string& private_key_pem, std::string_view claims_json) {
  auto key = load_key(private_key_pem);
  std::string signing_input = codec::base64url_encode(header_for(key.get())) + "." + codec::base64url_encode(claims_json);
  md_ctx_ptr ctx{EVP_MD_CTX_new()};
  std::size_t sig_len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &sig_len,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1)
    throw std::runtime_error("cannot sign a token");
  std::string sig(sig_len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &sig_len,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1)
    throw std::runtime_error("cannot sign a token");
  sig.resize(sig_len);
  return signing_input + "." + codec::base64url_encode(sig);
}

std::optional<std::string> verify_jwt(const std::string& private_key_pem, std::string_view token) {
  auto first = token.find('.');
  auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
  auto key = load_key(private_key_pem);
  auto header = codec::base64url_decode(token.substr(0, first));
  auto claims = codec::base64url_decode(token.substr(first + 1, second - first - 1));
  auto sig = codec::base64url_decode(token.substr(second + 1));
  // The header must be exactly ours: RS256 with this key's id (no "none", no other algorithm).
  if (!header || !claims || !sig || *header != header_for(key.get())) return std::nullopt;
  std::string_view signing_input = token.substr(0, second);
  md_ctx_ptr ctx{EVP_MD_CTX_new()};
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                             reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
  ERR_clear_error();
  if (!ok) return std::nullopt;
  return claims;
}

}  // namespace navarch::tls
