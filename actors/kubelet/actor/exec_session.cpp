#include "actors/kubelet/actor/exec_session.hpp"

#include <boost/json/serialize.hpp>
#include <caf/all.hpp>

#include <thread>

#include "actors/kubelet/actor/exec_pump.hpp"

namespace navarch::kubelet {

namespace json = boost::json;

namespace {

using done_atom = caf::atom_constant<caf::atom("execdone")>;

msg::api_response failure(int code, const std::string& reason, const std::string& message) {
  json::object s{{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object{}}, {"status", "Failure"},
                 {"message", message}, {"reason", reason}, {"code", code}};
  return {code, "application/json", json::serialize(s)};
}

struct session_state {
  std::shared_ptr<exec_pump> pump = std::make_shared<exec_pump>();
  std::thread runner;
  // Ends the command and waits for the runner thread (a kill is quick: the helper reaps and reports at once).
  ~session_state() {
    pump->cancel();
    if (runner.joinable()) runner.join();
  }
  static inline const char* name = "kubelet.exec";
};

caf::behavior session(caf::stateful_actor<session_state>* self, std::shared_ptr<container_port> port, std::string id,
                      msg::exec_request req, caf::actor client) {
  self->monitor(client);
  self->set_down_handler([self](caf::down_msg&) { self->quit(); });
  self->send(client, msg::exec_started{caf::actor_cast<caf::actor>(self)});
  auto me = caf::actor_cast<caf::actor>(self);
  self->state.runner = std::thread([pump = self->state.pump, port, id, req, client, me] {
    msg::exec_exit exit;
    try {
      auto pipes = port->exec_stream(id, req.command, req.with_stdin);
      auto outcome = pump->run(std::move(pipes), [&](int stream, std::string data) {
        if ((stream == 1 && req.with_stdout) || (stream == 2 && req.with_stderr))
          caf::anon_send(client, msg::exec_output{stream, std::move(data)});
      });
      exit.exit_code = outcome.exit_code;
      exit.error = outcome.error;
    } catch (const std::exception& e) {
      exit = {-1, e.what()};
    }
    caf::anon_send(client, std::move(exit));
    caf::anon_send(me, done_atom::value);
  });
  return {
      [self](msg::exec_input& in) { self->state.pump->feed(std::move(in.data), in.close); },
      [self](done_atom) { self->quit(); },
  };
}

}  // namespace

std::variant<std::string, msg::api_response> running_container_id(const json::object& pod,
                                                                   const std::string& container) {
  const auto* status = pod.if_contains("status");
  for (auto list : {"containerStatuses", "initContainerStatuses"}) {
    const auto* cs = status && status->is_object() ? status->as_object().if_contains(list) : nullptr;
    if (!cs || !cs->is_array()) continue;
    for (const auto& c : cs->as_array()) {
      if (!c.is_object() || c.as_object().if_contains("name") == nullptr ||
          c.as_object().at("name") != json::value(container))
        continue;
      const auto* state = c.as_object().if_contains("state");
      const auto* id = c.as_object().if_contains("containerID");
      bool running = state && state->is_object() && state->as_object().contains("running");
      std::string_view prefix = "navarch://";
      if (running && id && id->is_string() && id->get_string().starts_with(prefix))
        return std::string(id->get_string().subview().substr(prefix.size()));
      break;
    }
  }
  return failure(400, "BadRequest", "container " + container + " is not running");
}

msg::api_response start_exec(caf::event_based_actor* parent, std::shared_ptr<container_port> port,
                             const json::object* pod, const msg::exec_request& req, const caf::actor& client) {
  if (!port || !pod) return failure(404, "NotFound", "pod " + req.pod + " is not running on this node");
  if (req.command.empty()) return failure(400, "BadRequest", "you must specify at least one command for the container");
  if (!client) return failure(400, "BadRequest", "exec needs a client to stream to");
  auto id = running_container_id(*pod, req.container);
  if (auto* err = std::get_if<msg::api_response>(&id)) return *err;
  parent->spawn<caf::linked>(session, std::move(port), std::get<std::string>(id), req, client);
  return {200, "application/json", "{}"};
}

}  // namespace navarch::kubelet
