#include <gtest/gtest.h>

#include <random>

#include "actors/store/replica/raft_codec.hpp"

using namespace navarch;
using navarch::store::decode;
using navarch::store::encode;

namespace {

constexpr raft::msg_type all_types[] = {
    raft::msg_type::append,         raft::msg_type::append_resp, raft::msg_type::vote,
    raft::msg_type::vote_resp,      raft::msg_type::pre_vote,    raft::msg_type::pre_vote_resp,
    raft::msg_type::heartbeat,      raft::msg_type::heartbeat_resp, raft::msg_type::install_snapshot,
    raft::msg_type::timeout_now,
};

raft::message full_message(raft::msg_type t) {
  raft::message m;
  m.type = t;
  m.from = 3;
  m.to = 0xFFFFFFFFFFFFFFFFull;  // the widest varint
  m.term = 7;
  m.log_term = 6;
  m.index = 1234567;
  m.entries = {raft::entry{6, 1234568, raft::entry_type::normal, "put k v"},
               raft::entry{7, 1234569, raft::entry_type::conf_change, std::string("\0\x01\xff", 3)},
               raft::entry{7, 1234570, raft::entry_type::normal, ""}};
  m.commit = 1234560;
  m.snap = raft::snapshot{1000, 5, raft::conf_state{{1, 2, 3}, {4, 5}}, std::string(5000, '\x80')};
  m.reject = true;
  m.reject_hint = 99;
  m.transfer = true;
  m.context = "read-ctx-42";
  return m;
}

void expect_same(const raft::message& a, const raft::message& b) {
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.from, b.from);
  EXPECT_EQ(a.to, b.to);
  EXPECT_EQ(a.term, b.term);
  EXPECT_EQ(a.log_term, b.log_term);
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(a.entries, b.entries);
  EXPECT_EQ(a.commit, b.commit);
  EXPECT_EQ(a.snap.index, b.snap.index);
  EXPECT_EQ(a.snap.term, b.snap.term);
  EXPECT_EQ(a.snap.conf, b.snap.conf);
  EXPECT_EQ(a.snap.data, b.snap.data);
  EXPECT_EQ(a.reject, b.reject);
  EXPECT_EQ(a.reject_hint, b.reject_hint);
  EXPECT_EQ(a.transfer, b.transfer);
  EXPECT_EQ(a.context, b.context);
}

}  // namespace

TEST(RaftCodec, EveryMessageTypeRoundTripsWithEveryField) {
  for (auto t : all_types) {
    SCOPED_TRACE(raft::to_string(t));
    const raft::message m = full_message(t);
    const std::string bytes = encode(m);
    EXPECT_EQ(static_cast<uint8_t>(bytes[0]), store::raft_codec_version);
    raft::message out;
    ASSERT_TRUE(decode(bytes, out));
    expect_same(m, out);
  }
}

TEST(RaftCodec, DefaultMessageRoundTripsAndIsSmall) {
  raft::message m;
  m.type = raft::msg_type::heartbeat;
  m.from = 1;
  m.to = 2;
  const std::string bytes = encode(m);
  EXPECT_LT(bytes.size(), 24u);
  raft::message out = full_message(raft::msg_type::append);  // every field is overwritten
  ASSERT_TRUE(decode(bytes, out));
  expect_same(m, out);
}

TEST(RaftCodec, EveryTruncationIsRejectedAndLeavesTheOutputAlone) {
  const std::string bytes = encode(full_message(raft::msg_type::install_snapshot));
  for (std::size_t n = 0; n < bytes.size(); n += (n < 200 ? 1 : 97)) {
    raft::message out;
    out.term = 77;
    EXPECT_FALSE(decode(std::string_view(bytes).substr(0, n), out)) << "prefix of " << n << " bytes";
    EXPECT_EQ(out.term, 77u);
  }
  raft::message out;
  EXPECT_FALSE(decode(bytes + '\0', out));  // trailing bytes
}

TEST(RaftCodec, BadVersionTypeAndFlagsAreRejected) {
  const std::string good = encode(full_message(raft::msg_type::vote));
  raft::message out;
  std::string bad = good;
  bad[0] = 2;
  EXPECT_FALSE(decode(bad, out));
  bad = good;
  bad[1] = static_cast<char>(static_cast<uint8_t>(raft::msg_type::timeout_now) + 1);
  EXPECT_FALSE(decode(bad, out));
  raft::message m;
  m.reject = true;
  std::string flags = encode(m);
  // Layout of a default message: version, type, from..index (5 one-byte varints), no entries, commit, snapshot
  // (index, term, no voters, no learners, empty data), then the reject flag.
  const std::size_t reject_at = 2 + 5 + 1 + 1 + 5;
  ASSERT_EQ(flags[reject_at], 1);
  flags[reject_at] = 2;
  EXPECT_FALSE(decode(flags, out));
}

TEST(RaftCodec, HugeCountsAndLengthsAreRejectedWithoutAllocating) {
  // version, append, from..index zero, then an entry count of 2^63.
  std::string bytes = {1, 0, 0, 0, 0, 0, 0};
  for (int i = 0; i < 9; ++i)
    bytes.push_back(static_cast<char>(0xFF));
  bytes.push_back(0x7F);
  raft::message out;
  EXPECT_FALSE(decode(bytes, out));
}

TEST(RaftCodec, RandomBytesAndMutationsNeverCrash) {
  std::mt19937_64 rng(12345);
  std::vector<std::string> seeds;
  for (auto t : all_types)
    seeds.push_back(encode(full_message(t)));
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string bytes;
    if (round % 2 == 0) {
      bytes.resize(rng() % 64);
      for (auto& c : bytes)
        c = static_cast<char>(rng());
      if (!bytes.empty())
        bytes[0] = 1;  // get past the version byte now and then
    } else {
      bytes = seeds[rng() % seeds.size()];
      for (int flips = 1 + static_cast<int>(rng() % 4); flips > 0; --flips)
        bytes[rng() % bytes.size()] = static_cast<char>(rng());
      if (rng() % 3 == 0)
        bytes.resize(rng() % bytes.size());
    }
    raft::message out;
    if (decode(bytes, out)) {
      ++accepted;
      raft::message again;  // whatever decodes re-encodes to an equivalent message
      ASSERT_TRUE(decode(encode(out), again));
      expect_same(out, again);
    }
  }
  EXPECT_GT(accepted, 0);  // some mutations (inside data strings) still decode
}

TEST(RaftCodec, EntryAndSnapshotBuildingBlocksRoundTrip) {
  std::string bytes;
  store::codec::writer w(bytes);
  const raft::entry e{9, 10, raft::entry_type::conf_change, "cc"};
  const raft::snapshot s{10, 9, {{1}, {2}}, "data"};
  const raft::hard_state hs{9, 1, 10};
  store::put(w, e);
  store::put(w, s);
  store::put(w, hs);
  store::codec::reader r(bytes);
  raft::entry e2;
  raft::snapshot s2;
  raft::hard_state hs2;
  ASSERT_TRUE(store::get(r, e2));
  ASSERT_TRUE(store::get(r, s2));
  ASSERT_TRUE(store::get(r, hs2));
  EXPECT_TRUE(r.done());
  EXPECT_EQ(e2, e);
  EXPECT_EQ(s2.index, 10u);
  EXPECT_EQ(s2.conf, s.conf);
  EXPECT_EQ(s2.data, "data");
  EXPECT_EQ(hs2, hs);
}
