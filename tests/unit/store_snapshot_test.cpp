#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "actors/store/crc32c.hpp"
#include "actors/store/mvcc_snapshot.hpp"
#include "tests/unit/mvcc_observe.hpp"
#include "tests/unit/store_test_util.hpp"

using namespace navarch;
using namespace navarch::store;
using namespace navarch::store::testing;
namespace fs = std::filesystem;

namespace {

void random_history(mvcc& m, std::mt19937& rng, int steps) {
  for (int i = 0; i < steps; ++i) {
    if (rng() % 15 == 0 && m.revision() > m.compact_revision() + 1)
      m.compact(m.compact_revision() + 1 + static_cast<int64_t>(rng() % (m.revision() - m.compact_revision())));
    else
      m.txn(random_txn(rng));
  }
}

TEST(StoreSnapshot, EmptyStoreRoundTrips) {
  mvcc empty;
  mvcc back = restore(serialize(empty));
  EXPECT_EQ(back.revision(), 1);
  EXPECT_EQ(back.compact_revision(), 0);
  EXPECT_EQ(observe(back), observe(empty));
}

TEST(StoreSnapshot, RandomHistoriesRestoreToEqualStores) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    mvcc m;
    random_history(m, rng, 20 + static_cast<int>(seed) * 5);
    const std::string snap = serialize(m);
    mvcc back = restore(snap);
    ASSERT_EQ(observe(back), observe(m)) << "seed " << seed;
    EXPECT_EQ(serialize(back), snap);
    // Both continue identically: same answers to the same later writes and compactions.
    std::mt19937 rng_a(seed + 1000), rng_b(seed + 1000);
    for (int i = 0; i < 30; ++i)
      ASSERT_EQ(dump(m.txn(random_txn(rng_a))), dump(back.txn(random_txn(rng_b)))) << "seed " << seed;
    EXPECT_EQ(m.compact(m.revision()).error, back.compact(back.revision()).error);
    EXPECT_EQ(observe(back), observe(m)) << "seed " << seed;
  }
}

TEST(StoreSnapshot, CorruptInputIsAClearError) {
  std::mt19937 rng(7);
  mvcc m;
  random_history(m, rng, 50);
  const std::string snap = serialize(m);
  auto error_of = [](const std::string& bytes) {
    try {
      restore(bytes);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("").find("bad magic"), std::string::npos);
  EXPECT_NE(error_of("NAVWAL01" + snap.substr(8)).find("bad magic"), std::string::npos);
  EXPECT_NE(error_of("NAVSNP99" + snap.substr(8)).find("unsupported format version"), std::string::npos);
  EXPECT_NE(error_of(snap.substr(0, snap.size() - 1)).find("checksum mismatch"), std::string::npos);
  for (std::size_t i = 12; i < snap.size(); i += 7) {
    std::string flipped = snap;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x10);
    EXPECT_NE(error_of(flipped).find("checksum mismatch"), std::string::npos) << "byte " << i;
  }
}

// Re-checksums a hand-edited body, to reach the consistency checks behind the CRC.
std::string with_body(const std::string& snap, const std::string& body) {
  const uint32_t crc = crc32c(body.data(), body.size());
  std::string out = snap.substr(0, 8);
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>((crc >> (8 * i)) & 0xFF));
  return out + body;
}

TEST(StoreSnapshot, InconsistentBodyWithValidChecksumIsRefused) {
  mvcc m;
  m.txn(txn_of(put_op("a", "1")));
  const std::string snap = serialize(m);
  // Body: varint revision (2), varint compaction point (0), key count (1), key "a", one write at revision 2.
  const std::string body = snap.substr(12);
  ASSERT_EQ(body.substr(0, 5), std::string("\x02\x00\x01\x01" "a", 5));
  EXPECT_NO_THROW(restore(with_body(snap, body)));

  std::string compact_past_revision = body;
  compact_past_revision[1] = 5;
  EXPECT_THROW(restore(with_body(snap, compact_past_revision)), std::runtime_error);

  std::string write_beyond_revision = body;
  write_beyond_revision[0] = 1;  // the store claims revision 1 but holds a write at 2
  EXPECT_THROW(restore(with_body(snap, write_beyond_revision)), std::runtime_error);

  EXPECT_THROW(restore(with_body(snap, body + "x")), std::runtime_error);
  EXPECT_THROW(restore(with_body(snap, body.substr(0, body.size() - 1))), std::runtime_error);
}

TEST(StoreSnapshotMeasure, HundredThousandKeys) {
  mvcc m;
  msg::txn_request t;
  for (int i = 0; i < 100000; ++i) {
    t.success.assign(1, put_op("/registry/pods/default/pod-" + std::to_string(i), std::string(100, 'x')));
    m.txn(t);
  }
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  const std::string snap = serialize(m);
  auto t1 = clock::now();
  mvcc back = restore(snap);
  auto t2 = clock::now();
  ASSERT_EQ(back.key_count(), 100000u);
  ASSERT_EQ(back.revision(), m.revision());
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::cout << "snapshot of 100k keys (100-byte values): " << snap.size() << " bytes, serialize " << ms(t1 - t0)
            << " ms, restore " << ms(t2 - t1) << " ms\n";
}

}  // namespace
