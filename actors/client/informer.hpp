// An informer for actors (client-go's SharedInformer, reshaped): a local cache of one resource kept current by
// list + watch, with event handlers, living INSIDE the component actor that uses it.
//
// Why inside the owner and not as a separate actor: the owner's reconcile code reads the cache synchronously and
// the handlers run on the owner's thread with no locking and no second copy of the cache; the cost is that the
// owner forwards three kinds of messages to it (watch events, back-off ticks, down messages). Wiring:
//
//   struct state { std::optional<client::informer> pods; };
//   caf::behavior component(caf::stateful_actor<state>* self, client::server_resolver api) {
//     self->state.pods.emplace(self, api, options, handlers);
//     self->set_down_handler([=](caf::down_msg& dm) { self->state.pods->on_down(dm); });
//     self->state.pods->start();
//     return {
//       [=](const msg::api_watch_event& ev) { self->state.pods->on_watch_event(ev); },
//       [=](const client::informer_tick& t) { self->state.pods->on_tick(t); },
//     };
//   }
//
// An actor with several informers hands every watch event, tick and down message to each; an informer ignores
// what is not its own. Recovery: a List or watch request that fails or times out, a 410 Expired (reply or
// ERROR event), a bad event, the apiserver going down (monitored), or a watch still open past its timeoutSeconds
// plus a grace period (the apiserver must end watches at timeoutSeconds) all lead to a relist after a back-off (doubling from initial_backoff to max_backoff,
// reset by progress). A watch the apiserver merely closed is resumed from the last resourceVersion after
// initial_backoff. A relist is diffed against the cache, so handlers see what changed while away (an object
// deleted meanwhile gets on_delete with its last known state).
// The owner is an untyped event-based actor (it must accept api_watch_event and informer_tick). Call stop()
// before destroying an informer early; otherwise its watch lasts until the owner terminates.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <caf/fwd.hpp>
#include <caf/meta/type_name.hpp>

#include "actors/client/object_cache.hpp"
#include "actors/client/requests.hpp"
#include "messages/api.hpp"
#include "messages/api_actor.hpp"

namespace navarch::client {

// Returns the apiserver to talk to now; called before every list and watch, so a restarted apiserver (a new
// handle in the actor registry, say) is found again. An invalid handle means "not available yet".
using server_resolver = std::function<msg::api_actor()>;

struct informer_options {
  resource_ref resource;
  std::string ns;  // "" = all namespaces
  std::string label_selector;
  std::string field_selector;
  std::string user;
  std::chrono::milliseconds request_timeout = default_request_timeout;
  std::chrono::seconds watch_timeout{300};  // timeoutSeconds asked of the apiserver
  std::chrono::milliseconds watch_grace{5000};  // silence past watch_timeout + grace means the watch is lost
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{10000};
};

// Handlers run on the owner's thread, after the cache has been updated. Any may be empty.
struct informer_handlers {
  std::function<void(const object_ptr&)> on_add;
  std::function<void(const object_ptr& old_object, const object_ptr& object)> on_update;
  std::function<void(const object_ptr& last_state)> on_delete;
  std::function<void()> on_synced;  // once, after the first List has been applied
};

// The informer's timer message, sent by the owner to itself; forward it to on_tick. Local only.
struct informer_tick {
  uint64_t informer = 0;
  uint64_t generation = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, informer_tick& x) {
  return f(caf::meta::type_name("informer_tick"), x.informer, x.generation);
}

class informer {
 public:
  informer(caf::event_based_actor* self, server_resolver server, informer_options options,
           informer_handlers handlers);
  ~informer();
  informer(const informer&) = delete;
  informer& operator=(const informer&) = delete;

  void start();  // the first List; call once the owner is ready for handler calls
  void stop();   // cancels the watch; no more requests or handler calls until start() again

  void on_watch_event(const msg::api_watch_event& event);
  void on_tick(const informer_tick& tick);
  void on_down(const caf::down_msg& down);

  bool synced() const;  // the first List has been applied
  const object_cache& cache() const;
  int64_t resource_version() const;
  // Why the last attempt was given up ("watch closed", "list: HTTP 503", ...), for logs and status; "" if never.
  const std::string& last_error() const;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;  // pending replies hold a weak_ptr: destroying the informer silences them
};

}  // namespace navarch::client
