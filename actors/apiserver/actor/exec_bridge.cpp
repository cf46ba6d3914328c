#include "actors/apiserver/actor/exec_bridge.hpp"

#include <caf/all.hpp>

#include "actors/apiserver/actor/http_reply.hpp"
#include "actors/apiserver/actor/exec_protocol.hpp"
#include "api/status/status.hpp"

namespace navarch::apiserver {

namespace {

using ws_message_atom = caf::atom_constant<caf::atom("wsmsg")>;
using ws_closed_atom = caf::atom_constant<caf::atom("wsclosed")>;

}  // namespace

caf::behavior exec_bridge(caf::event_based_actor* self, msg::api_actor api, msg::api_request req,
                          std::shared_ptr<http::exchange> ex, std::string protocol) {
  struct bridge_state {
    bool open = false;             // the WebSocket is accepted
    caf::actor session;            // the kubelet's exec session, once it said so
    std::vector<msg::exec_input> early_input;  // stdin that came before the session was known
    std::vector<std::string> early_output;     // channel messages that overtook the apiserver's reply
    bool ended = false;            // the status went out
  };
  auto st = std::make_shared<bridge_state>();
  auto me = caf::actor_cast<caf::actor>(self);
  ex->on_close([me] { caf::anon_send(me, ws_closed_atom::value); });
  auto send = [st, ex](std::string message) {
    if (st->open) ex->send_message(std::move(message));
    else st->early_output.push_back(std::move(message));
  };
  auto finish = [self, st, ex, send](const msg::exec_exit& e) {
    send(channel_message(exec_channel::status, exec_status(e.exit_code, e.error)));
    st->ended = true;
    if (st->open) {
      ex->close_websocket(1000);
      self->quit();
    }
  };
  self->request(api, std::chrono::seconds(30), std::move(req), me)
      .then(
          [self, st, ex, protocol, me](const msg::api_response& r) {
            if (r.code != 200) {
              ex->respond(to_http(r));
              self->quit();
              return;
            }
            ex->accept_websocket(protocol,
                                 [me](std::string m) { caf::anon_send(me, ws_message_atom::value, std::move(m)); });
            st->open = true;
            for (auto& m : st->early_output) ex->send_message(std::move(m));
            st->early_output.clear();
            if (st->ended) {
              ex->close_websocket(1000);
              self->quit();
            }
          },
          [self, ex](caf::error& err) {
            ex->respond(no_answer(err));
            self->quit();
          });
  return {
      [self, st](const msg::exec_started& s) {
        st->session = s.session;
        for (auto& in : st->early_input) self->send(st->session, std::move(in));
        st->early_input.clear();
      },
      [send](const msg::exec_output& o) { send(channel_message(static_cast<std::uint8_t>(o.stream), o.data)); },
      [finish](const msg::exec_exit& e) { finish(e); },
      [self, st, protocol](ws_message_atom, const std::string& m) {
        auto parsed = parse_client_message(m, protocol);
        msg::exec_input in;
        if (parsed.what == exec_client_message::stdin_data) in.data = std::move(parsed.data);
        else if (parsed.what == exec_client_message::stdin_close) in.close = true;
        else return;  // terminal resizes: the command has no terminal
        if (st->session) self->send(st->session, std::move(in));
        else st->early_input.push_back(std::move(in));
      },
      [self](ws_closed_atom) { self->quit(); },  // the session sees this actor end and kills the command
  };
}

}  // namespace navarch::apiserver
