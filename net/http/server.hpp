// The HTTPS front: Boost.Beast stays inside server.cpp; users of this header see plain structs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace navarch::http {

struct request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target, e.g. "/api/v1/pods?limit=500"
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  // Authentication facts established by the transport: the subject of a client certificate that verified
  // against the cluster CA (empty when none or invalid), and a bearer token if one was sent.
  std::string client_common_name;
  std::vector<std::string> client_organizations;
  std::string bearer_token;

  // First header with this (lower-case) name, or "".
  const std::string& header(const std::string& name) const;
  // First query parameter with this name, or "".
  const std::string& query_param(const std::string& name) const;
  bool has_query(const std::string& name) const;
  // A GET asking to become a WebSocket (Upgrade: websocket, with a Sec-WebSocket-Key).
  bool wants_websocket() const;
  // The subprotocols the client offers (Sec-WebSocket-Protocol, comma-separated), in order.
  std::vector<std::string> websocket_protocols() const;
};

struct response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The reply channel of one request. Thread-safe: any thread may call it; writes are queued to the connection's
// strand. Either respond() once, or start_stream(), write_chunk()* and end_stream().
class exchange {
 public:
  virtual ~exchange() = default;
  virtual void respond(response r) = 0;
  virtual void start_stream(int status, std::string content_type) = 0;
  virtual void write_chunk(std::string data) = 0;
  virtual void end_stream() = 0;
  // Called once, from a server thread, when the exchange is over: its response or stream has been written, or
  // the connection closed first (client gone, timeout, stop()). Registered after that, it runs at once on the
  // calling thread.
  virtual void on_close(std::function<void()> callback) = 0;
  virtual bool closed() const = 0;
  // Bytes queued but not yet written: lets a producer close watchers that cannot keep up.
  virtual std::size_t queued_bytes() const = 0;

  // WebSocket (RFC 6455), for a request that wants_websocket(); instead of respond(), which still refuses it with
  // a plain HTTP answer. accept_websocket() answers 101 with `subprotocol` (omitted when empty); from then on
  // on_message gets each whole text or binary message the client sends, in order, on a server thread (pings are
  // answered here). send_message() queues one binary message. close_websocket() sends a close frame and ends the
  // connection once the client answers it (or after a short wait). on_close fires when it is over, whoever
  // ended it.
  virtual void accept_websocket(std::string subprotocol, std::function<void(std::string)> on_message) = 0;
  virtual void send_message(std::string data) = 0;
  virtual void close_websocket(std::uint16_t code = 1000) = 0;
};

using handler = std::function<void(request, std::shared_ptr<exchange>)>;

struct server_options {
  std::string address = "127.0.0.1";
  uint16_t port = 0;  // 0 lets the OS pick; server::port() tells which
  // PEM text. When cert is empty the server speaks plain HTTP (tests, benchmarks against plain HTTP).
  std::string cert_pem;
  std::string key_pem;
  std::string client_ca_pem;  // client certificates are verified against this CA
  std::size_t body_limit = 3 * 1024 * 1024;  // larger bodies get 413
  std::size_t max_connections = 10000;       // beyond this, new connections are refused
  int threads = 2;
  int idle_timeout_seconds = 120;  // a connection waiting for its next request is closed after this
  int write_timeout_seconds = 60;  // a write the client does not take within this closes the connection
};

class server {
 public:
  // Binds and starts serving on background threads. Throws std::runtime_error with a clear message when the
  // address cannot be bound or the certificates are invalid.
  server(server_options options, handler h);
  ~server();  // stops and joins
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  uint16_t port() const;
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace navarch::http
