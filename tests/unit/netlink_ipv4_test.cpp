#include <gtest/gtest.h>

#include "net/netlink/ipv4.hpp"

namespace nl = navarch::netlink;

TEST(Ipv4, ParsesAndPrintsAddresses) {
  EXPECT_EQ(nl::ipv4_address::parse("10.244.0.1").bits, 0x0af40001u);
  EXPECT_EQ(nl::ipv4_address::parse("255.255.255.255").bits, 0xffffffffu);
  EXPECT_EQ(nl::ipv4_address::parse("0.0.0.0").str(), "0.0.0.0");
  EXPECT_EQ(nl::ipv4_address{0xc0a80a01}.str(), "192.168.10.1");
}

TEST(Ipv4, RejectsMalformedAddresses) {
  for (const char* bad : {"", "10.244.0", "10.244.0.1.2", "10.244.0.256", "10.244.0.-1", "10.244..1", "10.244.0.01",
                          "a.b.c.d", "10.244.0.1 ", "+1.2.3.4", "1.2.3.4/24"}) {
    EXPECT_THROW(nl::ipv4_address::parse(bad), std::invalid_argument) << bad;
  }
  try {
    nl::ipv4_address::parse("10.300.0.1");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("10.300.0.1"), std::string::npos) << e.what();
  }
}

TEST(Ipv4, CidrArithmetic) {
  const auto c = nl::ipv4_cidr::parse("10.244.7.9/24");
  EXPECT_EQ(c.str(), "10.244.7.9/24");
  EXPECT_EQ(c.network().str(), "10.244.7.0");
  EXPECT_EQ(c.broadcast().str(), "10.244.7.255");
  EXPECT_EQ(c.size(), 256u);
  EXPECT_EQ(c.at(1).str(), "10.244.7.1");
  EXPECT_THROW(c.at(256), std::out_of_range);
  EXPECT_TRUE(c.contains(nl::ipv4_address::parse("10.244.7.200")));
  EXPECT_FALSE(c.contains(nl::ipv4_address::parse("10.244.8.1")));

  const auto all = nl::ipv4_cidr::parse("0.0.0.0/0");
  EXPECT_EQ(all.netmask_bits(), 0u);
  EXPECT_TRUE(all.contains(nl::ipv4_address::parse("8.8.8.8")));
  EXPECT_EQ(nl::ipv4_cidr::parse("10.1.2.3/32").size(), 1u);
  EXPECT_EQ(nl::ipv4_cidr::parse("10.244.0.0/16").broadcast().str(), "10.244.255.255");
}

TEST(Ipv4, NetworkParsingRejectsHostBitsWithAHint) {
  EXPECT_EQ(nl::ipv4_cidr::parse_network("10.244.0.0/16").prefix_length, 16);
  try {
    nl::ipv4_cidr::parse_network("10.244.3.5/24");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 10.244.3.0/24"), std::string::npos) << e.what();
  }
  for (const char* bad : {"10.244.0.0", "10.244.0.0/33", "10.244.0.0/", "10.244.0.0/-1", "10.244.0.0/2a"})
    EXPECT_THROW(nl::ipv4_cidr::parse(bad), std::invalid_argument) << bad;
}
