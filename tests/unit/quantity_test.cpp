// resource.Quantity semantics: the documented grammar and canonical form (kubernetes.io, "Quantity"), the
// integer readings Value()/MilliValue() (rounded up, away from zero), comparison and arithmetic.
#include <gtest/gtest.h>

#include "api/quantity/quantity.hpp"

namespace navarch::api {
namespace {

quantity q(const char* s) {
  auto r = parse_quantity(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.error;
  return r.value;
}

int64_t milli(const char* s) {
  auto r = parse_quantity_milli_value(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.error;
  return r.value;
}

int64_t units(const char* s) {
  auto r = parse_quantity_value(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.error;
  return r.value;
}

struct canonical_case {
  const char* input;
  const char* canonical;
};

TEST(Quantity, CanonicalFormAsDocumented) {
  // The two examples of the Quantity documentation, then the rules it states: no precision lost, no fraction,
  // the largest suffix of the format written with; the sign only when negative.
  const canonical_case cases[] = {
      {"1.5", "1500m"},       {"1.5Gi", "1536Mi"},  {"1000", "1k"},         {"1024", "1024"},
      {"100m", "100m"},       {"0.1", "100m"},      {"1000m", "1"},         {"500m", "500m"},
      {"0.5Ki", "512"},       {"1.5Ki", "1536"},    {"1Ki", "1Ki"},         {"1024Ki", "1Mi"},
      {"2048Mi", "2Gi"},      {"0.3Ki", "307200m"}, {"128Mi", "128Mi"},     {"1M", "1M"},
      {"1000k", "1M"},        {"1e3", "1e3"},       {"1e4", "10e3"},        {"1E6", "1e6"},
      {"1e-3", "1e-3"},       {"0", "0"},           {"0Mi", "0"},           {"-1Ki", "-1Ki"},
      {"-1.5", "-1500m"},     {"+2", "2"},          {"1n", "1n"},           {"1500u", "1500u"},
      {"0.0000000001", "1n"}, {"1.000", "1"},       {"00012", "12"},        {"5.", "5"},
      {".5", "500m"},         {"7Ei", "7Ei"},       {"1E", "1E"},           {"12345678", "12345678"},
      {"1.5k", "1500"},       {"1.5M", "1500k"},    {"9223372036854775807", "9223372036854775807"},
  };
  for (const auto& c : cases) EXPECT_EQ(q(c.input).to_string(), c.canonical) << c.input;
}

TEST(Quantity, RemembersItsFormat) {
  EXPECT_EQ(q("1Ki").format(), quantity_format::binary_si);
  EXPECT_EQ(q("1k").format(), quantity_format::decimal_si);
  EXPECT_EQ(q("1").format(), quantity_format::decimal_si);
  EXPECT_EQ(q("1e3").format(), quantity_format::decimal_exponent);
  // A canonical text parses back to the same amount and text.
  for (const char* s : {"1536Mi", "1500m", "10e3", "307200m", "1n"}) EXPECT_EQ(q(q(s).to_string().c_str()), q(s)) << s;
}

struct int_case {
  const char* input;
  int64_t value;
};

TEST(Quantity, CpuInMillicores) {
  const int_case cases[] = {{"100m", 100}, {"0.5", 500},   {"1", 1000},     {"2.25", 2250}, {".5", 500},
                            {"5.", 5000},  {"+3", 3000},   {"0", 0},        {"000.000", 0}, {"1k", 1000000},
                            {"1e-3", 1},   {"25e-2", 250}, {"-100m", -100}};
  for (const auto& c : cases) EXPECT_EQ(milli(c.input), c.value) << c.input;
}

TEST(Quantity, RoundsUpAwayFromZeroBelowTheUnit) {
  EXPECT_EQ(milli("0.0001"), 1);  // 0.1 millicore is one millicore
  EXPECT_EQ(milli("1500u"), 2);
  EXPECT_EQ(milli("1n"), 1);
  EXPECT_EQ(units("1500m"), 2);
  EXPECT_EQ(units("0.1"), 1);
  EXPECT_EQ(units("1e-50"), 1);
  EXPECT_EQ(units("-1500m"), -2);
  EXPECT_EQ(q("0.1n").to_string(), "1n");  // finer than nano is rounded up on parse
  EXPECT_EQ(q("-0.1n").to_string(), "-1n");
}

TEST(Quantity, UnitsWithEverySuffix) {
  const int_case cases[] = {
      {"128Mi", 128LL << 20},   {"1Ki", 1024},          {"1.5Gi", 3LL << 29},        {"2Ti", 2LL << 40},
      {"1Ei", 1LL << 60},       {"1G", 1000000000},     {"1M", 1000000},             {"3k", 3000},
      {"1T", 1000000000000LL},  {"1P", 1000000000000000LL}, {"1E", 1000000000000000000LL}, {"123456789", 123456789},
      {"1e3", 1000},            {"1E3", 1000},          {"1.5e+2", 150},             {"-1Ki", -1024}};
  for (const auto& c : cases) EXPECT_EQ(units(c.input), c.value) << c.input;
}

TEST(Quantity, Sign) {
  EXPECT_EQ(q("-100m").sign(), -1);
  EXPECT_EQ(q("0Ki").sign(), 0);
  EXPECT_EQ(q("+1n").sign(), 1);
}

TEST(Quantity, RejectsMalformedTextWithKubernetesMessages) {
  for (const char* bad : {"", "m", "abc", "1.2.3", "1Kb", "1 Mi", "--1", "1e", "1e+", "1ee3", ".", "+", "1i", "Mi",
                          "1ki", "1mi", "1K"}) {
    auto r = parse_quantity(bad);
    EXPECT_FALSE(r.ok()) << "'" << bad << "' parsed as " << r.value.to_string();
  }
  EXPECT_EQ(parse_quantity("abc").error,
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  EXPECT_EQ(parse_quantity("1Kb").error, "unable to parse quantity's suffix");
}

TEST(Quantity, RejectsValuesPast64Bits) {
  EXPECT_FALSE(parse_quantity("8Ei").ok());
  EXPECT_FALSE(parse_quantity("1e30").ok());
  EXPECT_FALSE(parse_quantity("12345678901234567890123").ok());
  EXPECT_FALSE(parse_quantity("10E").ok());
  EXPECT_FALSE(parse_quantity_milli_value("9E").ok()) << "9E fits, its millivalue does not";
  EXPECT_EQ(units("9E"), 9000000000000000000LL);
  EXPECT_EQ(units("7Ei"), 7LL << 60);
  EXPECT_EQ(units("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(parse_quantity("9223372036854775807.5").ok());
  EXPECT_EQ(units("9223372036854775806.5"), INT64_MAX) << "rounded up to the largest int64";
}

TEST(Quantity, ComparesByAmountAcrossFormats) {
  EXPECT_EQ(q("1Ki"), q("1024"));
  EXPECT_EQ(q("1k"), q("1000"));
  EXPECT_EQ(q("1"), q("1000m"));
  EXPECT_EQ(q("1e3"), q("1k"));
  EXPECT_LT(q("999m"), q("1"));
  EXPECT_GT(q("1Mi"), q("1M"));
  EXPECT_LT(q("-1"), q("0"));
  EXPECT_TRUE(q("0Gi").is_zero());
}

TEST(Quantity, ArithmeticKeepsTheLeftFormat) {
  auto sum = q("1Gi") + q("512Mi");
  EXPECT_EQ(sum.to_string(), "1536Mi");
  EXPECT_EQ(sum.format(), quantity_format::binary_si);
  EXPECT_EQ((q("100m") + q("1")).to_string(), "1100m");
  EXPECT_EQ((q("1") - q("1500m")).to_string(), "-500m");
  EXPECT_EQ((quantity() + q("2Ki")).to_string(), "2Ki") << "a zero takes the other operand's format";
  EXPECT_EQ((-q("2Ki")).to_string(), "-2Ki");
  auto acc = q("250m");
  acc += q("250m");
  acc -= q("100m");
  EXPECT_EQ(acc.to_string(), "400m");
  EXPECT_EQ(acc.milli_value(), 400);
}

TEST(Quantity, BuiltFromIntegers) {
  EXPECT_EQ(quantity::of(5).to_string(), "5");
  EXPECT_EQ(quantity::of(5000).to_string(), "5k");
  EXPECT_EQ(quantity::of(1 << 20, quantity_format::binary_si).to_string(), "1Mi");
  EXPECT_EQ(quantity::of_milli(1500).to_string(), "1500m");
  EXPECT_EQ(quantity::of_milli(2000).to_string(), "2");
  EXPECT_EQ(quantity::of(INT64_MAX).value(), INT64_MAX);
}

}  // namespace
}  // namespace navarch::api
