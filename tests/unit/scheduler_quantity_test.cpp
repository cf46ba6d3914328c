#include <gtest/gtest.h>

#include "api/quantity/quantity.hpp"

namespace navarch::api {
namespace {

int64_t milli(const char* s) {
  auto r = parse_milli_quantity(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.error;
  return r.value;
}

int64_t units(const char* s) {
  auto r = parse_quantity(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.error;
  return r.value;
}

TEST(SchedulerQuantity, CpuInMillicores) {
  EXPECT_EQ(milli("100m"), 100);
  EXPECT_EQ(milli("0.5"), 500);
  EXPECT_EQ(milli("1"), 1000);
  EXPECT_EQ(milli("2.25"), 2250);
  EXPECT_EQ(milli(".5"), 500);
  EXPECT_EQ(milli("5."), 5000);
  EXPECT_EQ(milli("+3"), 3000);
  EXPECT_EQ(milli("0"), 0);
  EXPECT_EQ(milli("000.000"), 0);
  EXPECT_EQ(milli("1k"), 1000000);
}

TEST(SchedulerQuantity, RoundsUpBelowTheUnit) {
  EXPECT_EQ(milli("0.0001"), 1);  // 0.1 millicore is one millicore
  EXPECT_EQ(milli("1500u"), 2);
  EXPECT_EQ(milli("1n"), 1);
  EXPECT_EQ(units("1500m"), 2);
  EXPECT_EQ(units("0.1"), 1);
  EXPECT_EQ(units("1e-50"), 1);
}

TEST(SchedulerQuantity, MemorySuffixes) {
  EXPECT_EQ(units("128Mi"), 128LL << 20);
  EXPECT_EQ(units("1Ki"), 1024);
  EXPECT_EQ(units("1.5Gi"), 3LL << 29);
  EXPECT_EQ(units("2Ti"), 2LL << 40);
  EXPECT_EQ(units("1Ei"), 1LL << 60);
  EXPECT_EQ(units("1G"), 1000000000);
  EXPECT_EQ(units("1M"), 1000000);
  EXPECT_EQ(units("3k"), 3000);
  EXPECT_EQ(units("1T"), 1000000000000LL);
  EXPECT_EQ(units("1P"), 1000000000000000LL);
  EXPECT_EQ(units("1E"), 1000000000000000000LL);
  EXPECT_EQ(units("123456789"), 123456789);
}

TEST(SchedulerQuantity, DecimalExponents) {
  EXPECT_EQ(units("1e3"), 1000);
  EXPECT_EQ(units("1E3"), 1000);
  EXPECT_EQ(units("1.5e+2"), 150);
  EXPECT_EQ(milli("1e-3"), 1);
  EXPECT_EQ(milli("25e-2"), 250);
}

TEST(SchedulerQuantity, Negative) {
  EXPECT_EQ(milli("-100m"), -100);
  EXPECT_EQ(units("-1Ki"), -1024);
}

TEST(SchedulerQuantity, RejectsMalformedText) {
  for (const char* bad : {"", "m", "abc", "1.2.3", "1Kb", "1 Mi", "--1", "1e", "1e+", "1ee3", ".", "+", "1i", "Mi"}) {
    auto r = parse_quantity(bad);
    EXPECT_FALSE(r.ok()) << "'" << bad << "' parsed as " << r.value;
  }
}

TEST(SchedulerQuantity, RejectsValuesPast64Bits) {
  EXPECT_FALSE(parse_quantity("8Ei").ok());
  EXPECT_FALSE(parse_milli_quantity("10E").ok());
  EXPECT_FALSE(parse_quantity("1e30").ok());
  EXPECT_FALSE(parse_quantity("12345678901234567890123").ok());
  EXPECT_EQ(units("7Ei"), 7LL << 60);
  EXPECT_EQ(units("9223372036854775807"), INT64_MAX);
}

}  // namespace
}  // namespace navarch::api
