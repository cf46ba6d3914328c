#include "actors/store/replica/peer_links.hpp"

#include <stdexcept>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/send.hpp>

namespace navarch::store {

namespace {

using connect_atom = caf::atom_constant<caf::atom("connect")>;

// One peer: connect (blocking, so the actor is detached), tell the local replica, watch the link, reconnect.
caf::behavior connector(caf::event_based_actor* self, msg::store_replica_actor local, uint64_t id,
                        peer_address addr, std::chrono::milliseconds retry) {
  self->monitor(local);
  self->set_down_handler([=](caf::down_msg& dm) {
    if (dm.source == local.address()) {
      self->quit();  // the connector ends with its replica
      return;
    }
    caf::anon_send(local, msg::replica_peer{id, caf::actor{}});
    self->delayed_send(self, retry, connect_atom::value);
  });
  self->send(self, connect_atom::value);
  return {
      [=](connect_atom) {
        auto peer = self->system().middleman().remote_actor<msg::store_replica_actor>(addr.host, addr.port);
        if (!peer) {
          self->delayed_send(self, retry, connect_atom::value);
          return;
        }
        self->monitor(*peer);
        caf::anon_send(local, msg::replica_peer{id, caf::actor_cast<caf::actor>(*peer)});
      },
  };
}

}  // namespace

uint16_t publish_replica(caf::actor_system& sys, const msg::store_replica_actor& local, const peer_address& at) {
  auto port = sys.middleman().publish(local, at.port, at.host.c_str(), true);
  if (!port)
    throw std::runtime_error("cannot listen for store peers on " + at.host + ":" + std::to_string(at.port) + ": " +
                             sys.render(port.error()));
  return *port;
}

std::vector<caf::actor> link_peers(caf::actor_system& sys, const msg::store_replica_actor& local, uint64_t local_id,
                                   const std::map<uint64_t, peer_address>& peers, std::chrono::milliseconds retry) {
  std::vector<caf::actor> connectors;
  for (const auto& [id, addr] : peers)
    if (id != local_id)
      connectors.push_back(sys.spawn<caf::detached>(connector, local, id, addr, retry));
  return connectors;
}

void configure_peer_links(caf::actor_system_config& cfg) {
  cfg.load<caf::io::middleman>();
  cfg.set("middleman.heartbeat-interval", caf::timespan{std::chrono::milliseconds(500)});
  cfg.set("middleman.connection-timeout", caf::timespan{std::chrono::seconds(2)});
}

}  // namespace navarch::store
