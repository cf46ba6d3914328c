#include "actors/apiserver/actor/http_front.hpp"

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/apiserver/actor/http_reply.hpp"
#include "actors/apiserver/actor/exec_bridge.hpp"
#include "actors/apiserver/actor/exec_protocol.hpp"
#include "actors/apiserver/core/fixed_endpoints.hpp"
#include "actors/apiserver/core/route.hpp"
#include "api/status/status.hpp"
#include "net/http/server.hpp"

namespace navarch::apiserver {

namespace {

using exchange_ptr = std::shared_ptr<http::exchange>;

// A resource request on its way from an HTTP thread to the gateway actor.
struct forward {
  msg::api_request req;
  exchange_ptr ex;
  std::string exec_protocol;  // an exec over WebSocket: the subprotocol chosen
};

}  // namespace
}  // namespace navarch::apiserver

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::apiserver::forward)

namespace navarch::apiserver {

namespace {

using closed_atom = caf::atom_constant<caf::atom("closed")>;

std::string watch_frame(const msg::api_watch_event& e) {
  std::string frame = "{\"type\":\"" + e.type + "\",\"object\":";
  frame += e.object.empty() ? "null" : e.object;
  frame += "}\n";
  return frame;
}

// One HTTP stream (a watch, or a followed log): starts it when the apiserver accepts the request, writes each
// event or log chunk as it comes, and cancels when the client goes away or falls too far behind.
caf::behavior watch_bridge(caf::event_based_actor* self, msg::api_actor api, forward f, std::size_t max_backlog) {
  struct bridge_state {
    int64_t id = 0;
    bool streaming = false;
    std::vector<msg::api_watch_event> early;  // events that overtook the reply
    std::vector<msg::log_chunk> early_log;     // log chunks come straight from the kubelet and may overtake it too
  };
  auto st = std::make_shared<bridge_state>();
  auto ex = f.ex;
  bool table = f.req.accept.find("as=Table") != std::string::npos;
  bool log = f.req.subresource == "log";
  std::string content_type = log     ? "text/plain"
                             : table ? "application/json;as=Table;v=v1;g=meta.k8s.io"
                                     : "application/json";
  ex->on_close([handle = caf::actor_cast<caf::actor>(self)] { caf::anon_send(handle, closed_atom::value); });
  auto write = [self, st, ex, api, max_backlog](const msg::api_watch_event& e) {
    if (!e.type.empty()) ex->write_chunk(watch_frame(e));
    if (e.closed || ex->queued_bytes() > max_backlog) {
      if (!e.closed) self->send(api, msg::api_watch_cancel{st->id});
      ex->end_stream();
      self->quit();
    }
  };
  auto write_log = [self, ex](const msg::log_chunk& c) {
    if (!c.data.empty()) ex->write_chunk(c.data);
    if (c.end) {
      ex->end_stream();
      self->quit();
    }
  };
  self->request(api, std::chrono::seconds(30), f.req, caf::actor_cast<caf::actor>(self))
      .then(
          [self, st, ex, content_type, write, write_log](const msg::api_response& r) {
            if (r.code != 200) {
              ex->respond(to_http(r));
              self->quit();
              return;
            }
            boost::json::error_code ec;
            auto v = boost::json::parse(r.body, ec);
            if (!ec && v.is_object() && v.as_object().contains("watchId"))
              st->id = v.as_object()["watchId"].to_number<int64_t>();
            st->streaming = true;
            ex->start_stream(200, content_type);
            auto early = std::move(st->early);
            for (const auto& e : early) write(e);
            auto early_log = std::move(st->early_log);
            for (const auto& c : early_log) write_log(c);
          },
          [self, ex](caf::error& err) {
            ex->respond(no_answer(err));
            self->quit();
          });
  return {
      [st, write](const msg::api_watch_event& e) {
        if (!st->streaming) st->early.push_back(e);
        else write(e);
      },
      [st, write_log](const msg::log_chunk& c) {
        if (!st->streaming) st->early_log.push_back(c);
        else write_log(c);
      },
      [self, st, api](closed_atom) {
        self->send(api, msg::api_watch_cancel{st->id});
        self->quit();
      },
  };
}

// Receives forwarded requests from HTTP threads and answers them asynchronously.
caf::behavior gateway(caf::event_based_actor* self, msg::api_actor api, http_front_options opts) {
  return {
      [self, api, opts](forward& f) {
        if (!f.exec_protocol.empty()) {
          self->spawn<caf::linked>(exec_bridge, api, std::move(f.req), std::move(f.ex), std::move(f.exec_protocol));
          return;
        }
        bool follow = f.req.subresource == "log" && f.req.query.count("follow") && f.req.query.at("follow") == "true";
        if (f.req.verb == "watch" || follow) {
          // Linked: when the gateway stops, every open watch stream stops with it.
          self->spawn<caf::linked>(watch_bridge, api, std::move(f), opts.max_watch_backlog);
          return;
        }
        auto ex = f.ex;
        self->request(api, opts.request_timeout, std::move(f.req))
            .then([ex](const msg::api_response& r) { ex->respond(to_http(r)); },
                  [ex](caf::error& err) {
                    ex->respond(no_answer(err));
                  });
      },
  };
}

}  // namespace

struct http_front::impl {
  caf::actor gateway_actor;
  std::unique_ptr<http::server> server;
};

http_front::http_front(caf::actor_system& sys, msg::api_actor api, http_front_options opts)
    : impl_(std::make_unique<impl>()) {
  impl_->gateway_actor = sys.spawn(gateway, api, opts);
  http::server_options so;
  so.address = opts.address;
  so.port = opts.port;
  so.cert_pem = opts.cert_pem;
  so.key_pem = opts.key_pem;
  so.client_ca_pem = opts.client_ca_pem;
  so.threads = opts.threads;
  bool authenticate = !opts.cert_pem.empty();
  auto gw = impl_->gateway_actor;
  impl_->server = std::make_unique<http::server>(so, [gw, authenticate](http::request req, exchange_ptr ex) {
    if (authenticate && req.client_common_name.empty() && !api::is_public_path(req.path))
      return ex->respond(to_http(api::unauthorized()));
    const std::string& host = req.header("host");
    if (auto fixed = api::fixed_endpoint(req.method, req.path, req.header("accept"), host))
      return ex->respond(to_http(*fixed));
    auto parsed = api::parse_resource_path(req.method, req.path, req.query);
    if (auto* err = std::get_if<msg::api_response>(&parsed)) return ex->respond(to_http(*err));
    auto call = std::move(std::get<msg::api_request>(parsed));
    call.body = std::move(req.body);
    call.content_type = req.header("content-type");
    call.accept = req.header("accept");
    call.user = req.client_common_name;
    call.user_agent = req.header("user-agent");
    std::string exec_protocol;
    if (call.subresource == "exec") {
      call.body = exec_command_json(req.query);
      // A WebSocket is bridged; anything else (an SPDY upgrade) goes on as a plain request, to be checked and
      // refused with a Status, so that kubectl fails with a message instead of waiting.
      if (req.wants_websocket()) {
        exec_protocol = choose_exec_protocol(req.websocket_protocols());
        if (exec_protocol.empty())
          return ex->respond(to_http(api::bad_request("exec needs the WebSocket subprotocol " +
                                                      std::string(exec_protocol_v5) + " (or " +
                                                      std::string(exec_protocol_v4) + ")")));
      }
    }
    caf::anon_send(gw, forward{std::move(call), std::move(ex), std::move(exec_protocol)});
  });
}

http_front::~http_front() { stop(); }

uint16_t http_front::port() const { return impl_->server->port(); }

void http_front::stop() {
  if (impl_->server) impl_->server->stop();
  if (impl_->gateway_actor) caf::anon_send_exit(impl_->gateway_actor, caf::exit_reason::user_shutdown);
}

}  // namespace navarch::apiserver
