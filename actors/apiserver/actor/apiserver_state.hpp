// Inside the apiserver actor: its state and the handlers its behaviour dispatches to, one file per concern
// (watch_handlers.cpp, node_handlers.cpp, namespace_finalizer.cpp). Requests are decoded, decided and encoded
// by the workers (worker_state.hpp); this actor keeps what must be in one place: the order of writes, the watch
// cache and its subscribers, the connected kubelets. Included by those files only.
#pragma once

#include <map>
#include <string>

#include <caf/all.hpp>

#include "actors/apiserver/actor/apiserver_actor.hpp"
#include "actors/apiserver/actor/core_protocol.hpp"
#include "actors/apiserver/actor/request_helpers.hpp"
#include "actors/apiserver/core/watch_hub.hpp"

namespace navarch::apiserver::detail {

using tick_atom = caf::atom_constant<caf::atom("tick")>;
using compact_atom = caf::atom_constant<caf::atom("compact")>;

using apiserver_impl =
    core_actor::extend<caf::reacts_to<msg::watch_batch>, caf::reacts_to<tick_atom>, caf::reacts_to<compact_atom>>;

struct subscription {
  caf::actor subscriber;
  clock::time_point deadline = clock::time_point::max();
};

struct state {
  state() = default;  // not an aggregate: CAF would otherwise try to build the state from the actor pointer
  msg::store_actor store;
  apiserver_options opts;
  api::watch_hub hub{50000};
  std::map<int64_t, subscription> subscriptions;
  int64_t next_watch_id = 1;
  int64_t store_watch_id = 0;
  int64_t compact_next = 0;  // the revision the next compaction goes to (seen one interval ago)
  std::map<std::string, caf::actor> kubelets;  // node name -> its kubelet, for logs and exec
  static inline const char* name = "apiserver";
};

using self_ptr = apiserver_impl::stateful_pointer<state>;

// watch_handlers.cpp
void start_store_watch(self_ptr self, int64_t after_rv);
void on_store_batch(self_ptr self, const msg::watch_batch& batch);
caf::result<api_response> handle_watch(self_ptr self, const api::route& rt, const api_request& req,
                                       const caf::actor& subscriber);
void cancel_watch(self_ptr self, int64_t id);
void drop_subscriber(self_ptr self, const caf::actor_addr& subscriber);
void on_tick(self_ptr self);
void on_compact(self_ptr self);

// node_handlers.cpp
void register_kubelet(self_ptr self, const msg::node_agent& agent);
bool drop_kubelet(self_ptr self, const caf::actor_addr& gone);
// Pod logs come from the pod's kubelet: whole (reply) or followed (chunks to `follower`).
void handle_log(self_ptr self, const api::route& rt, const api_request& req, const caf::actor& follower, reply_fn rp);
// kubectl exec: the pod's kubelet starts the command and streams to `client` (see msg::exec_request).
void handle_exec(self_ptr self, const api::route& rt, const api_request& req, const caf::actor& client, reply_fn rp);

// namespace_finalizer.cpp
void finalize_namespace(self_ptr self, const std::string& ns);

}  // namespace navarch::apiserver::detail
