#include "actors/scheduler/actor/scheduler_actor.hpp"

#include <optional>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/client/events.hpp"
#include "actors/client/informer.hpp"
#include "actors/client/requests.hpp"
#include "actors/scheduler/core/pod_info.hpp"
#include "actors/scheduler/core/snapshot.hpp"
#include "api/object/json_access.hpp"
#include "api/object/meta.hpp"

namespace navarch::scheduler {

namespace json = boost::json;

namespace {

using schedule_atom = caf::atom_constant<caf::atom("schedule")>;

struct state {
  msg::api_actor api;
  scheduler_options opts;
  std::optional<client::informer> pods;
  std::optional<client::informer> nodes;
  cluster_snapshot snapshot;
  scheduling_queue queue;
  schedule_cursor cursor;
  bool turn_pending = false;
  client::resource_client pod_client{{"", "v1", "pods"}, "system:kube-scheduler"};
  client::resource_client events{{"", "v1", "events"}, "system:kube-scheduler"};
  static inline const char* name = "scheduler";
};

using self_ptr = caf::stateful_actor<state>*;

using api::jv::string_at;

std::string key_of(const json::value& pod) {
  return std::string(api::meta::namespace_of(pod)) + "/" + std::string(api::meta::name(pod));
}

// A pod this scheduler must place: unassigned, ours, alive and not finished.
bool pending(const json::value& pod, const std::string& scheduler) {
  auto name = string_at(pod, {"spec", "schedulerName"});
  auto phase = string_at(pod, {"status", "phase"});
  return string_at(pod, {"spec", "nodeName"}).empty() && (name.empty() || name == scheduler) &&
         api::jv::object_at(pod, {"metadata"}) && !api::jv::has(pod, {"metadata", "deletionTimestamp"}) &&
         phase != "Succeeded" && phase != "Failed";
}

void request_turn(self_ptr self) {
  if (self->state.turn_pending) return;
  self->state.turn_pending = true;
  self->send(self, schedule_atom::value);
}

void on_pod(self_ptr self, const client::object_ptr& pod) {
  auto& st = self->state;
  auto key = key_of(*pod);
  if (pending(*pod, st.opts.name)) {
    st.queue.add(key);
    return request_turn(self);
  }
  st.queue.remove(key);
  std::string node(string_at(*pod, {"spec", "nodeName"}));
  auto phase = string_at(*pod, {"status", "phase"});
  if (phase == "Succeeded" || phase == "Failed") {  // finished pods hold nothing on their node
    if (st.snapshot.forget(key)) st.queue.cluster_changed(std::chrono::steady_clock::now());
    return;
  }
  if (node.empty()) return;
  auto info = pod_info_from_json(*pod);
  if (info.ok()) st.snapshot.assume(info.pod, node);  // bound (or confirmed): counted on its node
}

void on_pod_gone(self_ptr self, const client::object_ptr& pod) {
  auto& st = self->state;
  auto key = key_of(*pod);
  st.queue.remove(key);
  if (st.snapshot.forget(key)) {
    st.queue.cluster_changed(std::chrono::steady_clock::now());  // freed room may fit a parked pod
    request_turn(self);
  }
}

void on_node(self_ptr self, const client::object_ptr& node) {
  auto info = node_info_from_json(*node);
  if (!info.ok()) return;
  self->state.snapshot.upsert_node(std::move(info.node));
  self->state.queue.cluster_changed(std::chrono::steady_clock::now());
  request_turn(self);
}

void record_failure(self_ptr self, const json::value& pod, const std::string& message) {
  auto& st = self->state;
  auto ev = client::make_event(pod.as_object(), "Warning", "FailedScheduling", message, {st.opts.name, ""},
                               std::chrono::system_clock::now());
  std::string ns(api::meta::namespace_of(pod)), name(api::meta::name(pod));
  self->request(st.api, client::default_request_timeout, st.events.create(ns, ev))
      .then([](const msg::api_response&) {}, [](caf::error&) {});
  json::object condition{{"type", "PodScheduled"}, {"status", "False"}, {"reason", "Unschedulable"},
                         {"message", message}, {"lastProbeTime", nullptr}};
  json::object patch{{"status", json::object{{"conditions", json::array{condition}}}}};
  self->request(st.api, client::default_request_timeout,
                st.pod_client.patch(ns, name, client::patch_type::strategic_merge,
                                    json::serialize(patch), "status"))
      .then([](const msg::api_response&) {}, [](caf::error&) {});
}

void bind_pod(self_ptr self, const pod_info& pod, const std::string& node) {
  auto& st = self->state;
  json::object binding{{"apiVersion", "v1"},
                       {"kind", "Binding"},
                       {"metadata", json::object{{"name", pod.name}, {"namespace", pod.namespace_name}}},
                       {"target", json::object{{"apiVersion", "v1"}, {"kind", "Node"}, {"name", node}}}};
  msg::api_request req = st.pod_client.create(pod.namespace_name, binding);
  req.name = pod.name;
  req.subresource = "binding";
  std::string key = pod.key();
  self->request(st.api, client::default_request_timeout, std::move(req))
      .then(
          [self, key](const msg::api_response& r) {
            if (client::succeeded(r)) return;
            // Lost a race (the pod was bound or deleted meanwhile) or the apiserver failed: undo and retry.
            self->state.snapshot.forget(key);
            self->state.queue.retry(key, std::chrono::steady_clock::now());
            request_turn(self);
          },
          [self, key](caf::error&) {
            self->state.snapshot.forget(key);
            self->state.queue.retry(key, std::chrono::steady_clock::now());
            request_turn(self);
          });
}

// One turn: up to `batch` decisions, then yield so informer events and replies are not starved.
void schedule_turn(self_ptr self) {
  auto& st = self->state;
  st.turn_pending = false;
  if (!st.pods->synced() || !st.nodes->synced()) return;
  auto now = std::chrono::steady_clock::now();
  for (size_t i = 0; i < st.opts.batch; ++i) {
    auto key = st.queue.pop(now);
    if (!key) break;
    auto slash = key->find('/');
    auto pod = st.pods->cache().get(key->substr(0, slash), key->substr(slash + 1));
    if (!pod || !pending(*pod, st.opts.name)) continue;
    auto info = pod_info_from_json(*pod);
    if (!info.ok()) {
      record_failure(self, *pod, info.error);
      st.queue.unschedulable(*key, now);
      continue;
    }
    auto result = schedule(info.pod, st.snapshot, st.opts.decisions, st.cursor);
    if (result.scheduled()) {
      st.snapshot.assume(info.pod, result.node);
      bind_pod(self, info.pod, result.node);
    } else {
      record_failure(self, *pod, result.message);
      st.queue.unschedulable(*key, now);
    }
  }
  if (st.queue.active_size() > 0) return request_turn(self);
  if (auto next = st.queue.next_ready())
    self->delayed_send(self, std::chrono::duration_cast<std::chrono::milliseconds>(*next - now) +
                                 std::chrono::milliseconds(1),
                       schedule_atom::value);
}

caf::behavior scheduler(self_ptr self, msg::api_actor api, scheduler_options opts) {
  auto& st = self->state;
  st.api = api;
  st.opts = opts;
  st.queue = scheduling_queue(opts.queue);
  st.cursor.random_state = 0x9e3779b97f4a7c15ULL;
  auto resolver = [api] { return api; };
  client::informer_handlers pod_handlers;
  pod_handlers.on_add = [self](const client::object_ptr& p) { on_pod(self, p); };
  pod_handlers.on_update = [self](const client::object_ptr&, const client::object_ptr& p) { on_pod(self, p); };
  pod_handlers.on_delete = [self](const client::object_ptr& p) { on_pod_gone(self, p); };
  pod_handlers.on_synced = [self] { request_turn(self); };
  client::informer_options pod_opts;
  pod_opts.resource = {"", "v1", "pods"};
  pod_opts.user = "system:kube-scheduler";
  st.pods.emplace(self, resolver, pod_opts, pod_handlers);
  client::informer_handlers node_handlers;
  node_handlers.on_add = [self](const client::object_ptr& n) { on_node(self, n); };
  node_handlers.on_update = [self](const client::object_ptr&, const client::object_ptr& n) { on_node(self, n); };
  node_handlers.on_delete = [self](const client::object_ptr& n) {
    self->state.snapshot.remove_node(api::meta::name(*n));
  };
  node_handlers.on_synced = [self] { request_turn(self); };
  client::informer_options node_opts;
  node_opts.resource = {"", "v1", "nodes"};
  node_opts.user = "system:kube-scheduler";
  st.nodes.emplace(self, resolver, node_opts, node_handlers);
  self->set_down_handler([self](caf::down_msg& dm) {
    self->state.pods->on_down(dm);
    self->state.nodes->on_down(dm);
  });
  st.nodes->start();
  st.pods->start();
  return {
      [self](const msg::api_watch_event& ev) {
        self->state.pods->on_watch_event(ev);
        self->state.nodes->on_watch_event(ev);
      },
      [self](const client::informer_tick& t) {
        self->state.pods->on_tick(t);
        self->state.nodes->on_tick(t);
      },
      [self](schedule_atom) { schedule_turn(self); },
  };
}

}  // namespace

caf::actor spawn_scheduler(caf::actor_system& sys, msg::api_actor api, scheduler_options opts) {
  return sys.spawn(scheduler, std::move(api), std::move(opts));
}

}  // namespace navarch::scheduler
