// The watches a store replica serves: each streams the committed writes of its key range, in revision order, to
// a subscriber actor. Only committed state ever reaches it (the replica publishes what it applied), and after a
// snapshot replaced the state every watch continues from history where it stopped, never going back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_addr.hpp>
#include <caf/fwd.hpp>
#include <caf/typed_response_promise.hpp>

#include "actors/store/mvcc.hpp"
#include "messages/store.hpp"

namespace navarch::store {

class replica_watches {
 public:
  // `owner` monitors subscribers (its down handler must call subscriber_down).
  void init(caf::local_actor* owner, std::size_t max_watches, std::size_t max_batch_events);

  // Registers a watch on `state` and answers `rp` before sending any batch, so the subscriber knows the id first;
  // replays history from the start revision, then the watch is live.
  void add(caf::typed_response_promise<msg::watch_response> rp, const msg::watch_request& req,
           const caf::actor& subscriber, const mvcc& state);
  void cancel(int64_t id);  // the subscriber gets a last, canceled batch
  void cancel_all();
  void subscriber_down(const caf::actor_addr& who);

  // Committed writes of one or more revisions, in order.
  void publish(const std::vector<msg::watch_event>& events);
  // The state was replaced (a snapshot was installed): each watch catches up from `state`'s history, or ends
  // with the compaction revision when its next revision is gone.
  void resync(const mvcc& state);

 private:
  struct watch {
    caf::actor subscriber;
    std::string key;
    std::string range_end;
    bool prev_kv = false;
    int64_t next_revision = 0;  // events below this were delivered already (or precede the watch)
  };

  void deliver(int64_t id, watch& w, const std::vector<msg::watch_event>& events);
  void drop(int64_t id, bool notify, int64_t compact_revision = 0);

  caf::local_actor* owner_ = nullptr;
  std::size_t max_watches_ = 0;
  std::size_t max_batch_events_ = 0;
  std::map<int64_t, watch> watches_;
  std::map<caf::actor_addr, std::set<int64_t>> watches_of_;  // by subscriber, to drop them when it goes down
  int64_t next_id_ = 1;
};

}  // namespace navarch::store
