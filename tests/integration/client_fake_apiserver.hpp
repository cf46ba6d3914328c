// A fake apiserver for client tests: msg::api_actor over an in-memory map, with list, watch (replayed from a
// history, 410 before the compaction point) and a few test controls sent as api_request verbs:
//   x-pause   record writes but deliver no watch events
//   x-expire  send every watcher an ERROR 410 and end its watch; compact history up to now; resume delivery
//   x-close   end every watch with closed=true; resume delivery
//   x-silent  (body "true"/"false") stop/resume answering requests and delivering events
//   x-events-first  (body "true"/"false") send a watch's catch-up events before its reply
//   x-stats   reply {"lists","watches","cancels","activeWatches","lastWatchRv","lastListQuery"}
#pragma once

#include <cstdint>

#include <caf/fwd.hpp>

#include "messages/api_actor.hpp"

namespace navarch::test {

// `start_rv` is the resourceVersion before the first write (a restarted apiserver continues its store's).
msg::api_actor spawn_fake_apiserver(caf::actor_system& sys, int64_t start_rv = 0);

}  // namespace navarch::test
