#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "actors/store/crc32c.hpp"
#include "actors/store/durable_store.hpp"
#include "actors/store/wal_codec.hpp"
#include "tests/unit/store_test_util.hpp"

using namespace navarch;
using namespace navarch::store;
using namespace navarch::store::testing;
namespace fs = std::filesystem;

namespace {

class StoreWal : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "navarch-store-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string wal_path() const { return (fs::path(dir_) / "store.wal").string(); }

  // Writes revisions 2..n+1, one synced txn each, and returns the file size after each sync.
  std::vector<uint64_t> write_puts(int n) {
    durable_store s(dir_);
    std::vector<uint64_t> sizes;
    for (int i = 0; i < n; ++i) {
      s.txn(txn_of(put_op("k" + std::to_string(i % 3), "v" + std::to_string(i))));
      s.sync();
      sizes.push_back(s.log().size());
    }
    return sizes;
  }

  std::string dir_;
};

void flip_byte(const std::string& path, uint64_t offset) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x40));
}

}  // namespace

TEST(StoreCrc32c, MatchesKnownVector) {
  EXPECT_EQ(crc32c("123456789", 9), 0xE3069283u);  // the standard CRC-32C check value
  EXPECT_EQ(crc32c("6789", 4, crc32c("12345", 5)), 0xE3069283u);
}

TEST(StoreWalCodec, RoundTripsEveryField) {
  wal_command cmd;
  cmd.revision = 1234567890123;
  cmd.request.compares = {cmp_num("k", msg::compare::mod, msg::compare::less, -5), cmp_value("v", 1, "text")};
  cmd.request.success = {put_op("a", std::string("bin\0ary", 7), true), del_op("b", "c")};
  cmd.request.failure = {range_op("x", std::string(1, '\0'))};
  wal_command back;
  ASSERT_TRUE(decode(encode(cmd), back));
  EXPECT_EQ(back.revision, cmd.revision);
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
}

TEST_F(StoreWal, ReplayReproducesStateAndRevisions) {
  msg::range_response before_all, before_old;
  int64_t revision = 0;
  {
    durable_store s(dir_);
    s.txn(txn_of(put_op("/a", "1")));                // 2
    s.txn(txn_of(put_op("/b", "1")));                // 3
    msg::txn_request cas;                             // 4, compare succeeds
    cas.compares = {cmp_num("/a", msg::compare::mod, msg::compare::equal, 2)};
    cas.success = {put_op("/a", "2"), del_op("/b")};
    s.txn(cas);
    s.txn(cas);                                       // compare fails now: no write, nothing logged
    s.txn(txn_of(put_op("/c", "1")));                // 5
    EXPECT_EQ(s.compact(4).error, msg::store_ok);
    s.txn(txn_of(put_op("/a", "3")));                // 6
    s.sync();
    revision = s.state().revision();
    before_all = s.state().range(range_req("/", "0"));
    before_old = s.state().range(range_req("/", "0", 4));
  }
  durable_store s(dir_);
  EXPECT_EQ(s.state().revision(), revision);
  EXPECT_EQ(s.state().compact_revision(), 4);
  auto all = s.state().range(range_req("/", "0"));
  ASSERT_EQ(all.kvs.size(), before_all.kvs.size());
  for (std::size_t i = 0; i < all.kvs.size(); ++i) {
    EXPECT_EQ(all.kvs[i].key, before_all.kvs[i].key);
    EXPECT_EQ(all.kvs[i].value, before_all.kvs[i].value);
    EXPECT_EQ(all.kvs[i].mod_revision, before_all.kvs[i].mod_revision);
    EXPECT_EQ(all.kvs[i].create_revision, before_all.kvs[i].create_revision);
    EXPECT_EQ(all.kvs[i].version, before_all.kvs[i].version);
  }
  EXPECT_EQ(s.state().range(range_req("/", "0", 4)).kvs.size(), before_old.kvs.size());
  EXPECT_EQ(s.state().range(range_req("/", "0", 3)).error, msg::store_compacted);
}

TEST_F(StoreWal, UnsyncedWritesAreNotOnDisk) {
  {
    durable_store s(dir_);
    s.txn(txn_of(put_op("a", "1")));
    s.sync();
    s.txn(txn_of(put_op("b", "1")));
    EXPECT_TRUE(s.has_unsynced());
  }
  durable_store s(dir_);
  EXPECT_EQ(s.state().revision(), 2);
}

TEST_F(StoreWal, TornTailIsCutAndTheStoreOpensWithThePrefix) {
  auto sizes = write_puts(5);
  fs::resize_file(wal_path(), sizes[3] + (sizes[4] - sizes[3]) / 2);  // mid last record
  ::testing::internal::CaptureStderr();
  {
    durable_store s(dir_);
    EXPECT_EQ(s.state().revision(), 5);  // revisions 2..5 survive
    EXPECT_EQ(s.state().range(range_req("k0")).kvs.at(0).value, "v3");
    EXPECT_EQ(fs::file_size(wal_path()), sizes[3]);
  }
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find(wal_path()), std::string::npos) << log;
  EXPECT_NE(log.find("offset " + std::to_string(sizes[3])), std::string::npos) << log;
}

TEST_F(StoreWal, TornRecordHeaderIsCut) {
  auto sizes = write_puts(2);
  fs::resize_file(wal_path(), sizes[0] + 3);
  ::testing::internal::CaptureStderr();
  durable_store s(dir_);
  ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(s.state().revision(), 2);
  EXPECT_EQ(fs::file_size(wal_path()), sizes[0]);
}

TEST_F(StoreWal, FlippedByteInLastRecordIsDetectedAndDropped) {
  auto sizes = write_puts(3);
  flip_byte(wal_path(), sizes[2] - 2);  // inside the last payload
  ::testing::internal::CaptureStderr();
  durable_store s(dir_);
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("checksum mismatch"), std::string::npos) << log;
  EXPECT_EQ(s.state().revision(), 3);
  EXPECT_EQ(fs::file_size(wal_path()), sizes[1]);
}

TEST_F(StoreWal, AppendsAfterTruncationReplay) {
  auto sizes = write_puts(3);
  fs::resize_file(wal_path(), sizes[2] - 1);
  ::testing::internal::CaptureStderr();
  {
    durable_store s(dir_);
    EXPECT_EQ(s.state().revision(), 3);
    auto r = s.txn(txn_of(put_op("after", "cut")));
    EXPECT_EQ(r.response.revision, 4);
    s.sync();
  }
  ::testing::internal::GetCapturedStderr();
  durable_store s(dir_);
  EXPECT_EQ(s.state().revision(), 4);
  EXPECT_EQ(s.state().range(range_req("after")).kvs.at(0).value, "cut");
}

TEST_F(StoreWal, ForeignFileAndUnusableDirectoryGiveClearErrors) {
  { std::ofstream(wal_path()) << "definitely not a wal"; }
  try {
    durable_store s(dir_);
    FAIL() << "opened a foreign file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad magic"), std::string::npos) << e.what();
  }
  std::string blocker = dir_ + "/file";
  { std::ofstream(blocker) << "x"; }
  try {
    durable_store s(blocker + "/sub");
    FAIL() << "opened under a regular file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(blocker), std::string::npos) << e.what();
  }
}
