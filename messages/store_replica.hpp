// The store replicas' own conversation (the etcd role's peer traffic): Raft messages between replicas, and the
// links a node hands its replica as peers connect. Clients keep using msg::store_actor; a replica answers it too.
#pragma once

#include <cstdint>
#include <string>

#include <caf/actor.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/store_actor.hpp"

namespace navarch::msg {

// One Raft message, encoded by the replicas' own codec (actors/store/replica/raft_codec) so the protocol does not
// depend on the Raft core's types.
struct raft_packet {
  uint64_t from = 0;
  uint64_t to = 0;
  std::string bytes;
};

// Replica `id` is reachable through `handle` (a store_replica_actor), or no longer when `handle` is null.
struct replica_peer {
  uint64_t id = 0;
  caf::actor handle;
};

// What `etcdctl endpoint status` shows: who this replica is and how far it got.
struct replica_status_request {};
struct replica_status {
  uint64_t id = 0;
  uint64_t term = 0;
  uint64_t leader = 0;  // 0 when it knows none
  uint64_t commit = 0;
  uint64_t applied = 0;
  int64_t revision = 0;  // of its MVCC state
  uint64_t snapshot_index = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, replica_status_request&) {
  return f(caf::meta::type_name("replica_status_request"));
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, replica_status& x) {
  return f(caf::meta::type_name("replica_status"), x.id, x.term, x.leader, x.commit, x.applied, x.revision,
           x.snapshot_index);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, raft_packet& x) {
  return f(caf::meta::type_name("raft_packet"), x.from, x.to, x.bytes);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, replica_peer& x) {
  return f(caf::meta::type_name("replica_peer"), x.id, x.handle);
}

using store_replica_actor =
    store_actor::extend<caf::reacts_to<raft_packet>, caf::reacts_to<replica_peer>,
                        caf::replies_to<replica_status_request>::with<replica_status>>;

}  // namespace navarch::msg
