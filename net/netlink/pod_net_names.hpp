// Names of a pod's network objects, derived from the pod uid so that a restarted kubelet finds them again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace navarch::netlink {

struct pod_net_names {
  std::string netns;      // under /run/netns: "navarch-<uid>", so `ip netns` shows which pod it is
  std::string host_veth;  // node side of the veth: "veth" + 11 hex digits of a hash of the uid (15 chars)
};

// Throws std::invalid_argument unless pod_uid is 1..128 characters of [A-Za-z0-9._-] not starting with '.'
// (Kubernetes uids are UUIDs), so the netns name is a safe file name.
pod_net_names pod_net_names_for(std::string_view pod_uid);

// 64-bit FNV-1a: stable across builds and machines, unlike std::hash.
std::uint64_t fnv1a64(std::string_view text);

// Linux accepts interface names of 1..15 bytes without '/', ':', whitespace, and other than "." and "..".
bool valid_interface_name(std::string_view name);

}  // namespace navarch::netlink
