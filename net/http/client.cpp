// Callback-style Beast client (GCC 12 miscompiles some Asio coroutines). Every operation runs on the one I/O
// thread, so the idle-connection pool needs no lock.
#include "net/http/client.hpp"

#include <map>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace navarch::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

constexpr std::uint64_t max_response_body = 1ull << 30;

std::string key_of(const endpoint& ep) { return ep.host + ":" + std::to_string(ep.port); }

bhttp::request<bhttp::string_body> make_request(const endpoint& ep, std::string target, std::string body) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
  req.set(bhttp::field::host, key_of(ep));
  req.set(bhttp::field::content_type, "application/json");
  req.keep_alive(true);
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}

client_response failed(client_response::failure_t f, std::string what, const error_code& ec) {
  client_response r;
  r.failure = f;
  r.error = what + ": " + ec.message();
  return r;
}

}  // namespace

struct client::impl {
  client_options opts;
  net::io_context ioc{1};
  net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};
  std::thread thread;
  std::map<std::string, std::vector<std::unique_ptr<beast::tcp_stream>>> idle;

  std::unique_ptr<beast::tcp_stream> take_idle(const std::string& key) {
    auto it = idle.find(key);
    if (it == idle.end() || it->second.empty()) return nullptr;
    auto s = std::move(it->second.back());
    it->second.pop_back();
    return s;
  }
  void give_back(const std::string& key, std::unique_ptr<beast::tcp_stream> s) {
    auto& v = idle[key];
    if (v.size() >= opts.max_idle_per_endpoint) return;
    s->expires_never();
    v.push_back(std::move(s));
  }

  // Resolves and connects within the connect timeout; `then` gets the error (or none) and the stream.
  template <class Then>
  void connect(const endpoint& ep, Then then) {
    auto resolver = std::make_shared<tcp::resolver>(ioc);
    auto stream = std::make_shared<std::unique_ptr<beast::tcp_stream>>(std::make_unique<beast::tcp_stream>(ioc));
    resolver->async_resolve(
        ep.host, std::to_string(ep.port),
        [this, resolver, stream, then = std::move(then)](error_code ec, tcp::resolver::results_type results) mutable {
          if (ec) return then(ec, std::move(*stream));
          (*stream)->expires_after(opts.connect_timeout);
          (*stream)->async_connect(results, [stream, then = std::move(then)](error_code ec, const tcp::endpoint&) mutable {
            then(ec, std::move(*stream));
          });
        });
  }
};

namespace {

// One request/response exchange; retries once on a fresh connection when a pooled one turns out to be closed.
struct request_op : std::enable_shared_from_this<request_op> {
  client::impl* owner;
  endpoint ep;
  std::string key;
  bhttp::request<bhttp::string_body> req;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser;  // fresh for each attempt
  beast::flat_buffer buf;
  std::unique_ptr<beast::tcp_stream> stream;
  bool reused = false;
  std::chrono::milliseconds timeout;
  client::response_callback done;

  void start() {
    stream = owner->take_idle(key);
    if (stream) {
      reused = true;
      send();
      return;
    }
    reused = false;
    owner->connect(ep, [self = shared_from_this()](error_code ec, std::unique_ptr<beast::tcp_stream> s) {
      if (ec) return self->finish(failed(client_response::connect, "connect to " + self->key, ec));
      self->stream = std::move(s);
      self->send();
    });
  }

  void send() {
    stream->expires_after(timeout);
    parser.emplace();
    parser->body_limit(max_response_body);  // Beast's default (8 MB) is less than a large list from etcd
    bhttp::async_write(*stream, req, [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->retry_or_fail(ec);
      bhttp::async_read(*self->stream, self->buf, *self->parser, [self](error_code ec, std::size_t n) {
        if (ec) return n == 0 ? self->retry_or_fail(ec) : self->fail(ec);
        self->succeed();
      });
    });
  }

  void retry_or_fail(error_code ec) {
    if (reused && ec != beast::error::timeout) {
      buf.clear();
      start();  // the pooled connection had been closed by the server; the request never arrived
      return;
    }
    fail(ec);
  }

  void fail(error_code ec) {
    stream.reset();
    if (ec == beast::error::timeout) return finish(failed(client_response::timeout, "request to " + key, ec));
    finish(failed(client_response::io, "request to " + key, ec));
  }

  void succeed() {
    auto& res = parser->get();
    client_response r;
    r.status = static_cast<int>(res.result_int());
    r.body = std::move(res.body());
    if (res.keep_alive()) owner->give_back(key, std::move(stream));
    finish(std::move(r));
  }

  void finish(client_response r) {
    auto cb = std::move(done);
    if (cb) cb(std::move(r));
  }
};

struct stream_op : std::enable_shared_from_this<stream_op> {
  client::impl* owner;
  endpoint ep;
  std::string key;
  bhttp::request<bhttp::string_body> req;
  bhttp::response_parser<bhttp::string_body> parser;
  beast::flat_buffer buf;
  std::unique_ptr<beast::tcp_stream> stream;
  bool canceled = false;
  client::data_callback data;
  client::response_callback end;

  void start() {
    if (canceled) return finish(client_response{client_response::io, "canceled", 0, {}});
    parser.body_limit(boost::none);
    owner->connect(ep, [self = shared_from_this()](error_code ec, std::unique_ptr<beast::tcp_stream> s) {
      if (self->canceled) return self->finish(client_response{client_response::io, "canceled", 0, {}});
      if (ec) return self->finish(failed(client_response::connect, "connect to " + self->key, ec));
      self->stream = std::move(s);
      self->stream->expires_never();
      bhttp::async_write(*self->stream, self->req, [self](error_code ec, std::size_t) {
        if (ec) return self->fail(ec);
        bhttp::async_read_header(*self->stream, self->buf, self->parser, [self](error_code ec, std::size_t) {
          if (ec) return self->fail(ec);
          self->read_more();
        });
      });
    });
  }

  bool ok_status() { return parser.get().result_int() / 100 == 2; }

  void read_more() {
    if (ok_status() && !parser.get().body().empty()) {
      data(parser.get().body());
      parser.get().body().clear();  // string_body appends after what is there, so the body never grows
    }
    if (parser.is_done()) {
      client_response r;
      r.status = static_cast<int>(parser.get().result_int());
      if (!ok_status()) r.body = std::move(parser.get().body());
      return finish(std::move(r));
    }
    bhttp::async_read_some(*stream, buf, parser, [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->fail(ec);
      self->read_more();
    });
  }

  void fail(error_code ec) {
    if (canceled) return finish(client_response{client_response::io, "canceled", 0, {}});
    finish(failed(client_response::io, "stream from " + key, ec));
  }

  void finish(client_response r) {
    stream.reset();
    auto cb = std::move(end);
    data = nullptr;
    if (cb) cb(std::move(r));
  }

  void cancel() {
    canceled = true;
    if (stream) {
      error_code ignored;
      stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream->close();
    }
  }
};

// What the caller holds: weak references only, so that operations (and their sockets) live in the I/O context
// alone and never outlive it.
struct stream_canceler : stream_handle {
  std::weak_ptr<client::impl> owner;
  std::weak_ptr<stream_op> op;
  void cancel() override {
    auto alive = owner.lock();
    if (!alive) return;
    net::post(alive->ioc, [op = op] {
      if (auto o = op.lock()) o->cancel();
    });
  }
};

}  // namespace

client::client(client_options opts) : impl_(std::make_shared<impl>()) {
  impl_->opts = opts;
  impl_->thread = std::thread([i = impl_.get()] { i->ioc.run(); });
}

client::~client() {
  impl_->work.reset();
  impl_->ioc.stop();
  impl_->thread.join();
}

void client::post(const endpoint& ep, std::string target, std::string body, std::chrono::milliseconds timeout,
                  response_callback done) {
  auto op = std::make_shared<request_op>();
  op->owner = impl_.get();
  op->ep = ep;
  op->key = key_of(ep);
  op->req = make_request(ep, std::move(target), std::move(body));
  op->timeout = timeout;
  op->done = std::move(done);
  net::post(impl_->ioc, [op] { op->start(); });
}

std::shared_ptr<stream_handle> client::stream(const endpoint& ep, std::string target, std::string body,
                                              data_callback data, response_callback end) {
  auto op = std::make_shared<stream_op>();
  op->owner = impl_.get();
  op->ep = ep;
  op->key = key_of(ep);
  op->req = make_request(ep, std::move(target), std::move(body));
  op->data = std::move(data);
  op->end = std::move(end);
  auto handle = std::make_shared<stream_canceler>();
  handle->owner = impl_;
  handle->op = op;
  net::post(impl_->ioc, [op] { op->start(); });
  return handle;
}

}  // namespace navarch::http
