// Links a store replica to its peers in other processes through CAF's middleman: publishes the local replica on
// its listen address, and keeps one connector per peer that connects (retrying while the peer is down), hands
// the link to the local replica, and starts over when the link drops.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/actor.hpp>

#include <caf/fwd.hpp>

#include "messages/store_replica.hpp"

namespace navarch::store {

struct peer_address {
  std::string host;
  uint16_t port = 0;
};

// Publishes `local` on host:port (port 0 picks one); returns the port. Throws std::runtime_error saying why when
// the address cannot be bound.
uint16_t publish_replica(caf::actor_system& sys, const msg::store_replica_actor& local, const peer_address& at);

// Starts the connectors for `peers` (by replica id; the local replica's own id is skipped). They end when the
// local replica does. Keep the returned handles for as long as the links should live: CAF ends an actor nobody
// references once its mailbox is empty.
std::vector<caf::actor> link_peers(caf::actor_system& sys, const msg::store_replica_actor& local, uint64_t local_id,
                                   const std::map<uint64_t, peer_address>& peers,
                                   std::chrono::milliseconds retry = std::chrono::milliseconds(200));

// The middleman settings replicas need: heartbeats and a connection timeout, so a hung or vanished peer is noticed
// within about two seconds (CAF's defaults never notice).
void configure_peer_links(caf::actor_system_config& cfg);

}  // namespace navarch::store
