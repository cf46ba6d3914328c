// IPv4 addresses and CIDR blocks for pod networking: parsing, printing and the arithmetic the pod IP allocator
// needs. Pure; bad input throws std::invalid_argument naming the text.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace navarch::netlink {

struct ipv4_address {
  std::uint32_t bits = 0;  // host byte order: 10.0.0.1 is 0x0a000001

  // Dotted quad, exactly four decimal octets 0..255 ("10.244.0.1").
  static ipv4_address parse(std::string_view text);
  std::string str() const;
  auto operator<=>(const ipv4_address&) const = default;
};

// An address with a prefix length. As a block ("10.244.0.0/24") the host bits are zero; as an interface address
// ("10.244.0.5/24") they name the host inside network().
struct ipv4_cidr {
  ipv4_address address;
  int prefix_length = 32;  // 0..32

  // "a.b.c.d/n"; host bits may be set (an interface address).
  static ipv4_cidr parse(std::string_view text);
  // Like parse, but rejects host bits: "10.244.0.5/24 is not a network address (did you mean 10.244.0.0/24?)".
  static ipv4_cidr parse_network(std::string_view text);

  std::uint32_t netmask_bits() const;
  ipv4_address network() const;
  ipv4_address broadcast() const;
  std::uint64_t size() const { return std::uint64_t{1} << (32 - prefix_length); }
  bool contains(ipv4_address a) const { return (a.bits & netmask_bits()) == network().bits; }
  // The address `offset` places after network(); offset must be below size().
  ipv4_address at(std::uint64_t offset) const;
  std::string str() const;
  auto operator<=>(const ipv4_cidr&) const = default;
};

}  // namespace navarch::netlink
