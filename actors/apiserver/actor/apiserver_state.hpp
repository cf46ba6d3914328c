// Inside the apiserver actor: its state and the handlers its behaviour dispatches to, one file per concern
// (watch_handlers.cpp, read_handlers.cpp, write_handlers.cpp). Included by those files only.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/apiserver/actor/apiserver_actor.hpp"
#include "actors/apiserver/core/route.hpp"
#include "actors/apiserver/core/watch_hub.hpp"
#include "actors/apiserver/core/writes.hpp"

namespace navarch::apiserver::detail {

namespace json = boost::json;
using api::clock;
using msg::api_request;
using msg::api_response;

using tick_atom = caf::atom_constant<caf::atom("tick")>;
using compact_atom = caf::atom_constant<caf::atom("compact")>;

using apiserver_impl = msg::api_actor::extend<caf::reacts_to<msg::watch_batch>, caf::reacts_to<tick_atom>,
                                              caf::reacts_to<compact_atom>>;

inline constexpr int max_write_attempts = 8;  // optimistic-concurrency retries for writes without a precondition

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
// Where a handler's answer goes: a response promise for requests, or a continuation (deletecollection).
using reply_fn = std::function<void(api_response)>;

// request_helpers.cpp
std::string query_param(const api_request& req, const char* key);
bool dry_run(const api_request& req);
std::shared_ptr<json::value> parse_stored(const std::string& text);
api_response ok(int code, std::string body, std::string_view content_type = "application/json");
api_response written(const api::route& rt, const api_request& req, json::object obj, int64_t rv, int code);
api_response store_failure(const caf::error& err);
// The reply when a read of the route's object found nothing to work on: a failed store read (500) or no object
// (404); nothing when the object is there.
std::optional<api_response> unreadable_object(const api::route& rt, const msg::range_response& r);

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

// review_handlers.cpp
// The review kinds (answered for the caller, nothing stored) and TokenRequest (serviceaccounts/<name>/token).
void handle_review(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp);
void handle_token_request(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp);

// read_handlers.cpp
void handle_get(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp);
void handle_list(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp);

// write_handlers.cpp
using decide_fn = std::function<api::plan_or_error(const json::object& current, int64_t rv)>;
void handle_create(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp, int attempt = 0);
void read_modify_write(self_ptr self, api::route rt, api_request req, decide_fn decide, reply_fn rp, int attempt);
void handle_deletecollection(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp);
void finalize_namespace(self_ptr self, const std::string& ns);

}  // namespace navarch::apiserver::detail
