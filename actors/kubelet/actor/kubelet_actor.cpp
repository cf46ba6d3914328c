#include "actors/kubelet/actor/kubelet_actor.hpp"

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/client/requests.hpp"

namespace navarch::kubelet {

namespace json = boost::json;
using clock = std::chrono::system_clock;

namespace {

using heartbeat_atom = caf::atom_constant<caf::atom("heartbeat")>;
using lease_atom = caf::atom_constant<caf::atom("lease")>;

struct state {
  msg::api_actor api;
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

caf::behavior kubelet(self_ptr self, msg::api_actor api, kubelet_options opts) {
  self->state.api = std::move(api);
  self->state.opts = std::move(opts);
  self->state.machine = read_machine_info();
  self->state.ready_since = clock::now();
  register_node(self);
  renew_lease(self);
  self->delayed_send(self, self->state.opts.status_interval, heartbeat_atom::value);
  self->delayed_send(self, self->state.opts.lease_interval, lease_atom::value);
  return {
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

caf::actor spawn_kubelet(caf::actor_system& sys, msg::api_actor api, kubelet_options opts) {
  return sys.spawn(kubelet, std::move(api), std::move(opts));
}

}  // namespace navarch::kubelet
