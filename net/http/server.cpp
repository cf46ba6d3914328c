// The HTTP(S) front on Boost.Beast. Callback-style async I/O (GCC 12 miscompiles Asio coroutines), one strand
// per connection, one request at a time per connection. While a request is being handled the connection keeps
// one read pending: it notices a client that goes away (watch streams) and parks a pipelined next request.
// A request for a WebSocket that the handler accepts turns the connection into one (framing: websocket_frame).
#include "net/http/server.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <array>
#include <atomic>
#include <cctype>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "api/status/status.hpp"
#include "net/http/target.hpp"
#include "net/http/websocket_frame.hpp"

namespace navarch::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

constexpr std::size_t header_limit = 64 * 1024;
constexpr int handshake_timeout_seconds = 10;
constexpr int linger_seconds = 2;  // how long a closing connection drains what the client still sends

// A Kubernetes Status object, the body kubectl expects with every error.
response status_response(int code, const std::string& reason, const std::string& message) {
  return {code, "application/json", api::status_object(code, reason, message), {}};
}

// The subject of the client certificate, only when its chain verified against the client CA.
void peer_identity(SSL* ssl, std::string& cn, std::vector<std::string>& organizations) {
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (!peer || SSL_get_verify_result(ssl) != X509_V_OK) return;
  X509_NAME* name = X509_get_subject_name(peer);
  auto text = [&](int index) {
    ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                       static_cast<std::size_t>(ASN1_STRING_length(s)));
  };
  int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (i >= 0) cn = text(i);
  for (i = X509_NAME_get_index_by_NID(name, NID_organizationName, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(name, NID_organizationName, i))
    organizations.push_back(text(i));
}

// Client certificates are optional: the handshake goes on whatever the chain, and SSL_get_verify_result tells
// afterwards whether it verified (the apiserver answers 401 itself to a request without identity).
int accept_any_chain(int, X509_STORE_CTX*) { return 1; }

ssl::context make_tls_context(const server_options& o) {
  ssl::context ctx{ssl::context::tls_server};
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  error_code ec;
  ctx.use_certificate_chain(net::buffer(o.cert_pem), ec);
  if (ec) throw std::runtime_error("invalid server certificate: " + ec.message());
  ctx.use_private_key(net::buffer(o.key_pem), ssl::context::pem, ec);
  if (ec) throw std::runtime_error("invalid server key: " + ec.message());
  if (SSL_CTX_check_private_key(ctx.native_handle()) != 1)
    throw std::runtime_error("the server key does not match the server certificate");
  if (!o.client_ca_pem.empty()) {
    ctx.add_certificate_authority(net::buffer(o.client_ca_pem), ec);
    if (ec) throw std::runtime_error("invalid client CA certificate: " + ec.message());
    // Name the CA in the certificate request so that clients offer a certificate it issued.
    BIO* bio = BIO_new_mem_buf(o.client_ca_pem.data(), static_cast<int>(o.client_ca_pem.size()));
    while (X509* ca = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
      SSL_CTX_add_client_CA(ctx.native_handle(), ca);
      X509_free(ca);
    }
    BIO_free(bio);
    ERR_clear_error();
    SSL_CTX_set_verify(ctx.native_handle(), SSL_VERIFY_PEER, accept_any_chain);
    // Without a session id context, OpenSSL fails resumed handshakes when peers are verified.
    static const unsigned char sid[] = "navarch";
    SSL_CTX_set_session_id_context(ctx.native_handle(), sid, sizeof sid - 1);
  }
  return ctx;
}

bool starts_with_ci(const std::string& s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

class connection;

struct shared_state {
  shared_state(server_options o, handler h) : options(std::move(o)), on_request(std::move(h)) {}
  const server_options options;
  const handler on_request;
  std::atomic<std::size_t> connections{0};
  std::mutex mutex;  // guards live, next_id and stopping
  std::unordered_map<std::uint64_t, std::weak_ptr<connection>> live;
  std::uint64_t next_id = 0;
  bool stopping = false;
};

class exchange_impl;

// The per-connection state machine. Everything but the post_* entry points runs on the connection's strand;
// the stream type (plain or TLS) is supplied by stream_connection below.
class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(std::shared_ptr<shared_state> state, net::any_io_executor strand)
      : state_(std::move(state)), strand_(std::move(strand)), deadline_(strand_) {}
  virtual ~connection() = default;

  void start(std::uint64_t id) {
    id_ = id;
    net::post(strand_, [self = shared_from_this()] {
      self->arm(self->tls() ? handshake_timeout_seconds : self->state_->options.idle_timeout_seconds);
      self->do_handshake();
    });
  }
  void post_close() {
    net::post(strand_, [self = shared_from_this()] { self->close(); });
  }
  // Entry points for exchange_impl, from any thread.
  void post_respond(std::shared_ptr<exchange_impl> ex, response r);
  void post_start_stream(std::shared_ptr<exchange_impl> ex, int status, std::string content_type);
  void post_chunk(std::shared_ptr<exchange_impl> ex, std::string data);
  void post_end_stream(std::shared_ptr<exchange_impl> ex);
  void post_abandoned(std::uint64_t seq);
  void post_accept_websocket(std::shared_ptr<exchange_impl> ex, std::string subprotocol,
                             std::function<void(std::string)> on_message);
  void post_message(std::shared_ptr<exchange_impl> ex, std::string data);
  void post_close_websocket(std::shared_ptr<exchange_impl> ex, std::uint16_t code);

 protected:
  // Stream-specific I/O, each completing into the matching on_* below.
  virtual bool tls() const = 0;
  virtual void do_handshake() = 0;  // -> on_handshake
  virtual void do_read() = 0;       // parser_ -> on_read
  virtual void do_write_response() = 0;  // out_ -> on_written
  virtual void do_write_header() = 0;    // stream_serializer_ -> on_written
  virtual void do_write_chunk() = 0;     // chunks_.front() -> on_written
  virtual void do_write_last_chunk() = 0;  // -> on_written
  virtual void do_read_raw() = 0;   // WebSocket bytes into raw_buffer_ -> on_raw_read
  virtual void do_write_raw() = 0;  // ws_out_.front() -> on_written
  virtual tcp::socket& socket() = 0;

  void on_handshake(const error_code& ec, SSL* ssl);
  void on_read(const error_code& ec);
  void on_written(const error_code& ec);
  void on_raw_read(const error_code& ec, std::size_t n);

  struct ws_frame {
    std::string bytes;
    std::size_t credit = 0;  // payload bytes the exchange counts as queued (0 for control frames)
  };

  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> out_;
  std::optional<bhttp::response<bhttp::empty_body>> stream_header_;
  std::optional<bhttp::response_serializer<bhttp::empty_body>> stream_serializer_;
  std::deque<std::string> chunks_;
  std::deque<ws_frame> ws_out_;
  std::array<char, 16384> raw_buffer_{};

 private:
  enum class write_kind { response, header, chunk, last_chunk, upgrade, raw };

  void begin_read();
  void dispatch(bhttp::request<bhttp::string_body> msg);
  void reject(const response& r);
  void respond(std::uint64_t seq, response r);
  void start_stream(std::uint64_t seq, int status, const std::string& content_type);
  void end_stream(std::uint64_t seq);
  void accept_websocket(std::uint64_t seq, const std::string& subprotocol, std::function<void(std::string)> on_message);
  void close_websocket(std::uint64_t seq, std::uint16_t code);
  void queue_frame(ws::opcode op, std::string_view payload, std::size_t credit = 0);
  void read_websocket();
  void on_websocket_messages();
  void pump();
  void start_write(write_kind kind);
  void complete_exchange();
  void finish_exchange();
  void linger();
  void drain();
  void close();
  void arm(int seconds);
  void disarm();
  bool current(std::uint64_t seq) const { return !closed_ && busy_ && seq == seq_; }

  std::shared_ptr<shared_state> state_;
  net::any_io_executor strand_;
  net::steady_timer deadline_;
  std::uint64_t timer_generation_ = 0;
  std::uint64_t id_ = 0;

  std::string client_cn_;
  std::vector<std::string> client_organizations_;

  bool closed_ = false;
  bool lingering_ = false;
  bool reading_ = false;
  bool read_eof_ = false;  // the client has shut down its side
  std::optional<bhttp::request<bhttp::string_body>> next_request_;  // pipelined behind the current one
  std::optional<response> next_rejection_;                          // a bad request behind the current one

  // The request in progress.
  bool busy_ = false;
  std::uint64_t seq_ = 0;
  std::weak_ptr<exchange_impl> exchange_;
  bool keep_alive_ = false;
  bool started_ = false;  // a response or stream header was produced
  bool streaming_ = false;
  bool end_requested_ = false;
  bool writing_ = false;
  write_kind writing_kind_ = write_kind::response;
  // WebSocket: the request asked for one (its key), the handler accepted, the 101 is written (frames flow), our
  // close frame is queued, sent, and the client's close frame has come.
  bool upgrade_request_ = false;
  std::string ws_key_;
  bool ws_accepted_ = false, websocket_ = false, ws_closing_ = false, ws_close_sent_ = false,
       ws_close_received_ = false;
  ws::frame_decoder ws_decoder_;
  std::function<void(std::string)> ws_on_message_;
  std::array<char, 4096> drain_buffer_{};
};

// The reply channel handed to the handler. It holds its connection until the exchange is over; when the handler
// drops it unanswered, the connection answers 500 (or ends the stream) itself.
class exchange_impl final : public exchange, public std::enable_shared_from_this<exchange_impl> {
 public:
  exchange_impl(std::shared_ptr<connection> c, std::uint64_t seq) : connection_(std::move(c)), seq_(seq) {}
  ~exchange_impl() override {
    if (auto c = take_connection()) c->post_abandoned(seq_);
  }

  void respond(response r) override {
    if (auto c = get_connection()) c->post_respond(shared_from_this(), std::move(r));
  }
  void start_stream(int status, std::string content_type) override {
    if (auto c = get_connection()) c->post_start_stream(shared_from_this(), status, std::move(content_type));
  }
  void write_chunk(std::string data) override {
    if (data.empty()) return;  // an empty chunk would end the stream
    if (auto c = get_connection()) {
      queued_ += data.size();
      c->post_chunk(shared_from_this(), std::move(data));
    }
  }
  void end_stream() override {
    if (auto c = get_connection()) c->post_end_stream(shared_from_this());
  }
  void on_close(std::function<void()> callback) override {
    std::unique_lock lock(mutex_);
    if (!finished_) {
      callback_ = std::move(callback);
      return;
    }
    lock.unlock();
    if (callback) callback();
  }
  bool closed() const override { return finished_.load(); }
  std::size_t queued_bytes() const override { return queued_.load(); }
  void accept_websocket(std::string subprotocol, std::function<void(std::string)> on_message) override {
    if (auto c = get_connection())
      c->post_accept_websocket(shared_from_this(), std::move(subprotocol), std::move(on_message));
  }
  void send_message(std::string data) override {
    if (auto c = get_connection()) {
      queued_ += data.size();
      c->post_message(shared_from_this(), std::move(data));
    }
  }
  void close_websocket(std::uint16_t code) override {
    if (auto c = get_connection()) c->post_close_websocket(shared_from_this(), code);
  }

  std::uint64_t seq() const { return seq_; }
  void written(std::size_t n) { queued_ -= n; }
  // On the connection's strand, once: the exchange is over.
  void finish() {
    std::function<void()> callback;
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
      connection_.reset();
      callback = std::move(callback_);
    }
    if (callback) callback();
  }

 private:
  std::shared_ptr<connection> get_connection() {
    std::lock_guard lock(mutex_);
    return connection_;
  }
  std::shared_ptr<connection> take_connection() {
    std::lock_guard lock(mutex_);
    return std::move(connection_);
  }

  std::mutex mutex_;
  std::shared_ptr<connection> connection_;
  const std::uint64_t seq_;
  std::function<void()> callback_;
  std::atomic<bool> finished_{false};
  std::atomic<std::size_t> queued_{0};
};

void connection::post_respond(std::shared_ptr<exchange_impl> ex, response r) {
  net::post(strand_, [self = shared_from_this(), ex = std::move(ex), r = std::move(r)]() mutable {
    self->respond(ex->seq(), std::move(r));
  });
}

void connection::post_start_stream(std::shared_ptr<exchange_impl> ex, int status, std::string content_type) {
  net::post(strand_, [self = shared_from_this(), ex = std::move(ex), status, ct = std::move(content_type)] {
    self->start_stream(ex->seq(), status, ct);
  });
}

void connection::post_chunk(std::shared_ptr<exchange_impl> ex, std::string data) {
  net::post(strand_, [self = shared_from_this(), ex = std::move(ex), data = std::move(data)]() mutable {
    if (!self->current(ex->seq()) || !self->streaming_ || self->end_requested_) {
      ex->written(data.size());
      return;
    }
    self->chunks_.push_back(std::move(data));
    self->pump();
  });
}

void connection::post_end_stream(std::shared_ptr<exchange_impl> ex) {
  net::post(strand_, [self = shared_from_this(), ex = std::move(ex)] { self->end_stream(ex->seq()); });
}

void connection::post_accept_websocket(std::shared_ptr<exchange_impl> ex, std::string subprotocol,
                                       std::function<void(std::string)> on_message) {
  net::post(strand_, [self = shared_from_this(), ex = std::move(ex), p = std::move(subprotocol),
                      cb = std::move(on_message)]() mutable { self->accept_websocket(ex->seq(), p, std::move(cb)); });
}

void connection::post_message(std::shared_ptr<exchange_impl> ex, std::string data) {
  net::post(strand_, [self = shared_from_this(), ex = std::move(ex), data = std::move(data)] {
    if (!self->current(ex->seq()) || !self->ws_accepted_ || self->ws_closing_) {
      ex->written(data.size());
      return;
    }
    self->queue_frame(ws::opcode::binary, data, data.size());
    self->pump();
  });
}

void connection::post_close_websocket(std::shared_ptr<exchange_impl> ex, std::uint16_t code) {
  net::post(strand_, [self = shared_from_this(), ex = std::move(ex), code] { self->close_websocket(ex->seq(), code); });
}

void connection::post_abandoned(std::uint64_t seq) {
  net::post(strand_, [self = shared_from_this(), seq] {
    if (!self->current(seq)) return;
    if (self->ws_accepted_)
      self->close_websocket(seq, 1000);
    else if (!self->started_)
      self->respond(seq, status_response(500, "InternalError", "the request was dropped without a response"));
    else if (self->streaming_)
      self->end_stream(seq);
  });
}

void connection::on_handshake(const error_code& ec, SSL* ssl) {
  if (closed_) return;
  if (ec) return close();
  if (ssl) peer_identity(ssl, client_cn_, client_organizations_);
  arm(state_->options.idle_timeout_seconds);
  begin_read();
}

void connection::begin_read() {
  if (closed_ || lingering_ || reading_ || read_eof_) return;
  parser_.emplace();
  parser_->header_limit(header_limit);
  parser_->body_limit(state_->options.body_limit);
  reading_ = true;
  do_read();
}

void connection::on_read(const error_code& ec) {
  reading_ = false;
  if (closed_) return;
  if (lingering_) return drain();  // this read was cancelled to make way for draining
  if (ec == bhttp::error::end_of_stream) {
    read_eof_ = true;
    // Nothing in progress, or a stream whose reader is gone: close. Otherwise finish the response first.
    if (!busy_ || streaming_) close();
    return;
  }
  std::optional<response> rejection;
  if (ec == bhttp::error::body_limit)
    rejection = status_response(
        413, "RequestEntityTooLarge",
        "the request body is larger than the limit of " + std::to_string(state_->options.body_limit) + " bytes");
  else if (ec == bhttp::error::header_limit)
    rejection = status_response(431, "RequestHeaderFieldsTooLarge", "the request header is too large");
  else if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
    rejection = status_response(400, "BadRequest", "malformed HTTP request: " + ec.message());
  else if (ec)
    return close();  // reset, truncated TLS stream, cancelled by a timeout

  if (rejection) {
    if (busy_)
      next_rejection_ = std::move(rejection);
    else
      reject(*rejection);
  } else if (busy_) {
    next_request_ = parser_->release();
  } else {
    dispatch(parser_->release());
  }
}

void connection::dispatch(bhttp::request<bhttp::string_body> msg) {
  busy_ = true;
  ++seq_;
  keep_alive_ = msg.keep_alive();
  started_ = streaming_ = end_requested_ = false;
  disarm();  // the handler may take its time; a watch may stay silent for long

  request r;
  r.method = std::string(msg.method_string());
  r.target = std::string(msg.target());
  auto target = parse_target(r.target);
  r.path = std::move(target.path);
  r.query = std::move(target.query);
  r.headers.reserve(static_cast<std::size_t>(std::distance(msg.begin(), msg.end())));
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.body = std::move(msg.body());
  r.client_common_name = client_cn_;
  r.client_organizations = client_organizations_;
  const std::string& authorization = r.header("authorization");
  if (starts_with_ci(authorization, "Bearer ")) {
    auto token = authorization.substr(7);
    auto first = token.find_first_not_of(' '), last = token.find_last_not_of(' ');
    r.bearer_token = first == std::string::npos ? "" : token.substr(first, last - first + 1);
  }

  upgrade_request_ = r.wants_websocket();
  ws_key_ = upgrade_request_ ? r.header("sec-websocket-key") : std::string();
  auto ex = std::make_shared<exchange_impl>(shared_from_this(), seq_);
  exchange_ = ex;
  // Look ahead: notices a client that leaves, parks a pipelined request. Not for an upgrade: what follows it
  // may be WebSocket frames.
  if (!upgrade_request_) begin_read();
  try {
    state_->on_request(std::move(r), std::move(ex));
  } catch (const std::exception& e) {
    respond(seq_, status_response(500, "InternalError", std::string("request handler failed: ") + e.what()));
  }
}

// Answers a request that could not be parsed and closes the connection, since the byte stream cannot be
// trusted any further.
void connection::reject(const response& r) {
  busy_ = true;
  ++seq_;
  exchange_.reset();
  keep_alive_ = false;
  started_ = streaming_ = end_requested_ = false;
  respond(seq_, r);
}

void connection::respond(std::uint64_t seq, response r) {
  if (!current(seq) || started_) return;
  started_ = true;
  auto& res = out_.emplace();
  res.version(11);
  res.result(r.status >= 100 && r.status <= 999 ? static_cast<unsigned>(r.status) : 500u);
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  for (auto& [name, value] : r.headers) res.insert(name, value);
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive_ && !read_eof_);
  res.prepare_payload();
  start_write(write_kind::response);
}

void connection::start_stream(std::uint64_t seq, int status, const std::string& content_type) {
  if (!current(seq) || started_) return;
  started_ = streaming_ = true;
  auto& header = stream_header_.emplace();
  header.version(11);
  header.result(status >= 100 && status <= 999 ? static_cast<unsigned>(status) : 500u);
  if (!content_type.empty()) header.set(bhttp::field::content_type, content_type);
  header.chunked(true);
  header.keep_alive(keep_alive_ && !read_eof_);
  stream_serializer_.emplace(header);
  start_write(write_kind::header);
}

void connection::accept_websocket(std::uint64_t seq, const std::string& subprotocol,
                                  std::function<void(std::string)> on_message) {
  if (!current(seq) || started_) return;
  if (!upgrade_request_)
    return respond(seq, status_response(400, "BadRequest", "the request did not ask for a WebSocket"));
  started_ = ws_accepted_ = true;
  ws_on_message_ = std::move(on_message);
  auto& res = out_.emplace();
  res.version(11);
  res.result(bhttp::status::switching_protocols);
  res.set(bhttp::field::upgrade, "websocket");
  res.set(bhttp::field::connection, "Upgrade");
  res.set(bhttp::field::sec_websocket_accept, ws::accept_key(ws_key_));
  if (!subprotocol.empty()) res.set(bhttp::field::sec_websocket_protocol, subprotocol);
  start_write(write_kind::upgrade);
}

void connection::close_websocket(std::uint64_t seq, std::uint16_t code) {
  if (!current(seq) || !ws_accepted_ || ws_closing_) return;
  ws_closing_ = true;
  queue_frame(ws::opcode::close, ws::close_payload(code));
  pump();
}

void connection::queue_frame(ws::opcode op, std::string_view payload, std::size_t credit) {
  ws_out_.push_back({ws::encode_frame(op, payload), credit});
}

void connection::read_websocket() {
  if (closed_) return;
  do_read_raw();
}

void connection::on_raw_read(const error_code& ec, std::size_t n) {
  if (closed_) return;
  if (ec) return close();  // the client is gone (or reset): on_close tells the handler
  ws_decoder_.feed(std::string_view(raw_buffer_.data(), n));
  on_websocket_messages();
  if (!closed_) read_websocket();
}

// Hands data messages to the handler, answers pings, and takes part in the closing handshake.
void connection::on_websocket_messages() {
  while (auto m = ws_decoder_.next()) {
    switch (m->op) {
      case ws::opcode::text:
      case ws::opcode::binary:
        if (!ws_closing_ && ws_on_message_) ws_on_message_(std::move(m->payload));
        break;
      case ws::opcode::ping:
        if (!ws_closing_) queue_frame(ws::opcode::pong, m->payload);
        break;
      case ws::opcode::close:
        ws_close_received_ = true;
        if (!ws_closing_) {
          ws_closing_ = true;
          queue_frame(ws::opcode::close, std::string_view(m->payload).substr(0, 2));  // echo its code
        }
        break;
      default:
        break;
    }
  }
  if (!ws_decoder_.error().empty()) {
    ws_close_received_ = true;  // nothing more can be read from it
    if (!ws_closing_) {
      ws_closing_ = true;
      queue_frame(ws::opcode::close, ws::close_payload(1002));
    }
  }
  pump();
}

void connection::end_stream(std::uint64_t seq) {
  if (!current(seq) || !streaming_) return;
  end_requested_ = true;
  pump();
}

// Writes the next queued chunk, or the last chunk once the producer has ended the stream.
void connection::pump() {
  if (writing_ || closed_) return;
  if (websocket_) {
    if (!ws_out_.empty()) return start_write(write_kind::raw);
    if (!ws_closing_) return disarm();  // waiting for either side, however long
    if (ws_close_received_) return close();
    if (!ws_close_sent_) {
      ws_close_sent_ = true;
      arm(linger_seconds);  // for the client's answering close frame
    }
    return;
  }
  if (!chunks_.empty())
    start_write(write_kind::chunk);
  else if (end_requested_)
    start_write(write_kind::last_chunk);
  else
    disarm();  // waiting for the producer, however long
}

void connection::start_write(write_kind kind) {
  writing_ = true;
  writing_kind_ = kind;
  arm(state_->options.write_timeout_seconds);
  switch (kind) {
    case write_kind::response: return do_write_response();
    case write_kind::header: return do_write_header();
    case write_kind::chunk: return do_write_chunk();
    case write_kind::last_chunk: return do_write_last_chunk();
    case write_kind::upgrade: return do_write_response();
    case write_kind::raw: return do_write_raw();
  }
}

void connection::on_written(const error_code& ec) {
  writing_ = false;
  if (closed_) return;
  if (ec) return close();
  switch (writing_kind_) {
    case write_kind::response:
    case write_kind::last_chunk:
      return complete_exchange();
    case write_kind::header:
      stream_serializer_.reset();
      return pump();
    case write_kind::chunk:
      if (auto ex = exchange_.lock()) ex->written(chunks_.front().size());
      chunks_.pop_front();
      return pump();
    case write_kind::upgrade: {
      out_.reset();
      websocket_ = true;
      // Frames the client sent right behind its request came in with it.
      auto pending = buffer_.data();
      ws_decoder_.feed(std::string_view(static_cast<const char*>(pending.data()), pending.size()));
      buffer_.consume(buffer_.size());
      on_websocket_messages();
      return read_websocket();
    }
    case write_kind::raw:
      if (auto ex = exchange_.lock()) ex->written(ws_out_.front().credit);
      ws_out_.pop_front();
      return pump();
  }
}

void connection::complete_exchange() {
  bool keep = keep_alive_ && !read_eof_;
  busy_ = false;
  out_.reset();
  stream_header_.reset();
  finish_exchange();
  if (closed_) return;  // the on_close callback may have stopped the server
  if (!keep) return read_eof_ ? close() : linger();
  if (next_rejection_) {
    auto r = std::move(*next_rejection_);
    next_rejection_.reset();
    return reject(r);
  }
  if (next_request_) {
    auto msg = std::move(*next_request_);
    next_request_.reset();
    return dispatch(std::move(msg));
  }
  arm(state_->options.idle_timeout_seconds);
  begin_read();
}

void connection::finish_exchange() {
  if (auto ex = exchange_.lock()) ex->finish();
  exchange_.reset();
}

// Closes gracefully after a final response: shut down our side, then read and discard what the client still
// sends (e.g. the rest of a body that got a 413) so that closing does not reset the connection before the
// client has read the response.
void connection::linger() {
  lingering_ = true;
  error_code ec;
  socket().shutdown(tcp::socket::shutdown_send, ec);
  arm(linger_seconds);
  if (reading_)
    socket().cancel(ec);  // on_read then starts draining
  else
    drain();
}

void connection::drain() {
  socket().async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](error_code ec, std::size_t) {
    if (self->closed_) return;
    if (ec) return self->close();
    self->drain();
  });
}

void connection::close() {
  if (closed_) return;
  closed_ = true;
  disarm();
  error_code ec;
  socket().close(ec);
  if (auto ex = exchange_.lock()) {
    for (const auto& chunk : chunks_) ex->written(chunk.size());
    for (const auto& frame : ws_out_) ex->written(frame.credit);
  }
  chunks_.clear();
  ws_out_.clear();
  ws_on_message_ = nullptr;
  next_request_.reset();
  --state_->connections;
  {
    std::lock_guard lock(state_->mutex);
    state_->live.erase(id_);
  }
  busy_ = false;
  finish_exchange();
}

void connection::arm(int seconds) {
  auto generation = ++timer_generation_;
  deadline_.expires_after(std::chrono::seconds(seconds));
  deadline_.async_wait([self = shared_from_this(), generation](error_code ec) {
    if (!ec && generation == self->timer_generation_) self->close();
  });
}

void connection::disarm() {
  ++timer_generation_;
  deadline_.cancel();
}

template <class Stream>
class stream_connection final : public connection {
 public:
  template <class... Args>
  stream_connection(std::shared_ptr<shared_state> state, net::any_io_executor strand, Args&&... args)
      : connection(std::move(state), std::move(strand)), stream_(std::forward<Args>(args)...) {}

 private:
  static constexpr bool is_tls = !std::is_same_v<Stream, beast::tcp_stream>;

  std::shared_ptr<stream_connection> self() { return std::static_pointer_cast<stream_connection>(shared_from_this()); }

  bool tls() const override { return is_tls; }
  void do_handshake() override {
    if constexpr (is_tls)
      stream_.async_handshake(ssl::stream_base::server,
                              [s = self()](error_code ec) { s->on_handshake(ec, s->stream_.native_handle()); });
    else
      on_handshake({}, nullptr);
  }
  void do_read() override {
    bhttp::async_read(stream_, buffer_, *parser_, [s = self()](error_code ec, std::size_t) { s->on_read(ec); });
  }
  void do_write_response() override {
    bhttp::async_write(stream_, *out_, [s = self()](error_code ec, std::size_t) { s->on_written(ec); });
  }
  void do_write_header() override {
    bhttp::async_write_header(stream_, *stream_serializer_,
                              [s = self()](error_code ec, std::size_t) { s->on_written(ec); });
  }
  void do_write_chunk() override {
    net::async_write(stream_, bhttp::make_chunk(net::const_buffer(chunks_.front().data(), chunks_.front().size())),
                     [s = self()](error_code ec, std::size_t) { s->on_written(ec); });
  }
  void do_write_last_chunk() override {
    net::async_write(stream_, bhttp::make_chunk_last(), [s = self()](error_code ec, std::size_t) { s->on_written(ec); });
  }
  void do_read_raw() override {
    stream_.async_read_some(net::buffer(raw_buffer_),
                            [s = self()](error_code ec, std::size_t n) { s->on_raw_read(ec, n); });
  }
  void do_write_raw() override {
    net::async_write(stream_, net::buffer(ws_out_.front().bytes),
                     [s = self()](error_code ec, std::size_t) { s->on_written(ec); });
  }
  tcp::socket& socket() override { return beast::get_lowest_layer(stream_).socket(); }

  Stream stream_;
};

using plain_connection = stream_connection<beast::tcp_stream>;
using tls_connection = stream_connection<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace

struct server::impl {
  impl(server_options options, handler h)
      : state(std::make_shared<shared_state>(std::move(options), std::move(h))),
        acceptor(net::make_strand(io)),
        retry(acceptor.get_executor()) {
    const auto& o = state->options;
    if (!o.cert_pem.empty()) tls.emplace(make_tls_context(o));
    error_code ec;
    auto address = net::ip::make_address(o.address, ec);
    if (ec) throw std::runtime_error("invalid listen address '" + o.address + "': " + ec.message());
    tcp::endpoint endpoint{address, o.port};
    auto where = o.address + ":" + std::to_string(o.port);
    if (acceptor.open(endpoint.protocol(), ec); ec) throw std::runtime_error("cannot open " + where + ": " + ec.message());
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (acceptor.bind(endpoint, ec); ec) throw std::runtime_error("cannot bind " + where + ": " + ec.message());
    if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec)
      throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
    port = acceptor.local_endpoint().port();
    accept();
    int n = o.threads > 0 ? o.threads : 1;
    running = n;
    for (int i = 0; i < n; ++i) threads.emplace_back([this] { run(); });
  }

  void run() {
    for (;;) {
      try {
        io.run();
        break;
      } catch (const std::exception& e) {
        std::cerr << "navarch http: unexpected exception in an I/O thread: " << e.what() << "\n";
      }
    }
    std::lock_guard lock(mutex);
    --running;
    done.notify_all();
  }

  void accept() {
    acceptor.async_accept(net::make_strand(io), [this](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) {  // e.g. out of file descriptors: try again shortly rather than spin
        retry.expires_after(std::chrono::milliseconds(50));
        retry.async_wait([this](error_code e) {
          if (!e && acceptor.is_open()) accept();
        });
        return;
      }
      start(std::move(socket));
      accept();
    });
  }

  void start(tcp::socket socket) {
    if (state->connections.load() >= state->options.max_connections) {
      error_code ec;
      socket.close(ec);
      return;
    }
    auto strand = socket.get_executor();
    std::shared_ptr<connection> c;
    if (tls)
      c = std::make_shared<tls_connection>(state, strand, std::move(socket), *tls);
    else
      c = std::make_shared<plain_connection>(state, strand, std::move(socket));
    std::uint64_t id;
    {
      std::lock_guard lock(state->mutex);
      if (state->stopping) return;
      id = state->next_id++;
      state->live.emplace(id, c);
    }
    ++state->connections;
    c->start(id);
  }

  void stop() {
    if (stopped) return;
    stopped = true;
    net::post(acceptor.get_executor(), [this] {
      error_code ec;
      acceptor.close(ec);
      retry.cancel();
      std::vector<std::shared_ptr<connection>> all;
      {
        std::lock_guard lock(state->mutex);
        state->stopping = true;
        for (auto& [id, weak] : state->live)
          if (auto c = weak.lock()) all.push_back(std::move(c));
      }
      for (auto& c : all) c->post_close();
    });
    // The threads return once every connection has wound down; a straggler is cut short.
    {
      std::unique_lock lock(mutex);
      if (!done.wait_for(lock, std::chrono::seconds(5), [&] { return running == 0; })) io.stop();
    }
    for (auto& t : threads) t.join();
    threads.clear();
  }

  std::shared_ptr<shared_state> state;
  net::io_context io;
  std::optional<ssl::context> tls;
  tcp::acceptor acceptor;
  net::steady_timer retry;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  bool stopped = false;
  std::mutex mutex;
  std::condition_variable done;
  int running = 0;
};

server::server(server_options options, handler h) : impl_(std::make_unique<impl>(std::move(options), std::move(h))) {}

server::~server() { stop(); }

uint16_t server::port() const { return impl_->port; }

void server::stop() { impl_->stop(); }

}  // namespace navarch::http
