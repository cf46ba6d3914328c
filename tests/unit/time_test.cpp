// RFC 3339 as Kubernetes writes it (metav1.Time, metav1.MicroTime) and reads it.
#include <gtest/gtest.h>

#include "api/time/rfc3339.hpp"

namespace navarch::api {
namespace {

using namespace std::chrono;

time_point at(int64_t seconds_since_epoch, int64_t micros = 0) {
  return time_point(duration_cast<system_clock::duration>(seconds(seconds_since_epoch) + microseconds(micros)));
}

TEST(Rfc3339, FormatsWholeSecondsInUtc) {
  EXPECT_EQ(rfc3339(at(1714564800)), "2024-05-01T12:00:00Z");
  EXPECT_EQ(rfc3339(at(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(rfc3339(at(1714564800, 999999)), "2024-05-01T12:00:00Z") << "metav1.Time drops the fraction";
  EXPECT_EQ(rfc3339(at(951782400)), "2000-02-29T00:00:00Z") << "a leap day";
  EXPECT_EQ(rfc3339(at(-1)), "1969-12-31T23:59:59Z") << "floored before the epoch";
  EXPECT_EQ(rfc3339(at(4107542399)), "2100-02-28T23:59:59Z") << "2100 is not a leap year";
}

TEST(Rfc3339, MicroTimeAlwaysHasSixDigits) {
  EXPECT_EQ(rfc3339_micro(at(1714564800)), "2024-05-01T12:00:00.000000Z");
  EXPECT_EQ(rfc3339_micro(at(1714564800, 1234)), "2024-05-01T12:00:00.001234Z");
  EXPECT_EQ(rfc3339_micro(at(1714564800, 999999)), "2024-05-01T12:00:00.999999Z");
  EXPECT_EQ(rfc3339_micro(at(-1, 500000)), "1969-12-31T23:59:59.500000Z");
}

TEST(Rfc3339, ParsesUtcFractionsAndOffsets) {
  auto a = parse_rfc3339("2024-05-01T12:00:00Z");
  ASSERT_TRUE(a);
  EXPECT_EQ(duration_cast<seconds>(a->time_since_epoch()).count(), 1714564800);
  auto b = parse_rfc3339("2024-05-01T14:00:00.500000+02:00");
  ASSERT_TRUE(b);
  EXPECT_EQ(duration_cast<milliseconds>(*b - *a).count(), 500);
  auto c = parse_rfc3339("2024-05-01t07:30:00.123456789-04:30");
  ASSERT_TRUE(c);
  EXPECT_EQ(duration_cast<nanoseconds>(*c - *a).count(), 123456789);
  EXPECT_TRUE(parse_rfc3339("2024-02-29T00:00:00Z"));
}

TEST(Rfc3339, RejectsWhatIsNotRfc3339) {
  for (const char* bad : {"", "2024-05-01 12:00:00", "2024-05-01T12:00:00", "2024-13-01T12:00:00Z",
                          "2024-05-01T12:00:00Zjunk", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
                          "2024-05-01T24:00:00Z", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+0200",
                          "2024-05-01T12:00:00+25:00", "24-05-01T12:00:00Z", "2024-05-01T12:00:00z "})
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
}

TEST(Rfc3339, RoundTrips) {
  for (int64_t s : {int64_t(0), int64_t(1714564800), int64_t(-86400 * 365), int64_t(4102444800)}) {
    EXPECT_EQ(parse_rfc3339(rfc3339(at(s))), at(s));
    EXPECT_EQ(parse_rfc3339(rfc3339_micro(at(s, 42))), at(s, 42));
  }
}

}  // namespace
}  // namespace navarch::api
