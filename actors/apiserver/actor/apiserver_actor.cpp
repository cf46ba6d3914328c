#include "actors/apiserver/actor/apiserver_actor.hpp"

#include <stdexcept>

#include "actors/apiserver/actor/apiserver_state.hpp"
#include "actors/apiserver/actor/worker_pool.hpp"
#include "actors/apiserver/core/bootstrap.hpp"
#include "api/status/status.hpp"
#include "actors/apiserver/core/store_ops.hpp"

namespace navarch::apiserver {

using namespace navarch::msg;
using namespace detail;
using api::namespace_key;

namespace {

// The workers send on what needs this actor's state: watches (the watch cache), logs and exec (the connected
// kubelets). `follower` receives streamed replies (watch events, followed logs, exec output).
caf::result<api_response> handle(self_ptr self, const api_request& req, const caf::actor& follower = {}) {
  auto routed = api::resolve(req);
  if (auto* err = std::get_if<api_response>(&routed)) return *err;
  const auto& rt = std::get<api::route>(routed);
  if (req.verb == "watch") {
    if (!follower) return api::bad_request("a watch needs a subscriber");
    return handle_watch(self, rt, req, follower);
  }
  auto promise = self->make_response_promise<api_response>();
  reply_fn rp = [promise](api_response r) mutable { promise.deliver(std::move(r)); };
  if (rt.subresource == "log") handle_log(self, rt, req, follower, rp);
  else handle_exec(self, rt, req, follower, rp);
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
      [self](const api_request& req, const caf::actor& follower) -> caf::result<api_response> {
        return handle(self, req, follower);
      },
      // A write decided by a worker: in the order writes arrive here, unless the request ran out of time on
      // its way. The store answers the worker directly.
      [self](write_atom, txn_request& txn, int64_t deadline) -> caf::result<txn_response> {
        if (steady::now() >= from_wire(deadline)) return caf::make_error(caf::sec::request_timeout);
        return self->delegate(self->state.store, std::move(txn));
      },
      [self](finalize_atom, const std::string& ns) { finalize_namespace(self, ns); },
      [self](const api_watch_cancel& c) { cancel_watch(self, c.watch_id); },
      [self](const node_agent& agent) { register_kubelet(self, agent); },
      [self](const watch_batch& batch) { on_store_batch(self, batch); },
      [self](tick_atom) { on_tick(self); },
      [self](compact_atom) { on_compact(self); },
  };
}

}  // namespace

api_actor spawn_apiserver(caf::actor_system& sys, store_actor store, apiserver_options opts) {
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
  auto core = sys.spawn(apiserver, store, opts, head.revision);
  return spawn_worker_pool(sys, core, store, opts);
}
}  // namespace navarch::apiserver
