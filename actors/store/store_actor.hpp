// Spawns the store (etcd role, single replica): msg::store_actor served from the MVCC state and its WAL.
#pragma once

#include <cstddef>
#include <string>

#include <caf/fwd.hpp>

#include "messages/store_actor.hpp"

namespace navarch::store {

struct store_options {
  std::string data_dir;               // holds store.wal; created if missing
  std::size_t max_watches = 100000;   // more watch requests fail with a caf::error saying so
  std::size_t max_batch_events = 1000;  // a watch_batch exceeds this only to keep one revision whole
};

// Opens and replays the WAL in opts.data_dir first, so an unusable directory or log throws std::runtime_error
// here, with a message naming the path; then spawns the store on its own thread (it blocks in fdatasync).
msg::store_actor spawn_store(caf::actor_system& sys, const store_options& opts);

}  // namespace navarch::store
