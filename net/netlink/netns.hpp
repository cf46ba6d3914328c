// Named network namespaces (/run/netns/<name>, as `ip netns` keeps them) and running code inside one.
//
// Namespaces belong to threads, not processes: setns() or unshare() on a pooled thread would leave it in the
// wrong namespace for whatever runs there next. So everything here that changes namespace does it on a new
// short-lived std::thread, which ends afterwards; the calling thread never changes namespace.
//
// A netns argument is "" (the calling thread's own namespace), a name without '/' (/run/netns/<name>), or a path
// to a namespace file (e.g. /proc/<pid>/ns/net).
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace navarch::netlink {

// A system call or netlink request failed; what() says what was being done and why it failed.
struct netns_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The file behind a netns argument; "" for "".
std::string netns_path(const std::string& netns);

// Runs fn on a new thread inside netns and waits for it; an exception fn throws is rethrown here. Sockets
// opened by fn stay in that namespace. Throws netns_error when the namespace cannot be entered.
void run_in_netns(const std::string& netns, const std::function<void()>& fn);

// Creates /run/netns/<name>: a new, empty network namespace (only a down lo) kept alive by a bind mount, like
// `ip netns add`. Idempotent: an existing namespace of that name is kept. Throws std::invalid_argument for a
// name that is empty, ".", "..", or holds '/'; netns_error when the kernel refuses.
void create_netns(const std::string& name);

// Unmounts and removes /run/netns/<name>. Idempotent: a missing namespace is not an error. The namespace itself
// lives on while processes run in it.
void delete_netns(const std::string& name);

// True when /run/netns/<name> (or the path) is a network namespace.
bool netns_exists(const std::string& netns);

// Writes net.ipv4.ip_forward in netns ("" = the caller's!): forwarding between pods and other networks.
void set_ip_forwarding(const std::string& netns, bool enabled);
// Reads net.ipv4.ip_forward in netns.
bool ip_forwarding(const std::string& netns);

}  // namespace navarch::netlink
