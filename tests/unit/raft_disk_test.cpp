#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "actors/store/replica/raft_disk.hpp"

using namespace navarch;
using navarch::store::raft_disk;
namespace fs = std::filesystem;

namespace {

store::snapshot_data data_of(std::string bytes) {
  return [bytes = std::move(bytes)] { return bytes; };
}

// Rewrites raft.log at every installed snapshot, so the tests see compaction on disk at once.
const store::raft_disk_options eager{0};

raft::entry ent(uint64_t term, uint64_t index, std::string data = "") {
  return raft::entry{term, index, raft::entry_type::normal, data.empty() ? "e" + std::to_string(index) : data};
}

std::vector<raft::entry> ents(uint64_t term, uint64_t from, uint64_t to) {
  std::vector<raft::entry> out;
  for (uint64_t i = from; i <= to; ++i)
    out.push_back(ent(term, i));
  return out;
}

raft::ready ready_of(std::vector<raft::entry> es, raft::hard_state hs = {}) {
  raft::ready rd;
  rd.entries = std::move(es);
  rd.hard = hs;
  return rd;
}

void persist(raft_disk& d, std::vector<raft::entry> es, raft::hard_state hs = {}) {
  d.write(ready_of(std::move(es), hs));
  d.sync();
}

std::vector<raft::entry> all(const raft_disk& d) {
  return d.entries(d.first_index(), d.last_index() + 1, std::numeric_limits<uint64_t>::max());
}

void flip_byte(const std::string& path, uint64_t offset) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x40));
}

class RaftDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "navarch-raftdisk-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string log_path() const { return dir_ + "/raft.log"; }
  std::string snap_path() const { return dir_ + "/raft.snap"; }

  std::string dir_;
};

}  // namespace

TEST_F(RaftDisk, FreshDirectoryIsAnEmptyLog) {
  raft_disk d(dir_ + "/sub/dir");
  EXPECT_EQ(d.first_index(), 1u);
  EXPECT_EQ(d.last_index(), 0u);
  EXPECT_TRUE(d.initial_hard_state().empty());
  EXPECT_TRUE(d.latest_snapshot().empty());
  EXPECT_FALSE(d.has_unsynced());
  EXPECT_EQ(d.term(0), 0u);
}

TEST_F(RaftDisk, ReopenYieldsHardStateAndEntries) {
  const raft::hard_state hs{3, 2, 4};
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 3), raft::hard_state{1, 1, 0});
    persist(d, {ent(3, 4, std::string(1000, 'x')), ent(3, 5)}, hs);
    EXPECT_EQ(d.last_index(), 5u);
    EXPECT_EQ(d.initial_hard_state(), hs);
  }
  raft_disk d(dir_, eager);
  EXPECT_EQ(d.initial_hard_state(), hs);
  EXPECT_EQ(d.first_index(), 1u);
  ASSERT_EQ(d.last_index(), 5u);
  EXPECT_EQ(*d.term(3), 1u);
  EXPECT_EQ(*d.term(4), 3u);
  auto es = all(d);
  EXPECT_EQ(es[3].data, std::string(1000, 'x'));
  EXPECT_EQ(es[4], ent(3, 5));
  // Appends after a reopen land behind the replayed records.
  persist(d, {ent(4, 6)});
  raft_disk again(dir_, eager);
  EXPECT_EQ(again.last_index(), 6u);
  EXPECT_EQ(again.initial_hard_state(), hs);
}

TEST_F(RaftDisk, ConflictingSuffixIsReplacedAndStaysReplaced) {
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 5));
    persist(d, ents(2, 3, 4));  // conflicts from index 3: 5 goes too
    EXPECT_EQ(d.last_index(), 4u);
    EXPECT_EQ(*d.term(3), 2u);
  }
  raft_disk d(dir_, eager);
  ASSERT_EQ(d.last_index(), 4u);
  EXPECT_EQ(*d.term(2), 1u);
  EXPECT_EQ(*d.term(3), 2u);
  EXPECT_EQ(*d.term(4), 2u);
  EXPECT_FALSE(d.term(5).has_value());
}

TEST_F(RaftDisk, NothingIsVisibleBeforeSyncAndUnsyncedWritesAreLostInACrash) {
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 2), raft::hard_state{1, 1, 1});
    d.write(ready_of(ents(1, 3, 4), raft::hard_state{2, 0, 3}));
    EXPECT_TRUE(d.has_unsynced());
    EXPECT_EQ(d.last_index(), 2u);  // the storage view shows synced state only
    EXPECT_EQ(d.initial_hard_state(), (raft::hard_state{1, 1, 1}));
  }  // "crash": destroyed without sync
  raft_disk d(dir_, eager);
  EXPECT_EQ(d.last_index(), 2u);
  EXPECT_EQ(d.initial_hard_state(), (raft::hard_state{1, 1, 1}));
  EXPECT_FALSE(d.has_unsynced());
}

TEST_F(RaftDisk, ReadyWithNothingToPersistBuffersNothing) {
  raft_disk d(dir_, eager);
  raft::ready rd;
  rd.committed = ents(1, 1, 1);  // not for the log
  d.write(rd);
  EXPECT_FALSE(d.has_unsynced());
}

TEST_F(RaftDisk, EntriesLeavingAGapAreRefusedBeforeBuffering) {
  raft_disk d(dir_, eager);
  persist(d, ents(1, 1, 2));
  EXPECT_THROW(d.write(ready_of(ents(1, 4, 5))), std::logic_error);
  EXPECT_THROW(d.write(ready_of({ent(1, 3), ent(1, 5)})), std::logic_error);
  EXPECT_FALSE(d.has_unsynced());
  // Several pending batches are checked against each other: 3 after 1..2, then 4 after 3.
  d.write(ready_of(ents(1, 3, 3)));
  d.write(ready_of(ents(1, 4, 4)));
  d.sync();
  EXPECT_EQ(d.last_index(), 4u);
}

TEST_F(RaftDisk, TornTailIsCutAndLaterAppendsWork) {
  std::vector<uint64_t> sizes;
  {
    raft_disk d(dir_, eager);
    for (uint64_t i = 1; i <= 4; ++i) {
      persist(d, {ent(1, i)}, raft::hard_state{1, 1, i - 1});
      sizes.push_back(d.log_size());
    }
  }
  fs::resize_file(log_path(), sizes[2] + (sizes[3] - sizes[2]) / 2);  // mid last record
  ::testing::internal::CaptureStderr();
  {
    raft_disk d(dir_, eager);
    std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find(log_path()), std::string::npos) << err;
    EXPECT_NE(err.find("offset " + std::to_string(sizes[2])), std::string::npos) << err;
    EXPECT_EQ(fs::file_size(log_path()), sizes[2]);
    EXPECT_EQ(d.last_index(), 3u);
    EXPECT_EQ(d.initial_hard_state(), (raft::hard_state{1, 1, 2}));
    persist(d, {ent(2, 4, "after-cut")}, raft::hard_state{2, 1, 3});
  }
  raft_disk d(dir_, eager);
  ASSERT_EQ(d.last_index(), 4u);
  EXPECT_EQ(all(d).back().data, "after-cut");
  EXPECT_EQ(d.initial_hard_state(), (raft::hard_state{2, 1, 3}));
}

TEST_F(RaftDisk, FlippedByteIsDetectedAndTheRecordDropped) {
  std::vector<uint64_t> sizes;
  {
    raft_disk d(dir_, eager);
    for (uint64_t i = 1; i <= 3; ++i) {
      persist(d, {ent(1, i)});
      sizes.push_back(d.log_size());
    }
  }
  flip_byte(log_path(), sizes[2] - 2);
  ::testing::internal::CaptureStderr();
  raft_disk d(dir_, eager);
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("checksum mismatch"), std::string::npos) << err;
  EXPECT_EQ(d.last_index(), 2u);
  EXPECT_EQ(fs::file_size(log_path()), sizes[1]);
}

TEST_F(RaftDisk, CreateSnapshotCompactsTheLogFileAndSurvivesReopen) {
  const raft::conf_state cs{{1, 2, 3}, {4}};
  uint64_t full_size = 0;
  {
    raft_disk d(dir_, eager);
    for (uint64_t i = 1; i <= 20; ++i)
      persist(d, {ent(i <= 10 ? 1 : 2, i, std::string(200, 'a'))}, raft::hard_state{2, 1, i});
    full_size = d.log_size();
    d.create_snapshot(15, cs, data_of("state@15"), 12);
    d.await_snapshot();
    EXPECT_LT(d.log_size(), full_size / 2);  // only entries 13..20 and the hard state remain
    EXPECT_EQ(d.first_index(), 13u);
    EXPECT_EQ(d.last_index(), 20u);
    EXPECT_EQ(d.latest_snapshot().index, 15u);
    EXPECT_EQ(d.latest_snapshot().term, 2u);
    persist(d, {ent(3, 21)}, raft::hard_state{3, 1, 21});
  }
  EXPECT_LT(fs::file_size(log_path()), full_size / 2);
  raft_disk d(dir_, eager);
  // Reopened, only what the snapshot does not cover is kept in memory.
  EXPECT_EQ(d.first_index(), 16u);
  EXPECT_EQ(d.last_index(), 21u);
  ASSERT_TRUE(d.term(15));
  EXPECT_EQ(*d.term(15), 2u);  // the compaction point keeps its term
  EXPECT_EQ(d.initial_hard_state(), (raft::hard_state{3, 1, 21}));
  raft::snapshot s = d.latest_snapshot();
  EXPECT_EQ(s.index, 15u);
  EXPECT_EQ(s.term, 2u);
  EXPECT_EQ(s.conf, cs);
  EXPECT_EQ(s.data, "state@15");
  EXPECT_EQ(all(d).front().index, 16u);

  // An older snapshot is ignored; a second one compacts further.
  d.create_snapshot(14, cs, data_of("old"), 14);
  d.await_snapshot();
  EXPECT_EQ(d.latest_snapshot().data, "state@15");
  d.create_snapshot(21, cs, data_of("state@21"), 21);
  d.await_snapshot();
  raft_disk again(dir_, eager);
  EXPECT_EQ(again.first_index(), 22u);
  EXPECT_EQ(again.last_index(), 21u);
  EXPECT_EQ(again.latest_snapshot().data, "state@21");
  EXPECT_EQ(*again.term(21), 3u);
}

TEST_F(RaftDisk, SnapshotsAreWrittenInTheBackgroundAndTheLogFileIsRewrittenOnlyWhenLarge) {
  const raft::conf_state cs{{1}, {}};
  raft_disk d(dir_);  // the default: raft.log is rewritten only past 64 MiB
  persist(d, ents(1, 1, 100), raft::hard_state{1, 1, 100});
  const uint64_t before = d.log_size();
  d.create_snapshot(90, cs, data_of(std::string(32 << 20, 's')), 80);
  // It returned before the snapshot was durable: the log still takes writes, nothing is compacted yet.
  EXPECT_EQ(d.latest_snapshot().index, 0u);
  persist(d, ents(1, 101, 110), raft::hard_state{1, 1, 110});
  d.create_snapshot(95, cs, data_of("ignored while the first is being written"), 95);
  d.await_snapshot();
  EXPECT_EQ(d.latest_snapshot().index, 90u);
  EXPECT_EQ(d.latest_snapshot().data.size(), std::size_t{32} << 20);
  EXPECT_EQ(d.first_index(), 81u);  // compacted in memory
  EXPECT_EQ(d.last_index(), 110u);
  EXPECT_GT(d.log_size(), before);  // but the small log file was not rewritten
  persist(d, ents(1, 111, 111), raft::hard_state{1, 1, 111});
  raft_disk again(dir_);
  EXPECT_EQ(again.latest_snapshot().index, 90u);
  EXPECT_EQ(again.last_index(), 111u);
  EXPECT_EQ(*again.term(91), 1u);
  EXPECT_EQ(again.initial_hard_state(), (raft::hard_state{1, 1, 111}));
}

TEST_F(RaftDisk, AReceivedSnapshotWaitsForOneBeingWrittenAndWins) {
  raft_disk d(dir_, eager);
  persist(d, ents(1, 1, 10), raft::hard_state{1, 1, 10});
  d.create_snapshot(8, {{1}, {}}, data_of(std::string(16 << 20, 'o')), 8);
  raft::ready rd;
  rd.snap = raft::snapshot{50, 3, {{1, 2}, {}}, "the leader's state at 50"};
  rd.hard = raft::hard_state{3, 0, 50};
  d.write(rd);
  d.sync();
  d.await_snapshot();  // nothing left to install: the received one is newer
  EXPECT_EQ(d.latest_snapshot().index, 50u);
  EXPECT_EQ(d.latest_snapshot().data, "the leader's state at 50");
  raft_disk again(dir_, eager);
  EXPECT_EQ(again.latest_snapshot().index, 50u);
  EXPECT_EQ(again.first_index(), 51u);
}

TEST_F(RaftDisk, CrashBetweenSnapshotAndLogRewriteKeepsTheFullLog) {
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 10), raft::hard_state{1, 1, 10});
  }
  const std::string old_log = dir_ + "/old.log";
  fs::copy_file(log_path(), old_log);
  {
    raft_disk d(dir_, eager);
    d.create_snapshot(8, {{1}, {}}, data_of("state@8"), 6);
    d.await_snapshot();
  }
  fs::rename(old_log, log_path());  // the snapshot landed, the compacted log did not
  raft_disk d(dir_, eager);
  EXPECT_EQ(d.latest_snapshot().index, 8u);
  EXPECT_EQ(d.latest_snapshot().data, "state@8");
  EXPECT_EQ(d.last_index(), 10u);
  EXPECT_LE(d.first_index(), 9u);  // every entry after the snapshot is there
  EXPECT_EQ(*d.term(10), 1u);
}

TEST_F(RaftDisk, ReceivedSnapshotReplacesTheLogAndSurvivesReopen) {
  raft::snapshot snap{50, 4, {{1, 2}, {}}, std::string(100000, 's')};
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 5), raft::hard_state{1, 2, 3});
    raft::ready rd;
    rd.snap = snap;
    rd.hard = raft::hard_state{4, 0, 50};
    rd.entries = {ent(4, 51), ent(4, 52)};
    d.write(rd);
    EXPECT_TRUE(d.latest_snapshot().empty());  // not before sync
    d.sync();
    EXPECT_EQ(d.first_index(), 51u);
    EXPECT_EQ(d.last_index(), 52u);
    EXPECT_EQ(d.latest_snapshot().data, snap.data);
  }
  raft_disk d(dir_, eager);
  EXPECT_EQ(d.first_index(), 51u);
  EXPECT_EQ(d.last_index(), 52u);
  EXPECT_EQ(*d.term(50), 4u);
  EXPECT_FALSE(d.term(5).has_value());
  EXPECT_EQ(d.initial_hard_state(), (raft::hard_state{4, 0, 50}));
  raft::snapshot s = d.latest_snapshot();
  EXPECT_EQ(s.index, 50u);
  EXPECT_EQ(s.term, 4u);
  EXPECT_EQ(s.conf, snap.conf);
  EXPECT_EQ(s.data, snap.data);
}

TEST_F(RaftDisk, ReceivedSnapshotWhoseLogResetWasLostStillRestartsTheLog) {
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 5), raft::hard_state{1, 2, 3});
    const uint64_t before = d.log_size();
    raft::ready rd;
    rd.snap = raft::snapshot{9, 2, {{1}, {}}, "nine"};
    d.write(rd);
    d.sync();
    fs::resize_file(log_path(), before);  // raft.snap renamed, the log record lost
  }
  raft_disk d(dir_, eager);
  EXPECT_EQ(d.latest_snapshot().index, 9u);
  EXPECT_EQ(d.first_index(), 10u);
  EXPECT_EQ(d.last_index(), 9u);
  EXPECT_EQ(*d.term(9), 2u);
}

TEST_F(RaftDisk, CorruptSnapshotFileIsAnErrorNamingThePath) {
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 3));
    d.create_snapshot(2, {{1}, {}}, data_of("snapshot data"), 1);
    d.await_snapshot();
  }
  flip_byte(snap_path(), fs::file_size(snap_path()) - 3);
  try {
    raft_disk d(dir_, eager);
    FAIL() << "opened a corrupt snapshot";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(snap_path()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("checksum"), std::string::npos) << e.what();
  }
  fs::resize_file(snap_path(), 5);
  EXPECT_THROW(raft_disk{dir_}, std::runtime_error);
}

TEST_F(RaftDisk, CompactedLogWithoutItsSnapshotIsAnError) {
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 3));
    d.create_snapshot(2, {{1}, {}}, data_of("x"), 2);
    d.await_snapshot();
  }
  fs::remove(snap_path());
  try {
    raft_disk d(dir_, eager);
    FAIL() << "opened a compacted log without a snapshot";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(log_path()), std::string::npos) << e.what();
  }
}

TEST_F(RaftDisk, ForeignLogFileAndUnusableDirectoryGiveClearErrors) {
  { std::ofstream(log_path()) << "definitely not a raft log"; }
  try {
    raft_disk d(dir_, eager);
    FAIL() << "opened a foreign file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(log_path()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad magic"), std::string::npos) << e.what();
  }
  const std::string blocker = dir_ + "/file";
  { std::ofstream(blocker) << "x"; }
  try {
    raft_disk d(blocker + "/sub");
    FAIL() << "opened under a regular file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(blocker), std::string::npos) << e.what();
  }
}

TEST_F(RaftDisk, FailedSyncRefusesFurtherSyncsAndReopenRecoversTheSyncedState) {
  {
    raft_disk d(dir_, eager);
    persist(d, ents(1, 1, 2), raft::hard_state{1, 1, 2});
    raft::ready rd;
    rd.snap = raft::snapshot{10, 2, {{1}, {}}, "ten"};
    d.write(rd);
    fs::create_directory(snap_path() + ".tmp");  // the snapshot's temp file cannot be created
    EXPECT_THROW(d.sync(), std::runtime_error);
    EXPECT_EQ(d.last_index(), 2u);
    fs::remove(snap_path() + ".tmp");
    EXPECT_THROW(d.sync(), std::runtime_error);  // broken until reopened
  }
  raft_disk d(dir_, eager);
  EXPECT_EQ(d.last_index(), 2u);
  EXPECT_TRUE(d.latest_snapshot().empty());
  EXPECT_EQ(d.initial_hard_state(), (raft::hard_state{1, 1, 2}));
}

TEST_F(RaftDisk, BatchesLargerThanARecordAreSplitAndReplayed) {
  {
    raft_disk d(dir_, eager);
    std::vector<raft::entry> big;
    for (uint64_t i = 1; i <= 12; ++i)
      big.push_back(ent(1, i, std::string(1u << 20, static_cast<char>('a' + i))));
    d.write(ready_of(big, raft::hard_state{1, 1, 12}));
    d.sync();
  }
  raft_disk d(dir_, eager);
  ASSERT_EQ(d.last_index(), 12u);
  EXPECT_EQ(all(d)[11].data, std::string(1u << 20, static_cast<char>('a' + 12)));
  EXPECT_EQ(d.initial_hard_state(), (raft::hard_state{1, 1, 12}));
}

TEST(RaftDiskBatch, SplitsKeepTheResetFirstAndTheHardStateLast) {
  raft_disk::batch b;
  b.reset = raft::snapshot{7, 2, {}, {}};
  for (uint64_t i = 8; i <= 17; ++i)
    b.entries.push_back(ent(2, i, std::string(1u << 20, 'z')));
  b.hard = raft::hard_state{2, 1, 17};
  auto payloads = store::encode_batch(b);
  ASSERT_GT(payloads.size(), 1u);
  std::vector<raft::entry> got;
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    raft_disk::batch part;
    ASSERT_TRUE(store::decode_batch(payloads[i], part));
    EXPECT_EQ(part.reset.has_value(), i == 0);
    EXPECT_EQ(part.hard.empty(), i + 1 != payloads.size());
    got.insert(got.end(), part.entries.begin(), part.entries.end());
  }
  EXPECT_EQ(got, b.entries);
  // Non-contiguous entries and trailing bytes are malformed.
  raft_disk::batch gap;
  gap.entries = {ent(1, 1), ent(1, 3)};
  raft_disk::batch out;
  EXPECT_FALSE(store::decode_batch(store::encode_batch(gap).at(0), out));
  EXPECT_FALSE(store::decode_batch(payloads.back() + "x", out));
  EXPECT_FALSE(store::decode_batch("", out));
}
