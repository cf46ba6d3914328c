// A small asynchronous HTTP/1.1 client (plain HTTP): requests with a timeout over a keep-alive pool per
// endpoint, and streaming requests whose body arrives piece by piece. Boost.Beast stays inside client.cpp;
// users of this header see plain structs. Callbacks run on the client's own I/O thread: keep them short.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace navarch::http {

struct endpoint {
  std::string host;
  uint16_t port = 0;
};

struct client_response {
  enum failure_t : uint8_t {
    none = 0,
    connect = 1,  // no connection could be made: the request was not sent, so another endpoint may take it
    io = 2,       // the connection failed after the request was (maybe) sent
    timeout = 3,
  };
  failure_t failure = none;
  std::string error;  // why, when failure != none
  int status = 0;
  std::string body;
};

struct client_options {
  std::chrono::milliseconds connect_timeout{3000};
  std::size_t max_idle_per_endpoint = 16;  // idle keep-alive connections kept per endpoint
};

class stream_handle {
 public:
  virtual ~stream_handle() = default;
  // Closes the stream; its end callback then runs (on the I/O thread) with failure io and error "canceled".
  // Thread-safe; idempotent.
  virtual void cancel() = 0;
};

class client {
 public:
  explicit client(client_options opts = {});
  ~client();  // stops the I/O thread; callbacks of requests still in flight never run
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  using response_callback = std::function<void(client_response)>;
  // POSTs `body` (application/json) to `target`; `done` runs exactly once. Thread-safe.
  void post(const endpoint& ep, std::string target, std::string body, std::chrono::milliseconds timeout,
            response_callback done);

  using data_callback = std::function<void(const std::string& data)>;
  // POSTs `body` and streams the response body: `data` gets each piece as it arrives (a 2xx status only),
  // then `end` runs exactly once with the status and, for a non-2xx status, the body; failure none means the
  // server ended the response. Only connecting is under the timeout: a stream may stay quiet indefinitely.
  std::shared_ptr<stream_handle> stream(const endpoint& ep, std::string target, std::string body,
                                        data_callback data, response_callback end);

  struct impl;  // defined in client.cpp

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace navarch::http
