#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "net/netlink/pod_ip_allocator.hpp"

namespace nl = navarch::netlink;

namespace {
nl::ipv4_cidr block(const char* text) { return nl::ipv4_cidr::parse_network(text); }
nl::ipv4_address ip(const char* text) { return nl::ipv4_address::parse(text); }
}  // namespace

TEST(PodIpAllocator, GatewayIsTheFirstAddressAndPodsFollow) {
  nl::pod_ip_allocator a(block("10.244.3.0/24"));
  EXPECT_EQ(a.gateway().str(), "10.244.3.1");
  EXPECT_EQ(a.gateway_cidr().str(), "10.244.3.1/24");
  EXPECT_EQ(a.capacity(), 253u);
  EXPECT_EQ(a.allocate("pod-a").str(), "10.244.3.2/24");
  EXPECT_EQ(a.allocate("pod-b").str(), "10.244.3.3/24");
  EXPECT_EQ(a.allocated(), 2u);
}

TEST(PodIpAllocator, AllocatingTwiceForOnePodGivesTheSameAddress) {
  nl::pod_ip_allocator a(block("10.244.0.0/24"));
  const auto first = a.allocate("pod-a");
  EXPECT_EQ(a.allocate("pod-a"), first);
  EXPECT_EQ(a.allocated(), 1u);
  EXPECT_EQ(a.address_of("pod-a"), first.address);
  EXPECT_EQ(a.address_of("pod-z"), std::nullopt);
}

TEST(PodIpAllocator, ReleasedAddressesAreReusedLast) {
  nl::pod_ip_allocator a(block("10.244.0.0/29"));  // pods .2 .. .6
  EXPECT_EQ(a.capacity(), 5u);
  a.allocate("p2");
  a.allocate("p3");
  EXPECT_EQ(a.release("p2"), ip("10.244.0.2"));
  EXPECT_EQ(a.release("p2"), std::nullopt);
  EXPECT_EQ(a.allocate("p4").address.str(), "10.244.0.4");
  EXPECT_EQ(a.allocate("p5").address.str(), "10.244.0.5");
  EXPECT_EQ(a.allocate("p6").address.str(), "10.244.0.6");
  // Wraps around, skipping the broadcast address, to the freed .2.
  EXPECT_EQ(a.allocate("p7").address.str(), "10.244.0.2");
}

TEST(PodIpAllocator, ExhaustionIsAClearError) {
  nl::pod_ip_allocator a(block("10.244.0.0/30"));  // only .2
  EXPECT_EQ(a.allocate("only").address.str(), "10.244.0.2");
  try {
    a.allocate("second");
    FAIL();
  } catch (const nl::pod_cidr_exhausted& e) {
    EXPECT_STREQ(e.what(), "pod CIDR 10.244.0.0/30 is exhausted: all 1 pod addresses are allocated");
  }
  a.release("only");
  EXPECT_EQ(a.allocate("second").address.str(), "10.244.0.2");
}

TEST(PodIpAllocator, FillsAWholeBlockWithDistinctAddresses) {
  nl::pod_ip_allocator a(block("10.244.0.0/24"));
  std::set<nl::ipv4_address> seen;
  for (int i = 0; i < 253; ++i) {
    const auto got = a.allocate("pod-" + std::to_string(i)).address;
    EXPECT_TRUE(seen.insert(got).second) << got.str();
    EXPECT_NE(got, a.gateway());
    EXPECT_NE(got, a.pod_cidr().network());
    EXPECT_NE(got, a.pod_cidr().broadcast());
  }
  EXPECT_THROW(a.allocate("one-too-many"), nl::pod_cidr_exhausted);
}

TEST(PodIpAllocator, RejectsUnusableBlocksAndOwners) {
  EXPECT_THROW(nl::pod_ip_allocator(nl::ipv4_cidr::parse("10.244.0.5/24")), std::invalid_argument);
  EXPECT_THROW(nl::pod_ip_allocator(block("10.244.0.0/31")), std::invalid_argument);
  EXPECT_THROW(nl::pod_ip_allocator(block("10.0.0.0/7")), std::invalid_argument);
  nl::pod_ip_allocator a(block("10.244.0.0/24"));
  EXPECT_THROW(a.allocate(""), std::invalid_argument);
  EXPECT_THROW(a.allocate("two words"), std::invalid_argument);
}

TEST(PodIpAllocator, ReserveReadoptsAndRefusesConflicts) {
  nl::pod_ip_allocator a(block("10.244.0.0/24"));
  a.reserve(ip("10.244.0.40"), "old-pod");
  a.reserve(ip("10.244.0.40"), "old-pod");  // no-op
  EXPECT_EQ(a.address_of("old-pod"), ip("10.244.0.40"));
  EXPECT_THROW(a.reserve(ip("10.244.0.40"), "other"), std::invalid_argument);
  EXPECT_THROW(a.reserve(ip("10.244.0.41"), "old-pod"), std::invalid_argument);
  for (const char* bad : {"10.244.0.0", "10.244.0.1", "10.244.0.255", "10.244.1.2"})
    EXPECT_THROW(a.reserve(ip(bad), "new"), std::invalid_argument) << bad;
  // The next allocation continues after the re-adopted address.
  EXPECT_EQ(a.allocate("new").address.str(), "10.244.0.41");
}

TEST(PodIpAllocator, SerializesAndParsesBack) {
  nl::pod_ip_allocator a(block("10.244.5.0/24"));
  a.allocate("uid-1");
  a.allocate("uid-2");
  a.allocate("uid-3");
  a.release("uid-2");
  EXPECT_EQ(a.serialize(), "cidr 10.244.5.0/24\n10.244.5.2 uid-1\n10.244.5.4 uid-3\n");
  auto b = nl::pod_ip_allocator::parse(a.pod_cidr(), a.serialize());
  EXPECT_EQ(b.allocations(), a.allocations());
  EXPECT_EQ(b.allocate("uid-4").address.str(), "10.244.5.5");
  EXPECT_EQ(nl::pod_ip_allocator::parse(block("10.244.5.0/24"), "").allocated(), 0u);
}

TEST(PodIpAllocator, ParseErrorsNameTheLine) {
  const auto cidr = block("10.244.5.0/24");
  const auto message = [&](const char* text) {
    try {
      nl::pod_ip_allocator::parse(cidr, text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("cidr 10.244.6.0/24\n"), "line 1: written for pod CIDR 10.244.6.0/24, not 10.244.5.0/24");
  EXPECT_EQ(message("10.244.5.2 a\n"), "line 1: want \"cidr <block>\" first");
  EXPECT_EQ(message("cidr 10.244.5.0/24\n10.244.5.2 a\n10.244.5.2 b\n"),
            "line 3: 10.244.5.2 is already allocated to a");
  EXPECT_EQ(message("cidr 10.244.5.0/24\n10.244.7.2 a\n"), "line 2: 10.244.7.2 is outside pod CIDR 10.244.5.0/24");
  EXPECT_EQ(message("cidr 10.244.5.0/24\n10.244.5.2\n"), "line 2: want two fields, got \"10.244.5.2\"");
  EXPECT_EQ(message("cidr 10.244.5.0/24\n10.244.5.x a\n"),
            "line 2: not an IPv4 address (octets are 0..255): \"10.244.5.x\"");
}

TEST(PodIpAllocator, FileSurvivesARestart) {
  const auto dir = std::filesystem::temp_directory_path() / ("navarch-podips-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "pod-ips";
  const auto cidr = block("10.244.9.0/24");
  EXPECT_EQ(nl::load_pod_ips(file, cidr).allocated(), 0u);  // no file yet: empty
  auto a = nl::load_pod_ips(file, cidr);
  a.allocate("uid-a");
  a.allocate("uid-b");
  nl::save_pod_ips(file, a);
  const auto b = nl::load_pod_ips(file, cidr);
  EXPECT_EQ(b.allocations(), a.allocations());
  EXPECT_FALSE(std::filesystem::exists(dir / "pod-ips.tmp"));

  std::ofstream(file) << "cidr 10.244.9.0/24\ngarbage\n";
  try {
    nl::load_pod_ips(file, cidr);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(nl::save_pod_ips(dir / "missing-dir" / "pod-ips", a), std::runtime_error);
  std::filesystem::remove_all(dir);
}
