#include <gtest/gtest.h>

#include "actors/store/crc32c.hpp"
#include "actors/store/wal_codec.hpp"
#include "tests/unit/store_test_util.hpp"

using namespace navarch;
using namespace navarch::store;
using namespace navarch::store::testing;

TEST(StoreCrc32c, MatchesKnownVector) {
  EXPECT_EQ(crc32c("123456789", 9), 0xE3069283u);  // the standard CRC-32C check value
  EXPECT_EQ(crc32c("6789", 4, crc32c("12345", 5)), 0xE3069283u);
}

TEST(StoreWalCodec, RoundTripsEveryField) {
  wal_command cmd;
  cmd.request.compares = {cmp_num("k", msg::compare::mod, msg::compare::less, -5), cmp_value("v", 1, "text")};
  cmd.request.success = {put_op("a", std::string("bin\0ary", 7), true), del_op("b", "c")};
  cmd.request.failure = {range_op("x", std::string(1, '\0'))};
  wal_command back;
  ASSERT_TRUE(decode(encode(cmd), back));
  ASSERT_EQ(back.request.compares.size(), 2u);
  EXPECT_EQ(back.request.compares[0].number, -5);
  EXPECT_EQ(back.request.compares[1].text, "text");
  EXPECT_EQ(back.request.success[0].value, std::string("bin\0ary", 7));
  EXPECT_TRUE(back.request.success[0].prev_kv);
  EXPECT_EQ(back.request.success[1].range_end, "c");
  EXPECT_EQ(back.request.failure[0].range_end, std::string(1, '\0'));

  std::string bytes = encode(cmd);
  EXPECT_FALSE(decode(bytes.substr(0, bytes.size() - 1), back));
  EXPECT_FALSE(decode(bytes + "x", back));
  EXPECT_FALSE(decode("\x09", back));

  wal_command compact;
  compact.kind = wal_command::compact;
  compact.compact_revision = 42;
  ASSERT_TRUE(decode(encode(compact), back));
  EXPECT_EQ(back.kind, wal_command::compact);
  EXPECT_EQ(back.compact_revision, 42);
}
