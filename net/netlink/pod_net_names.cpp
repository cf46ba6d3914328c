#include "net/netlink/pod_net_names.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace navarch::netlink {

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

pod_net_names pod_net_names_for(std::string_view pod_uid) {
  const bool ok = !pod_uid.empty() && pod_uid.size() <= 128 && pod_uid[0] != '.' &&
                  std::all_of(pod_uid.begin(), pod_uid.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '_' || c == '.';
                  });
  if (!ok)
    throw std::invalid_argument("pod uid \"" + std::string(pod_uid) +
                                "\" is not 1..128 characters of [A-Za-z0-9._-] (not starting with '.')");
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(pod_uid)));
  return {"navarch-" + std::string(pod_uid), "veth" + std::string(hex, 11)};
}

bool valid_interface_name(std::string_view name) {
  return !name.empty() && name.size() <= 15 && name != "." && name != ".." &&
         std::none_of(name.begin(), name.end(), [](unsigned char c) { return c == '/' || c == ':' || c <= ' '; });
}

}  // namespace navarch::netlink
