// An apiserver worker's behaviour: routes each request, sends watches, logs and exec on to the apiserver actor,
// and runs everything else itself under the request's deadline.
#include "actors/apiserver/actor/worker_state.hpp"

#include <algorithm>

#include "actors/apiserver/core/request_timeout.hpp"
#include "api/status/status.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;
using namespace std::chrono_literals;

namespace {

// Counts one request against its worker until the last copy of its reply function is gone (answered, or its
// continuations dropped): what the pool's policy reads to find the least busy worker.
class load_ticket {
 public:
  explicit load_ticket(std::atomic<int>* slot) : slot_(slot) {}
  load_ticket(const load_ticket&) = delete;
  load_ticket& operator=(const load_ticket&) = delete;
  ~load_ticket() { slot_->fetch_sub(1, std::memory_order_relaxed); }

 private:
  std::atomic<int>* slot_;
};

std::shared_ptr<load_ticket> ticket(worker_ptr self) {
  return std::make_shared<load_ticket>(&self->state.load->outstanding[self->state.index]);
}

caf::result<api_response> handle(worker_ptr self, const api_request& req, const caf::actor& follower) {
  auto held = ticket(self);
  auto routed = api::resolve(req);
  if (auto* err = std::get_if<api_response>(&routed)) return *err;
  const auto& rt = std::get<api::route>(routed);
  // Watches, logs and exec belong to the apiserver actor (the watch cache, the connected kubelets).
  auto to_core = [&]() -> caf::result<api_response> {
    if (follower) return self->delegate(self->state.core, req, follower);
    return self->delegate(self->state.core, req);
  };
  if (req.verb == "watch") return to_core();
  bool json_body = req.content_type.empty() || req.content_type.starts_with("application/json");
  if ((req.verb == "create" || req.verb == "update") && !json_body)
    return api::unsupported_media_type(req.content_type);
  if ((req.verb == "get" && rt.subresource == "log") || rt.subresource == "exec") return to_core();
  auto limit = api::request_timeout(query_param(req, "timeout"), self->state.opts.request_timeout);
  if (auto* err = std::get_if<api_response>(&limit)) return *err;
  auto deadline = steady::now() + std::get<std::chrono::nanoseconds>(limit);
  auto promise = self->make_response_promise<api_response>();
  reply_fn rp = [promise, held](api_response r) mutable { promise.deliver(std::move(r)); };
  if (req.verb == "get") {
    handle_get(self, rt, req, rp, deadline);
  } else if (req.verb == "list") {
    handle_list(self, rt, req, rp, deadline);
  } else if (req.verb == "create" && rt.subresource == "binding") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t) {
                        return api::prepare_binding(rt, body, cur, clock::now());
                      },
                      rp, deadline, 0);
  } else if (req.verb == "create") {
    handle_create(self, rt, req, rp, deadline);
  } else if (req.verb == "update") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t rv) {
                        return api::prepare_update(rt, body, cur, rv, clock::now());
                      },
                      rp, deadline, 0);
  } else if (req.verb == "patch") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body, ct = req.content_type,
                       manager = query_param(req, "fieldManager")](const json::object& cur, int64_t rv) {
                        return api::prepare_patch(rt, ct, manager, body, cur, rv, clock::now());
                      },
                      rp, deadline, 0);
  } else if (req.verb == "delete") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t rv) {
                        return api::prepare_delete(rt, body, cur, rv, clock::now());
                      },
                      rp, deadline, 0);
  } else {
    handle_deletecollection(self, rt, req, rp, deadline);
  }
  return promise;
}

}  // namespace

std::chrono::milliseconds time_left(worker_ptr self, steady::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
  return std::clamp(left, std::chrono::milliseconds(1), self->state.opts.store_timeout);
}

bool gave_up(steady::time_point deadline, const reply_fn& rp) {
  if (steady::now() < deadline) return false;
  rp(api::timeout("request did not complete within the allotted timeout"));
  return true;
}

std::function<void(caf::error&)> failed(steady::time_point deadline, reply_fn rp) {
  return [deadline, rp](caf::error& err) {
    if (!gave_up(deadline, rp)) rp(store_failure(err));
  };
}

api_actor::behavior_type worker(worker_ptr self, core_actor core, store_actor store, apiserver_options opts,
                                std::shared_ptr<pool_load> load, std::size_t index) {
  self->state.core = core;
  self->state.store = store;
  self->state.opts = opts;
  self->state.load = std::move(load);
  self->state.index = index;
  // Linked both ways: the pool stopping its workers stops the apiserver actor, and the apiserver actor stopping
  // (its store is gone) stops every worker, and so the pool.
  self->link_to(core);
  return {
      [self](const api_request& req) -> caf::result<api_response> { return handle(self, req, {}); },
      [self](const api_request& req, const caf::actor& follower) -> caf::result<api_response> {
        return handle(self, req, follower);
      },
      [self](const api_watch_cancel& c) {
        auto held = ticket(self);
        self->send(self->state.core, c);
      },
      [self](const node_agent& agent) {
        auto held = ticket(self);
        self->send(self->state.core, agent);
      },
  };
}

}  // namespace navarch::apiserver::detail
