#include <gtest/gtest.h>

#include "net/codec/base64.hpp"

using navarch::codec::base64_decode;
using navarch::codec::base64_encode;

TEST(Base64, Rfc4648Vectors) {
  for (auto [plain, encoded] : {std::pair{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
                                {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}}) {
    EXPECT_EQ(base64_encode(plain), encoded);
    EXPECT_EQ(base64_decode(encoded), std::string(plain));
  }
}

TEST(Base64, RejectsMalformedInput) {
  EXPECT_FALSE(base64_decode("Zg="));     // not a multiple of 4
  EXPECT_FALSE(base64_decode("Z!=="));    // not in the alphabet
  EXPECT_FALSE(base64_decode("Zg==Zg==")); // padding in the middle
  std::string bytes("\x00\xff\x10", 3);
  EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
}

TEST(Base64, UrlSafeWithoutPadding) {
  using navarch::codec::base64url_decode;
  using navarch::codec::base64url_encode;
  std::string bytes("\xfb\xff\xbf", 3);  // "+/+/" in the standard alphabet
  EXPECT_EQ(base64url_encode(bytes), "-_-_");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_decode("Zg"), std::string("f"));
  EXPECT_EQ(base64url_decode("-_-_"), bytes);
  EXPECT_FALSE(base64url_decode("Zg=="));  // padding is not part of the form
  EXPECT_FALSE(base64url_decode("+/+/"));
  EXPECT_FALSE(base64url_decode("Z"));
}
