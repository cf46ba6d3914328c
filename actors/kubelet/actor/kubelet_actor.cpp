#include "actors/kubelet/actor/kubelet_actor.hpp"

#include <boost/json.hpp>
#include <caf/all.hpp>

#include <fstream>
#include <optional>
#include <sstream>

#include "actors/client/informer.hpp"
#include "actors/client/requests.hpp"
#include "actors/kubelet/actor/exec_session.hpp"
#include "actors/kubelet/actor/local_messages.hpp"
#include "actors/kubelet/actor/pod_supervisor.hpp"
#include "actors/kubelet/core/container_lookup.hpp"
#include "actors/kubelet/core/log_view.hpp"
#include "api/object/json_access.hpp"
#include "api/object/meta.hpp"
#include "api/status/status.hpp"
#include "messages/kubelet.hpp"

namespace navarch::kubelet {

namespace json = boost::json;
using clock = std::chrono::system_clock;

namespace {

using heartbeat_atom = caf::atom_constant<caf::atom("heartbeat")>;
using lease_atom = caf::atom_constant<caf::atom("lease")>;

using follow_atom = caf::atom_constant<caf::atom("follow")>;

struct state {
  msg::api_actor api;
  caf::actor worker;  // the runtime worker; invalid when the node runs no pods
  std::shared_ptr<container_port> port;
  std::optional<client::informer> pods;
  std::map<std::string, caf::actor> supervisors;  // pod uid -> its supervisor
  std::map<int64_t, log_follower> followers;
  int64_t next_stream = 1;
  kubelet_options opts;
  machine_info machine;
  clock::time_point ready_since;
  bool registered = false;
  client::resource_client nodes{{"", "v1", "nodes"}, "system:node"};
  client::resource_client leases{{"coordination.k8s.io", "v1", "leases"}, "system:node"};
  static inline const char* name = "kubelet";
};

using self_ptr = caf::stateful_actor<state>*;

void log_failure(const char* what, const msg::api_response& r) {
  std::fprintf(stderr, "kubelet: %s failed: %s\n", what, client::reply_error(r).c_str());
}

void post_status(self_ptr self) {
  auto& st = self->state;
  auto patch = node_status_patch(st.opts.node, st.machine, clock::now(), st.ready_since);
  self->request(st.api, client::default_request_timeout,
                st.nodes.patch("", st.opts.node.name, client::patch_type::merge, json::serialize(patch), "status"))
      .then([](const msg::api_response& r) { if (!client::succeeded(r)) log_failure("node status update", r); },
            [](caf::error&) {});
}

// Registers the Node; an existing Node (a restart) only gets its status refreshed.
void register_node(self_ptr self) {
  auto& st = self->state;
  auto node = node_object(st.opts.node, st.machine, clock::now());
  self->request(st.api, client::default_request_timeout, st.nodes.create("", node))
      .then(
          [self](const msg::api_response& r) {
            if (r.code == 409) post_status(self);
            else if (!client::succeeded(r)) return log_failure("node registration", r);
            self->state.registered = true;
          },
          [](caf::error&) {});  // the next heartbeat tries again
}

void renew_lease(self_ptr self) {
  auto& st = self->state;
  auto lease = node_lease(st.opts.node.name, st.opts.lease_seconds, clock::now());
  json::object patch{{"spec", lease["spec"]}};
  self->request(st.api, client::default_request_timeout,
                st.leases.patch("kube-node-lease", st.opts.node.name, client::patch_type::merge, json::serialize(patch)))
      .then(
          [self, lease](const msg::api_response& r) {
            if (r.code != 404) return;
            self->request(self->state.api, client::default_request_timeout,
                          self->state.leases.create("kube-node-lease", lease))
                .then([](const msg::api_response&) {}, [](caf::error&) {});
          },
          [](caf::error&) {});
}

std::string uid_of(const client::object_ptr& pod) { return std::string(api::meta::uid(*pod)); }

std::shared_ptr<const json::object> object_of(const client::object_ptr& pod) {
  return std::make_shared<const json::object>(pod->as_object());
}

bool terminal(const client::object_ptr& pod) {
  auto phase = api::jv::string_at(*pod, {"status", "phase"});
  return phase == "Succeeded" || phase == "Failed";
}

void start_supervisor(self_ptr self, const client::object_ptr& pod) {
  auto& st = self->state;
  auto uid = uid_of(pod);
  if (uid.empty() || st.supervisors.count(uid) || terminal(pod)) return;
  supervisor_options so;
  so.node = st.opts.node.name;
  so.host_ip = st.opts.node.internal_ip;
  so.backoff = st.opts.backoff;
  so.poll_interval = st.opts.container_poll;
  st.supervisors[uid] = spawn_pod_supervisor(self, st.api, st.worker, so, object_of(pod));
}

// The pods bound to this node, each run by its own supervisor.
void watch_pods(self_ptr self) {
  auto& st = self->state;
  client::informer_options io;
  io.resource = {"", "v1", "pods"};
  io.field_selector = "spec.nodeName=" + st.opts.node.name;
  io.user = "system:node:" + st.opts.node.name;
  client::informer_handlers h;
  h.on_add = [self](const client::object_ptr& pod) { start_supervisor(self, pod); };
  h.on_update = [self](const client::object_ptr&, const client::object_ptr& pod) {
    auto it = self->state.supervisors.find(uid_of(pod));
    if (it == self->state.supervisors.end()) return start_supervisor(self, pod);
    self->send(it->second, pod_changed{object_of(pod)});
  };
  h.on_delete = [self](const client::object_ptr& pod) {
    auto it = self->state.supervisors.find(uid_of(pod));
    if (it == self->state.supervisors.end()) return;
    self->send(it->second, pod_gone_atom::value);
    self->state.supervisors.erase(it);
  };
  auto api = st.api;
  st.pods.emplace(self, [api] { return api; }, io, h);
  st.pods->start();
}

const json::object* cached_pod(self_ptr self, const std::string& ns, const std::string& name) {
  if (!self->state.pods) return nullptr;
  auto pod = self->state.pods->cache().get(ns, name);
  return pod ? &pod->as_object() : nullptr;
}

// Whether the pod's status (as last seen) shows the container running: a followed log ends when it stops.
bool container_running(self_ptr self, const log_follower& f) {
  const auto* pod = cached_pod(self, f.ns, f.pod);
  if (!pod) return false;
  const auto* status = find_container_status(*pod, f.container);
  return api::jv::object_at(api::jv::object_at(status, "state"), "running") != nullptr;
}

std::string read_from(const std::string& path, size_t offset) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  in.seekg(static_cast<std::streamoff>(offset));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

caf::result<msg::api_response> serve_log(self_ptr self, const msg::log_request& lr, const caf::actor& follower) {
  auto& st = self->state;
  const auto* pod = cached_pod(self, lr.ns, lr.pod);
  if (!st.port || !pod)
    return api::status_reply(404, "NotFound", "pod " + lr.pod + " is not running on this node");
  auto rp = self->make_response_promise<msg::api_response>();
  auto pod_copy = std::make_shared<const json::object>(*pod);
  log_view_options view{lr.timestamps, lr.tail_lines, lr.since_seconds, lr.limit_bytes};
  auto me = caf::actor_cast<caf::actor>(self);
  int64_t stream = follower ? st.next_stream++ : 0;
  // The path comes from the runtime and the file is read off the actor pool, on the worker; the answer comes
  // back here, since only this actor may deliver its promise.
  self->send(st.worker, runtime_job{[rp, pod_copy, lr, view, follower, me, stream](container_port& port) {
               auto path = port.log_path(*pod_copy, lr.container, lr.previous);
               auto text = read_from(path, 0);
               log_ready ready{rp, render_log(text, view, std::chrono::system_clock::now()), std::nullopt};
               if (follower) {
                 log_follower f{follower, path, lr.ns, lr.pod, lr.container, view, text.size()};
                 f.view.tail_lines = -1;
                 ready.follow = follow_started{stream, std::move(f)};
               }
               caf::anon_send(me, std::move(ready));
             }});
  return rp;
}

void follow_logs(self_ptr self) {
  auto& st = self->state;
  for (auto it = st.followers.begin(); it != st.followers.end();) {
    auto& f = it->second;
    bool running = container_running(self, f);
    auto more = read_from(f.path, f.offset);
    size_t complete = more.rfind('\n');
    std::string shown;
    if (complete != std::string::npos) {
      shown = render_log(std::string_view(more).substr(0, complete + 1), f.view, std::chrono::system_clock::now());
      f.offset += complete + 1;
    }
    bool end = !running && complete == std::string::npos;
    if (!shown.empty() || end) self->send(f.client, msg::log_chunk{it->first, shown, end});
    it = end ? st.followers.erase(it) : std::next(it);
  }
  if (!st.followers.empty()) self->delayed_send(self, std::chrono::milliseconds(250), follow_atom::value);
}

caf::behavior kubelet(self_ptr self, msg::api_actor api, kubelet_options opts, std::shared_ptr<container_port> port) {
  self->state.api = std::move(api);
  self->state.opts = std::move(opts);
  self->state.port = port;
  if (port) {
    self->state.worker = spawn_runtime_worker(self->system(), port);
    self->link_to(self->state.worker);
    watch_pods(self);
  }
  self->send(self->state.api, msg::node_agent{self->state.opts.node.name, caf::actor_cast<caf::actor>(self)});
  self->set_down_handler([self](caf::down_msg& dm) {
    if (self->state.pods) self->state.pods->on_down(dm);
    for (auto it = self->state.followers.begin(); it != self->state.followers.end();)
      it = it->second.client.address() == dm.source ? self->state.followers.erase(it) : std::next(it);
  });
  self->state.machine = read_machine_info();
  self->state.ready_since = clock::now();
  register_node(self);
  renew_lease(self);
  self->delayed_send(self, self->state.opts.status_interval, heartbeat_atom::value);
  self->delayed_send(self, self->state.opts.lease_interval, lease_atom::value);
  return {
      [self](const msg::api_watch_event& ev) {
        if (self->state.pods) self->state.pods->on_watch_event(ev);
      },
      [self](const client::informer_tick& t) {
        if (self->state.pods) self->state.pods->on_tick(t);
      },
      [self](const msg::log_request& lr) { return serve_log(self, lr, {}); },
      [self](const msg::log_request& lr, const caf::actor& follower) { return serve_log(self, lr, follower); },
      [self](const msg::exec_request& req, const caf::actor& client) {
        return start_exec(self, self->state.port, cached_pod(self, req.ns, req.pod), req, client);
      },
      [self](log_ready& ready) {
        if (!ready.follow) return ready.rp.deliver(msg::api_response{200, "text/plain", std::move(ready.text)}), void();
        ready.rp.deliver(msg::api_response{200, "text/plain", ""});
        auto& f = *ready.follow;
        self->send(f.follower.client, msg::log_chunk{f.stream, std::move(ready.text), false});
        self->monitor(f.follower.client);
        bool idle = self->state.followers.empty();
        self->state.followers.emplace(f.stream, std::move(f.follower));
        if (idle) self->delayed_send(self, std::chrono::milliseconds(250), follow_atom::value);
      },
      [self](follow_atom) { follow_logs(self); },
      [self](heartbeat_atom) {
        if (self->state.registered) post_status(self);
        else register_node(self);
        self->delayed_send(self, self->state.opts.status_interval, heartbeat_atom::value);
      },
      [self](lease_atom) {
        renew_lease(self);
        self->delayed_send(self, self->state.opts.lease_interval, lease_atom::value);
      },
  };
}

}  // namespace

caf::actor spawn_kubelet(caf::actor_system& sys, msg::api_actor api, kubelet_options opts,
                         std::shared_ptr<container_port> runtime) {
  return sys.spawn(kubelet, std::move(api), std::move(opts), std::move(runtime));
}

}  // namespace navarch::kubelet
