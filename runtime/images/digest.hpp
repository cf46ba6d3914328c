#pragma once
// SHA-256 content digests in OCI form ("sha256:<64 lowercase hex>").
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace navarch::images {

// True for "sha256:" followed by exactly 64 lowercase hex digits (the only algorithm the store accepts).
bool is_sha256_digest(std::string_view digest);
// The hex part of a digest already checked with is_sha256_digest; throws image_error(bad_layout) otherwise.
std::string digest_hex(std::string_view digest);

std::string sha256_digest(std::string_view bytes);

// Incremental hashing for streams that do not fit in memory.
class sha256_hasher {
public:
  sha256_hasher();
  ~sha256_hasher();
  sha256_hasher(const sha256_hasher&) = delete;
  sha256_hasher& operator=(const sha256_hasher&) = delete;
  void update(const void* data, std::size_t size);
  std::string finish();  // "sha256:<hex>"; the hasher is spent afterwards

private:
  struct state;
  std::unique_ptr<state> s_;
};

// Digest of a whole file; throws image_error(io) if it cannot be read.
std::string sha256_file_digest(const std::filesystem::path& file);

}  // namespace navarch::images
