// Requests the apiserver passes on to a node's kubelet (pod logs, exec), and the registry of connected kubelets.
#include "actors/apiserver/actor/apiserver_state.hpp"

#include "api/registry/kind_strategy.hpp"
#include "api/status/status.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;
using namespace navarch::api;

void register_kubelet(self_ptr self, const node_agent& agent) {
  self->state.kubelets[agent.node] = agent.kubelet;
  self->monitor(agent.kubelet);
}

bool drop_kubelet(self_ptr self, const caf::actor_addr& gone) {
  for (auto it = self->state.kubelets.begin(); it != self->state.kubelets.end(); ++it)
    if (it->second.address() == gone) {
      self->state.kubelets.erase(it);
      return true;
    }
  return false;
}

namespace {

int64_t number_param(const api_request& req, const char* key, int64_t fallback) {
  auto v = query_param(req, key);
  if (v.empty()) return fallback;
  int64_t n = parse_resource_version(v);
  return n < 0 ? fallback : n;
}

// The container a log request means: the one named, or the only one.
std::variant<std::string, api_response> log_container(const json::object& pod, const api_request& req,
                                                      const std::string& name) {
  auto wanted = query_param(req, "container");
  std::vector<std::string> names;
  if (const auto* spec = pod.if_contains("spec"); spec && spec->is_object())
    for (auto list : {"initContainers", "containers"})
      if (const auto* cs = spec->as_object().if_contains(list); cs && cs->is_array())
        for (const auto& c : cs->as_array())
          if (c.is_object()) names.emplace_back(string_field(&c.as_object(), "name"));
  if (!wanted.empty()) {
    if (std::find(names.begin(), names.end(), wanted) != names.end()) return wanted;
    return bad_request("container " + wanted + " is not valid for pod " + name);
  }
  if (names.size() == 1) return names.front();
  std::string choices;
  for (const auto& n : names) choices += (choices.empty() ? "" : " ") + n;
  return bad_request("a container name must be specified for pod " + name + ", choose one of: [" + choices + "]");
}

// The kubelet of the node the pod is bound to, or why there is none.
std::variant<caf::actor, api_response> pod_kubelet(self_ptr self, const json::object& pod, const std::string& name) {
  const auto* spec = pod.if_contains("spec");
  auto node = spec && spec->is_object() ? string_field(&spec->as_object(), "nodeName") : "";
  if (node.empty()) return bad_request("pod " + name + " does not have a host assigned");
  auto kubelet = self->state.kubelets.find(std::string(node));
  if (kubelet == self->state.kubelets.end())
    return service_unavailable("no kubelet of node " + std::string(node) + " is connected");
  return kubelet->second;
}

}  // namespace

void handle_log(self_ptr self, const api::route& rt, const api_request& req, const caf::actor& follower, reply_fn rp) {
  std::string key = object_key(*rt.resource, rt.ns, rt.name);
  self->request(self->state.store, self->state.opts.store_timeout, range_request{key, {}, 0, 0, false})
      .then(
          [self, rt, req, follower, rp](const range_response& r) {
            if (auto failed = unreadable_object(rt, r)) return rp(*failed);
            auto pod = parse_stored(r.kvs[0].value);
            if (!pod) return rp(internal_error("stored object is not valid JSON"));
            auto container = log_container(pod->as_object(), req, rt.name);
            if (auto* err = std::get_if<api_response>(&container)) return rp(*err);
            auto kubelet = pod_kubelet(self, pod->as_object(), rt.name);
            if (auto* err = std::get_if<api_response>(&kubelet)) return rp(*err);
            log_request lr;
            lr.ns = rt.ns;
            lr.pod = rt.name;
            lr.container = std::get<std::string>(container);
            lr.follow = query_param(req, "follow") == "true" && follower;
            lr.previous = query_param(req, "previous") == "true";
            lr.timestamps = query_param(req, "timestamps") == "true";
            lr.tail_lines = number_param(req, "tailLines", -1);
            lr.since_seconds = number_param(req, "sinceSeconds", 0);
            lr.limit_bytes = number_param(req, "limitBytes", 0);
            auto on_error = [rp](caf::error& err) { rp(store_failure(err)); };
            if (lr.follow)
              self->request(std::get<caf::actor>(kubelet), self->state.opts.store_timeout, lr, follower)
                  .then([rp](const api_response& reply) { rp(reply); }, on_error);
            else
              self->request(std::get<caf::actor>(kubelet), self->state.opts.store_timeout, lr)
                  .then([rp](const api_response& reply) { rp(reply); }, on_error);
          },
          [rp](caf::error& err) { rp(store_failure(err)); });
}

// The command comes in the body as a JSON array of strings (the HTTP front collects the repeated `command`
// parameters, which the query map cannot hold). `client` is the front's bridge of an accepted WebSocket.
void handle_exec(self_ptr self, const api::route& rt, const api_request& req, const caf::actor& client, reply_fn rp) {
  std::vector<std::string> command;
  json::error_code ec;
  auto body = json::parse(req.body, ec);
  if (!ec && body.is_array())
    for (const auto& arg : body.as_array())
      if (arg.is_string()) command.emplace_back(arg.get_string());
  if (command.empty()) return rp(bad_request("you must specify at least 1 command"));
  std::string key = object_key(*rt.resource, rt.ns, rt.name);
  self->request(self->state.store, self->state.opts.store_timeout, range_request{key, {}, 0, 0, false})
      .then(
          [self, rt, req, client, rp, command](const range_response& r) {
            if (auto failed = unreadable_object(rt, r)) return rp(*failed);
            auto pod = parse_stored(r.kvs[0].value);
            if (!pod) return rp(internal_error("stored object is not valid JSON"));
            const auto* status = pod->as_object().if_contains("status");
            auto phase = status && status->is_object() ? string_field(&status->as_object(), "phase") : "";
            if (phase == "Succeeded" || phase == "Failed")
              return rp(bad_request("cannot exec into a container in a completed pod; current phase is " +
                                    std::string(phase)));
            auto container = log_container(pod->as_object(), req, rt.name);
            if (auto* err = std::get_if<api_response>(&container)) return rp(*err);
            auto kubelet = pod_kubelet(self, pod->as_object(), rt.name);
            if (auto* err = std::get_if<api_response>(&kubelet)) return rp(*err);
            // Without a client the request came as SPDY (kubectl before 1.30, or its fallback): checked, refused.
            if (!client)
              return rp(bad_request("exec over SPDY is not supported by this server; use kubectl 1.30 or newer, "
                                    "which streams over WebSocket (v5.channel.k8s.io)"));
            exec_request er;
            er.ns = rt.ns;
            er.pod = rt.name;
            er.container = std::get<std::string>(container);
            er.command = command;
            er.with_stdin = query_param(req, "stdin") == "true";
            er.with_stdout = query_param(req, "stdout") != "false";
            er.tty = query_param(req, "tty") == "true";
            er.with_stderr = query_param(req, "stderr") == "true" && !er.tty;
            self->request(std::get<caf::actor>(kubelet), self->state.opts.store_timeout, er, client)
                .then([rp](const api_response& reply) { rp(reply); },
                      [rp](caf::error& err) { rp(store_failure(err)); });
          },
          [rp](caf::error& err) { rp(store_failure(err)); });
}

}  // namespace navarch::apiserver::detail
