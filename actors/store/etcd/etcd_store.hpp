// Spawns a store (msg::store_actor) whose state lives in a real etcd, reached through its v3 JSON gateway.
// Revisions are etcd's own. One difference from the built-in store: a watch from a compacted revision is
// accepted (etcd decides only after creating it) and then ends with a canceled batch carrying compact_revision.
// A broken watch stream is reopened where the subscriber is, so a restarting etcd loses no events.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "messages/store_actor.hpp"
#include "net/http/client.hpp"

namespace navarch::etcd {

struct etcd_options {
  std::vector<http::endpoint> endpoints;  // tried in order; a connection failure moves to the next
  std::chrono::milliseconds request_timeout{5000};
  std::chrono::milliseconds connect_timeout{2000};
  std::size_t max_watches = 100000;  // more watch requests fail with a caf::error saying so
};

// Blocks until one of `endpoints` answers a read (then returns ""), or all have failed within `timeout` each
// (then returns why, one line naming the last endpoint tried).
std::string probe_etcd(const std::vector<http::endpoint>& endpoints, std::chrono::milliseconds timeout);

// Throws std::invalid_argument when opts.endpoints is empty. Connects lazily: an unreachable etcd shows in
// replies (store_unavailable), not here.
msg::store_actor spawn_etcd_store(caf::actor_system& sys, etcd_options opts);

}  // namespace navarch::etcd
