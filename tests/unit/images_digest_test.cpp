#include <gtest/gtest.h>

#include "runtime/images/digest.hpp"
#include "runtime/images/image_error.hpp"

using namespace navarch::images;

TEST(ImageDigest, KnownVectors) {
  EXPECT_EQ(sha256_digest(""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_digest("abc"), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ImageDigest, IncrementalEqualsOneShot) {
  std::string data(200000, 'x');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31);
  sha256_hasher h;
  for (std::size_t i = 0; i < data.size(); i += 777) h.update(data.data() + i, std::min<std::size_t>(777, data.size() - i));
  EXPECT_EQ(h.finish(), sha256_digest(data));
}

TEST(ImageDigest, Validation) {
  auto good = sha256_digest("x");
  EXPECT_TRUE(is_sha256_digest(good));
  EXPECT_EQ(digest_hex(good), good.substr(7));
  EXPECT_FALSE(is_sha256_digest(good.substr(0, good.size() - 1)));
  std::string upper = good;
  upper[10] = 'A';
  EXPECT_FALSE(is_sha256_digest(upper));
  EXPECT_FALSE(is_sha256_digest("sha512:" + good.substr(7)));
  EXPECT_FALSE(is_sha256_digest("sha256:../../../../etc/passwd0000000000000000000000000000000000000"));
  EXPECT_THROW(digest_hex("sha256:zz"), image_error);
}
