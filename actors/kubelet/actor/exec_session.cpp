#include "actors/kubelet/actor/exec_session.hpp"

#include <boost/json.hpp>
#include <caf/all.hpp>

#include <thread>

#include "actors/kubelet/actor/exec_pump.hpp"
#include "actors/kubelet/core/container_lookup.hpp"
#include "api/object/json_access.hpp"
#include "api/status/status.hpp"

namespace navarch::kubelet {

namespace json = boost::json;

namespace {

using done_atom = caf::atom_constant<caf::atom("execdone")>;

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
  const auto* status = find_container_status(pod, container);
  const bool running = api::jv::object_at(api::jv::object_at(status, "state"), "running") != nullptr;
  const std::string_view prefix = "navarch://";
  if (auto id = api::jv::string_at(status, "containerID"); running && id.starts_with(prefix))
    return std::string(id.substr(prefix.size()));
  return api::bad_request("container " + container + " is not running");
}

msg::api_response start_exec(caf::event_based_actor* parent, std::shared_ptr<container_port> port,
                             const json::object* pod, const msg::exec_request& req, const caf::actor& client) {
  if (!port || !pod) return api::status_reply(404, "NotFound", "pod " + req.pod + " is not running on this node");
  if (req.command.empty()) return api::bad_request("you must specify at least one command for the container");
  if (!client) return api::bad_request("exec needs a client to stream to");
  auto id = running_container_id(*pod, req.container);
  if (auto* err = std::get_if<msg::api_response>(&id)) return *err;
  parent->spawn<caf::linked>(session, std::move(port), std::get<std::string>(id), req, client);
  return {200, "application/json", "{}"};
}

}  // namespace navarch::kubelet
