// The HTTPS face of the apiserver: authenticates, serves the fixed endpoints, and turns resource requests into
// api_request messages (watches into streams fed by a small bridge actor per watch, execs into WebSockets fed by
// an exec_bridge).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "messages/api_actor.hpp"

namespace navarch::apiserver {

struct http_front_options {
  std::string address = "127.0.0.1";
  uint16_t port = 6443;
  std::string cert_pem, key_pem, client_ca_pem;  // empty cert: plain HTTP
  int threads = 2;
  std::chrono::milliseconds request_timeout{60000};
  std::size_t max_watch_backlog = 16 * 1024 * 1024;  // bytes queued to a watcher before it is cut off
};

class http_front {
 public:
  http_front(caf::actor_system& sys, msg::api_actor api, http_front_options opts);
  ~http_front();
  uint16_t port() const;
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace navarch::apiserver
