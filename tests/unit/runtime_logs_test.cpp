#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/logs/cri_log.hpp"
#include "runtime/logs/rotating_log.hpp"

namespace {
using namespace navarch::runtime;
using clock = std::chrono::system_clock;
namespace fs = std::filesystem;

// 2026-11-22T06:40:00Z plus 123456789 ns
const auto t0 = clock::time_point(std::chrono::seconds(1795329600)) +
                std::chrono::duration_cast<clock::duration>(std::chrono::nanoseconds(123456789));

TEST(CriLog, FormatsNanosecondUtcTimestampStreamAndTag) {
  EXPECT_EQ(format_cri_timestamp(t0), "2026-11-22T06:40:00.123456789Z");
  EXPECT_EQ(format_cri_line(t0, "stdout", false, "hello"), "2026-11-22T06:40:00.123456789Z stdout F hello\n");
  EXPECT_EQ(format_cri_line(t0, "stderr", true, ""), "2026-11-22T06:40:00.123456789Z stderr P \n");
}

TEST(CriLog, ParsesWhatItFormats) {
  auto e = parse_cri_line(format_cri_line(t0, "stderr", true, "a b  c"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->time, t0);
  EXPECT_EQ(e->stream, "stderr");
  EXPECT_TRUE(e->partial);
  EXPECT_EQ(e->text, "a b  c");
}

TEST(CriLog, ParsesShortFractionsAndEmptyText) {
  auto e = parse_cri_line("2026-11-22T06:40:00.5Z stdout F");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->time, clock::time_point(std::chrono::seconds(1795329600)) + std::chrono::milliseconds(500));
  EXPECT_EQ(e->text, "");
  EXPECT_FALSE(e->partial);
  EXPECT_TRUE(parse_cri_line("2026-11-22T06:40:00Z stdout F x"));
}

TEST(CriLog, RejectsMalformedLines) {
  for (const char* bad : {"", "hello", "2026-11-22T06:40:00Z stdin F x", "2026-11-22T06:40:00Z stdout X x",
                          "2026-11-22 06:40:00Z stdout F x", "2026-11-22T06:40:00 stdout F x",
                          "2026-11-22T06:40:00.Z stdout F x", "2026-11-22T06:40:00Z stdout Fx"})
    EXPECT_FALSE(parse_cri_line(bad)) << bad;
}

struct collected {
  std::vector<std::pair<bool, std::string>> records;
  cri_line_splitter::emit_fn fn() {
    return [this](bool partial, std::string_view text) { records.emplace_back(partial, std::string(text)); };
  }
};

TEST(CriLineSplitter, JoinsChunksIntoLinesAndSplitsLongOnes) {
  cri_line_splitter split(4);
  collected c;
  split.feed("ab", c.fn());
  split.feed("\ncdefgh", c.fn());
  split.feed("ij\n\nxyz", c.fn());
  split.finish(c.fn());
  std::vector<std::pair<bool, std::string>> want{
      {false, "ab"}, {true, "cdef"}, {false, "ghij"}, {false, ""}, {false, "xyz"}};
  EXPECT_EQ(c.records, want);
}

TEST(CriLineSplitter, ExactlyMaxLineThenNewlineIsOneFullLine) {
  cri_line_splitter split(3);
  collected c;
  split.feed("abc\nd", c.fn());
  split.finish(c.fn());
  std::vector<std::pair<bool, std::string>> want{{false, "abc"}, {false, "d"}};
  EXPECT_EQ(c.records, want);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(RotatingLog, RotatesBeforeExceedingMaxAndKeepsN) {
  auto dir = fs::temp_directory_path() / ("navarch-rotlog-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = (dir / "c.log").string();
  {
    rotating_log log(path, 10, 2);
    for (const char* r : {"aaaa\n", "bbbb\n", "cccc\n", "dddd\n", "eeee\n", "ffff\n", "gggg\n"}) log.write(r);
    EXPECT_EQ(log.size(), 5);
  }
  EXPECT_EQ(slurp(path), "gggg\n");
  EXPECT_EQ(slurp(path + ".1"), "eeee\nffff\n");
  EXPECT_EQ(slurp(path + ".2"), "cccc\ndddd\n");
  EXPECT_FALSE(fs::exists(path + ".3"));
  {
    rotating_log reopened(path, 10, 2);  // appends and continues counting from the existing size
    reopened.write("hhhh\n");
    EXPECT_EQ(slurp(path), "gggg\nhhhh\n");
  }
  fs::remove_all(dir);
}

TEST(RotatingLog, KeepZeroStartsOver) {
  auto dir = fs::temp_directory_path() / ("navarch-rotlog0-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = (dir / "c.log").string();
  {
    rotating_log log(path, 6, 0);
    log.write("aaaa\n");
    log.write("bbbb\n");
  }
  EXPECT_EQ(slurp(path), "bbbb\n");
  EXPECT_FALSE(fs::exists(path + ".1"));
  fs::remove_all(dir);
  EXPECT_THROW(rotating_log(dir.string() + "/missing/x.log", 10, 1), std::runtime_error);
}

}  // namespace
