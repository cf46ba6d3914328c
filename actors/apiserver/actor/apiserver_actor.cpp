#include "actors/apiserver/actor/apiserver_actor.hpp"

#include <stdexcept>

#include "actors/apiserver/actor/apiserver_state.hpp"
#include "actors/apiserver/core/bootstrap.hpp"
#include "api/registry/kind_strategy.hpp"
#include "actors/apiserver/core/status.hpp"
#include "actors/apiserver/core/store_ops.hpp"
#include "net/tls/jwt.hpp"

namespace navarch::apiserver {

using namespace navarch::msg;
using namespace detail;
using api::namespace_key;

namespace {

// `follower` receives streamed replies (followed logs, exec output); requests without one get whole answers.
caf::result<api_response> handle(self_ptr self, const api_request& req, const caf::actor& follower = {}) {
  auto routed = api::resolve(req);
  if (auto* err = std::get_if<api_response>(&routed)) return *err;
  const auto& rt = std::get<api::route>(routed);
  if (req.verb == "watch") return api::bad_request("a watch needs a subscriber");
  bool json_body = req.content_type.empty() || req.content_type.starts_with("application/json");
  if ((req.verb == "create" || req.verb == "update") && !json_body)
    return api::unsupported_media_type(req.content_type);
  auto promise = self->make_response_promise<api_response>();
  reply_fn rp = [promise](api_response r) mutable { promise.deliver(std::move(r)); };
  if (req.verb == "get" && rt.subresource == "log") {
    handle_log(self, rt, req, follower, rp);
  } else if (rt.subresource == "exec") {
    handle_exec(self, rt, req, follower, rp);
  } else if (req.verb == "get") {
    handle_get(self, rt, req, rp);
  } else if (req.verb == "list") {
    handle_list(self, rt, req, rp);
  } else if (req.verb == "create" && rt.subresource == "binding") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t) {
                        return api::prepare_binding(rt, body, cur, clock::now());
                      },
                      rp, 0);
  } else if (req.verb == "create" && rt.resource->review) {
    handle_review(self, rt, req, rp);
  } else if (req.verb == "create" && rt.subresource == "token") {
    handle_token_request(self, rt, req, rp);
  } else if (req.verb == "create") {
    handle_create(self, rt, req, rp);
  } else if (req.verb == "update") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t rv) {
                        return api::prepare_update(rt, body, cur, rv, clock::now());
                      },
                      rp, 0);
  } else if (req.verb == "patch") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body, ct = req.content_type,
                       manager = query_param(req, "fieldManager")](const json::object& cur, int64_t rv) {
                        return api::prepare_patch(rt, ct, manager, body, cur, rv, clock::now());
                      },
                      rp, 0);
  } else if (req.verb == "delete") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t rv) {
                        return api::prepare_delete(rt, body, cur, rv, clock::now());
                      },
                      rp, 0);
  } else {
    handle_deletecollection(self, rt, req, rp);
  }
  return promise;
}

apiserver_impl::behavior_type apiserver(self_ptr self, store_actor store, apiserver_options opts, int64_t start_rv) {
  self->state.store = store;
  self->state.opts = opts;
  self->state.hub = api::watch_hub(opts.watch_window);
  self->state.hub.reset(start_rv);
  start_store_watch(self, start_rv);
  self->set_down_handler([self](const caf::down_msg& dm) {
    if (dm.source == self->state.store.address()) {
      self->quit(dm.reason);
      return;
    }
    if (!drop_kubelet(self, dm.source)) drop_subscriber(self, dm.source);
  });
  self->monitor(store);
  self->delayed_send(self, opts.bookmark_interval, tick_atom::value);
  self->state.compact_next = start_rv;
  self->delayed_send(self, opts.compaction_interval, compact_atom::value);
  // Namespaces left Terminating by a crash are finished by the next apiserver that starts.
  self->request(store, opts.store_timeout, range_request{namespace_key(""), api::prefix_end(namespace_key("")), 0, 0, false})
      .then([self](const range_response& r) {
        for (const auto& kv : r.kvs) {
          auto obj = parse_stored(kv.value);
          const auto* meta = obj ? api::metadata_of(*obj) : nullptr;
          if (meta && meta->contains("deletionTimestamp"))
            finalize_namespace(self, std::string(api::string_field(meta, "name")));
        }
      });
  return {
      [self](const api_request& req) -> caf::result<api_response> { return handle(self, req); },
      [self](const api_request& req, const caf::actor& subscriber) -> caf::result<api_response> {
        if (req.verb != "watch") return handle(self, req, subscriber);
        auto routed = api::resolve(req);
        if (auto* err = std::get_if<api_response>(&routed)) return *err;
        return handle_watch(self, std::get<api::route>(routed), req, subscriber);
      },
      [self](const api_watch_cancel& c) { cancel_watch(self, c.watch_id); },
      [self](const node_agent& agent) { register_kubelet(self, agent); },
      [self](const watch_batch& batch) { on_store_batch(self, batch); },
      [self](tick_atom) { on_tick(self); },
      [self](compact_atom) { on_compact(self); },
  };
}

}  // namespace

api_actor spawn_apiserver(caf::actor_system& sys, store_actor store, apiserver_options opts) {
  if (opts.service_account_key_pem.empty()) opts.service_account_key_pem = tls::new_token_signing_key();
  // Bootstrap synchronously: the built-in namespaces exist before the first request, and the watch cache starts
  // at a known revision.
  caf::scoped_actor self{sys};
  auto ask = [&](auto msg, auto& out) {
    bool ok = false;
    self->request(store, opts.store_timeout, std::move(msg))
        .receive([&](std::decay_t<decltype(out)>& r) { out = std::move(r), ok = true; },
                 [&](caf::error& err) { throw std::runtime_error("store did not answer: " + caf::to_string(err)); });
    return ok;
  };
  for (const auto& txn : api::bootstrap_transactions(clock::now())) {
    txn_response r;
    ask(txn, r);
    if (r.error != store_ok) throw std::runtime_error("bootstrap write failed");
  }
  range_response head;
  ask(range_request{"/registry/", api::prefix_end("/registry/"), 0, 1, true}, head);
  return caf::actor_cast<api_actor>(sys.spawn(apiserver, store, opts, head.revision));
}
}  // namespace navarch::apiserver
