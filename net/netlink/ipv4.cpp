#include "net/netlink/ipv4.hpp"

#include <charconv>
#include <stdexcept>

namespace navarch::netlink {
namespace {

[[noreturn]] void bad(std::string_view what, std::string_view text) {
  throw std::invalid_argument(std::string(what) + ": \"" + std::string(text) + "\"");
}

// Decimal without sign, leading '+' or leading zeros (which some tools read as octal).
bool parse_decimal(std::string_view s, unsigned max, unsigned& out) {
  if (s.empty() || s.size() > 3 || (s.size() > 1 && s[0] == '0')) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size() && out <= max;
}

}  // namespace

ipv4_address ipv4_address::parse(std::string_view text) {
  std::uint32_t bits = 0;
  std::string_view rest = text;
  for (int i = 0; i < 4; ++i) {
    const auto dot = rest.find('.');
    if ((i < 3) == (dot == std::string_view::npos)) bad("not an IPv4 address (want a.b.c.d)", text);
    unsigned octet = 0;
    if (!parse_decimal(rest.substr(0, dot), 255, octet)) bad("not an IPv4 address (octets are 0..255)", text);
    bits = (bits << 8) | octet;
    rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
  }
  return {bits};
}

std::string ipv4_address::str() const {
  return std::to_string(bits >> 24) + '.' + std::to_string((bits >> 16) & 0xff) + '.' +
         std::to_string((bits >> 8) & 0xff) + '.' + std::to_string(bits & 0xff);
}

ipv4_cidr ipv4_cidr::parse(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) bad("not an IPv4 CIDR (want a.b.c.d/n)", text);
  unsigned prefix = 0;
  if (!parse_decimal(text.substr(slash + 1), 32, prefix)) bad("not an IPv4 CIDR (prefix length is 0..32)", text);
  return {ipv4_address::parse(text.substr(0, slash)), static_cast<int>(prefix)};
}

ipv4_cidr ipv4_cidr::parse_network(std::string_view text) {
  const ipv4_cidr c = parse(text);
  if (c.address != c.network()) {
    const ipv4_cidr fixed{c.network(), c.prefix_length};
    bad("not a network address (did you mean " + fixed.str() + "?)", text);
  }
  return c;
}

std::uint32_t ipv4_cidr::netmask_bits() const {
  return prefix_length == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix_length);
}

ipv4_address ipv4_cidr::network() const { return {address.bits & netmask_bits()}; }

ipv4_address ipv4_cidr::broadcast() const { return {network().bits | ~netmask_bits()}; }

ipv4_address ipv4_cidr::at(std::uint64_t offset) const {
  if (offset >= size()) throw std::out_of_range("offset " + std::to_string(offset) + " is outside " + str());
  return {network().bits + static_cast<std::uint32_t>(offset)};
}

std::string ipv4_cidr::str() const { return address.str() + '/' + std::to_string(prefix_length); }

}  // namespace navarch::netlink
