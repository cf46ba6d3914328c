// Pod IP allocation inside a node's podCIDR. The first address after the network address (.1 in a /24) is the
// bridge's, the gateway of every pod; pods get the others up to the broadcast address. Each address is held by an
// owner (the pod uid), so allocating again for the same pod is idempotent. The state is a short text file, so a
// restarted node keeps the addresses of its running pods. Pure apart from load/save.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "net/netlink/ipv4.hpp"

namespace navarch::netlink {

// Every pod address of the block is held.
struct pod_cidr_exhausted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class pod_ip_allocator {
 public:
  // pod_cidr must be a network block ("10.244.0.0/24") with prefix length 8..30; throws std::invalid_argument.
  explicit pod_ip_allocator(ipv4_cidr pod_cidr);

  const ipv4_cidr& pod_cidr() const { return cidr_; }
  ipv4_address gateway() const { return cidr_.at(1); }
  // The bridge's interface address: the gateway with the block's prefix ("10.244.0.1/24").
  ipv4_cidr gateway_cidr() const { return {gateway(), cidr_.prefix_length}; }
  // How many pods the block holds: all addresses but network, gateway and broadcast.
  std::uint64_t capacity() const { return cidr_.size() - 3; }
  std::size_t allocated() const { return by_owner_.size(); }

  // The address owner holds, with the block's prefix ("10.244.0.7/24"); a new one if it holds none. Addresses
  // are handed out next-fit, so a just-released address is reused last. Throws pod_cidr_exhausted when the block
  // is full, std::invalid_argument for an empty owner or one with whitespace.
  ipv4_cidr allocate(const std::string& owner);
  // Holds a given address for owner (re-adopting a running pod). Throws std::invalid_argument when the address
  // is not a pod address of the block or another owner holds it; a no-op when owner already holds it.
  void reserve(ipv4_address address, const std::string& owner);
  // Frees what owner holds and returns it; nullopt when owner holds nothing.
  std::optional<ipv4_address> release(const std::string& owner);
  std::optional<ipv4_address> address_of(const std::string& owner) const;
  // owner -> address, in owner order.
  std::map<std::string, ipv4_address> allocations() const;

  // "cidr 10.244.0.0/24" then one "address owner" line per allocation, in address order.
  std::string serialize() const;
  // Reads serialize()'s output for pod_cidr. Throws std::invalid_argument naming the line when the text is
  // malformed, written for another block, or holds an address twice.
  static pod_ip_allocator parse(ipv4_cidr pod_cidr, std::string_view text);

 private:
  ipv4_cidr cidr_;
  std::map<std::uint32_t, std::string> by_address_;  // offset in the block -> owner
  std::map<std::string, std::uint32_t> by_owner_;
  std::uint32_t last_offset_ = 1;  // the last address handed out; the search resumes after it
};

// The allocator saved at path, or an empty one when the file does not exist. Throws std::runtime_error naming
// the file when it cannot be read or parsed.
pod_ip_allocator load_pod_ips(const std::filesystem::path& path, ipv4_cidr pod_cidr);
// Writes the allocator through a temporary file and a rename, so a crash leaves the old or the new state.
void save_pod_ips(const std::filesystem::path& path, const pod_ip_allocator& allocator);

}  // namespace navarch::netlink
