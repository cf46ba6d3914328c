// The record framing of the store's logs on its own (record_log, write_file_atomically): what survives a reopen,
// how torn and corrupt tails are cut, and what a failed write leaves. raft_disk_test.cpp checks the Raft log
// built on it.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "actors/store/record_log.hpp"
#include "tests/e2e/scratch_dir.hpp"

using navarch::e2e::write_file;
using navarch::store::record_log;
namespace fs = std::filesystem;

namespace {

const std::string magic = "NAVTEST1";
const record_log::replay_fn accept_all = [](std::string_view) { return true; };

class RecordLog : public ::testing::Test {
 protected:
  std::string path() const { return (dir_.path() / "test.log").string(); }
  record_log open() const { return record_log(path(), magic, "test log", accept_all); }

  // Opens the log and returns the payloads it replayed; `accept` decides which ones decode.
  std::vector<std::string> replay(const std::function<bool(std::string_view)>& accept = {}) {
    std::vector<std::string> out;
    record_log log(path(), magic, "test log", [&](std::string_view p) {
      if (accept && !accept(p))
        return false;
      out.emplace_back(p);
      return true;
    });
    return out;
  }

  // Writes `payloads`, one synced record each, and returns the file size after each.
  std::vector<uint64_t> write_synced(const std::vector<std::string>& payloads) {
    auto log = open();
    std::vector<uint64_t> sizes;
    for (const auto& p : payloads) {
      log.append(p);
      log.sync();
      sizes.push_back(log.size());
    }
    return sizes;
  }

  navarch::e2e::scratch_dir dir_{"navarch-record-log-test-"};
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using strings = std::vector<std::string>;

}  // namespace

TEST_F(RecordLog, OnlySyncedRecordsSurviveAReopen) {
  {
    auto log = open();
    EXPECT_EQ(log.size(), magic.size());
    log.append("one");
    log.append(std::string("t\0o", 3));
    EXPECT_TRUE(log.has_unsynced());
    EXPECT_EQ(fs::file_size(path()), magic.size());  // nothing reaches the disk before sync()
    log.sync();
    EXPECT_FALSE(log.has_unsynced());
    EXPECT_EQ(log.size(), fs::file_size(path()));
    log.append("lost");
  }
  EXPECT_EQ(replay(), (strings{"one", std::string("t\0o", 3)}));
}

TEST_F(RecordLog, TornTailIsCutWhereverTheCrashFell) {
  const auto sizes = write_synced({"first", "second", "third-and-longer"});
  const uint64_t last_start = sizes[1];
  // Inside the last record's header, inside its payload, one byte short of its end.
  for (uint64_t cut : {last_start + 3, last_start + 8 + 4, sizes[2] - 1}) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    fs::resize_file(path(), cut);
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(replay(), (strings{"first", "second"}));
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find(path()), std::string::npos) << err;
    EXPECT_NE(err.find("offset " + std::to_string(last_start)), std::string::npos) << err;
    EXPECT_EQ(fs::file_size(path()), last_start);
    // Appends after the cut land where the torn record was.
    {
      auto log = open();
      log.append("third-and-longer");
      log.sync();
    }
    EXPECT_EQ(fs::file_size(path()), sizes[2]);
  }
}

TEST_F(RecordLog, FlippedPayloadByteIsAChecksumMismatchAndDropsTheRest) {
  const auto sizes = write_synced({"a", "bb", "ccc"});
  std::string bytes = file_bytes(path());
  bytes[sizes[0] + 8] ^= 0x40;  // the payload of "bb"
  write_file(path(), bytes);
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(replay(), (strings{"a"}));
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("checksum mismatch"), std::string::npos) << err;
  EXPECT_EQ(fs::file_size(path()), sizes[0]);
}

TEST_F(RecordLog, ImpossibleLengthIsCutNotAllocated) {
  const auto sizes = write_synced({"a", "bb"});
  std::string bytes = file_bytes(path());
  bytes[sizes[0] + 3] = '\x7f';  // the length of "bb" becomes about 2 GiB
  write_file(path(), bytes);
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(replay(), (strings{"a"}));
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("longer than the file"), std::string::npos) << err;
}

TEST_F(RecordLog, UndecodableRecordIsCutLikeATornTail) {
  const auto sizes = write_synced({"good", "bad", "after"});
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(replay([](std::string_view p) { return p != "bad"; }), (strings{"good"}));
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("undecodable record"), std::string::npos) << err;
  EXPECT_EQ(fs::file_size(path()), sizes[0]);
}

TEST_F(RecordLog, ForeignFileMissingDirectoryAndBadMagicAreClearErrors) {
  write_file(path(), "definitely not a record log");
  try {
    replay();
    FAIL() << "opened a foreign file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad magic"), std::string::npos) << e.what();
  }
  EXPECT_EQ(file_bytes(path()), "definitely not a record log");  // left as it was

  const std::string missing = (dir_.path() / "no/such/dir/test.log").string();
  try {
    record_log log(missing, magic, "test log", accept_all);
    FAIL() << "opened in a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
  }
  EXPECT_THROW(record_log((dir_.path() / "x.log").string(), "SHORT", "test log", accept_all), std::logic_error);
}

TEST_F(RecordLog, FileTornWhileBeingCreatedStartsOver) {
  write_file(path(), "NAVT");  // a crash before the magic was whole
  EXPECT_TRUE(replay().empty());
  EXPECT_EQ(file_bytes(path()), magic);
}

TEST_F(RecordLog, FailedWriteRefusesFurtherSyncsAndReopenKeepsTheSyncedRecords) {
  const auto sizes = write_synced({"kept"});
  {
    auto log = open();
    log.append(std::string(4096, 'x'));
    // The file may not grow past a few bytes more than it has: the write fails part way (EFBIG, not SIGXFSZ).
    rlimit old{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
    auto* previous = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = sizes[0] + 10;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    bool failed = false;
    try {
      log.sync();
    } catch (const std::runtime_error& e) {
      failed = std::string(e.what()).find(path()) != std::string::npos;
    }
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previous);
    EXPECT_TRUE(failed) << "the write past the file size limit did not fail naming the log";
    EXPECT_THROW(log.sync(), std::runtime_error);  // broken until reopened, even with room again
  }
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(replay(), (strings{"kept"}));  // the partly written record is a torn tail
  ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(fs::file_size(path()), sizes[0]);
}

TEST_F(RecordLog, RewriteReplacesTheSyncedRecordsAndKeepsTheBufferedOnes) {
  {
    auto log = open();
    log.append("old-1");
    log.append("old-2");
    log.sync();
    log.append("buffered");
    log.rewrite({"new-1", "new-2"});
    EXPECT_EQ(log.size(), fs::file_size(path()));
    EXPECT_TRUE(log.has_unsynced());
    log.sync();
  }
  EXPECT_EQ(replay(), (strings{"new-1", "new-2", "buffered"}));
  EXPECT_FALSE(fs::exists(path() + ".tmp"));
}

TEST_F(RecordLog, WriteFileAtomicallyReplacesTheWholeFileOrFailsNamingIt) {
  write_file(path(), "a much longer old content");
  navarch::store::write_file_atomically(path(), {"new ", "parts"}, "test file");
  EXPECT_EQ(file_bytes(path()), "new parts");
  EXPECT_FALSE(fs::exists(path() + ".tmp"));

  const std::string missing = (dir_.path() / "no/such/file").string();
  try {
    navarch::store::write_file_atomically(missing, {"x"}, "test file");
    FAIL() << "wrote into a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("test file " + missing), std::string::npos) << e.what();
  }
}
