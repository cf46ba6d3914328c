#include "runtime/images/digest.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>

#include "runtime/images/image_error.hpp"

namespace navarch::images {

bool is_sha256_digest(std::string_view d) {
  constexpr std::string_view prefix = "sha256:";
  if (d.size() != prefix.size() + 64 || d.substr(0, prefix.size()) != prefix) return false;
  for (char c : d.substr(prefix.size()))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string digest_hex(std::string_view d) {
  if (!is_sha256_digest(d))
    throw image_error(image_errc::bad_layout, "unsupported digest \"" + std::string(d) + "\" (only sha256 is accepted)");
  return std::string(d.substr(7));
}

struct sha256_hasher::state {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~state() { EVP_MD_CTX_free(ctx); }
};

sha256_hasher::sha256_hasher() : s_(std::make_unique<state>()) {
  if (!s_->ctx || EVP_DigestInit_ex(s_->ctx, EVP_sha256(), nullptr) != 1)
    throw image_error(image_errc::io, "OpenSSL could not initialise SHA-256");
}

sha256_hasher::~sha256_hasher() = default;

void sha256_hasher::update(const void* data, std::size_t size) {
  if (size) EVP_DigestUpdate(s_->ctx, data, size);
}

std::string sha256_hasher::finish() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(s_->ctx, md, &len);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

std::string sha256_digest(std::string_view bytes) {
  sha256_hasher h;
  h.update(bytes.data(), bytes.size());
  return h.finish();
}

std::string sha256_file_digest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw image_error(image_errc::io, "cannot read " + file.string());
  sha256_hasher h;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    h.update(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw image_error(image_errc::io, "error reading " + file.string());
  return h.finish();
}

}  // namespace navarch::images
