// The apiserver: Kubernetes REST semantics over the store, for HTTP users (through http_front) and for
// components (by messages). A pool of workers decodes, decides and encodes; one actor orders the writes and fans
// out watches. Light header: no CAF behaviour code here.
#pragma once

#include <chrono>
#include <cstddef>

#include <caf/fwd.hpp>

#include "messages/api_actor.hpp"
#include "messages/store_actor.hpp"

namespace navarch::apiserver {

struct apiserver_options {
  // Workers decoding, validating, patching and encoding requests; 0 = one per core of the machine.
  std::size_t workers = 0;
  // The most a request may take (a client may ask for less with ?timeout=); past it, a 504 and no more work.
  std::chrono::milliseconds request_timeout{60000};
  std::chrono::milliseconds store_timeout{10000};
  std::size_t watch_window = 50000;  // recent events kept for watches from a past resourceVersion
  std::size_t max_watches = 10000;
  std::chrono::milliseconds bookmark_interval{5000};
  // Like kube-apiserver, compact the store periodically, keeping at least one interval of history.
  std::chrono::milliseconds compaction_interval{std::chrono::minutes(5)};
};

// Ensures the built-in namespaces exist, then spawns the apiserver on top of the store; the handle is its worker
// pool, which stops everything when it is stopped. Throws std::runtime_error when the store does not answer.
msg::api_actor spawn_apiserver(caf::actor_system& sys, msg::store_actor store, apiserver_options opts = {});

}  // namespace navarch::apiserver
