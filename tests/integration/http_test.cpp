// The HTTP(S) front against real clients: curl (plain and TLS, certificates from navarch_tls) and a small
// blocking Beast client for what curl cannot show (pipelining, raw malformed bytes, many open connections).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/http/server.hpp"
#include "net/http/target.hpp"
#include "net/tls/kubeconfig.hpp"
#include "net/tls/pki.hpp"

namespace fs = std::filesystem;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using namespace navarch;
using namespace std::chrono_literals;

namespace {

// ---- target parsing (pure) ----

TEST(http_target, percent_decoding_and_plus) {
  auto t = http::parse_target("/api/v1/namespaces/a%20b/pods?labelSelector=app%3Dweb%2Ctier+in+(x)&watch&&limit=5");
  EXPECT_EQ(t.path, "/api/v1/namespaces/a b/pods");
  ASSERT_EQ(t.query.size(), 3u);
  EXPECT_EQ(t.query[0], (std::pair<std::string, std::string>{"labelSelector", "app=web,tier in (x)"}));
  EXPECT_EQ(t.query[1], (std::pair<std::string, std::string>{"watch", ""}));
  EXPECT_EQ(t.query[2], (std::pair<std::string, std::string>{"limit", "5"}));
}

TEST(http_target, plus_stays_in_path_and_bad_escapes_stay_literal) {
  auto t = http::parse_target("/a+b/%zz/%4?x=%2B#frag");
  EXPECT_EQ(t.path, "/a+b/%zz/%4");
  ASSERT_EQ(t.query.size(), 1u);
  EXPECT_EQ(t.query[0].second, "+");
  EXPECT_EQ(http::percent_decode("%e2%9C%93", false), "\xe2\x9c\x93");
}

TEST(http_target, request_accessors) {
  http::request r;
  r.headers = {{"accept", "a"}, {"accept", "b"}};
  r.query = {{"watch", ""}, {"limit", "5"}};
  EXPECT_EQ(r.header("accept"), "a");
  EXPECT_EQ(r.header("missing"), "");
  EXPECT_TRUE(r.has_query("watch"));
  EXPECT_FALSE(r.has_query("continue"));
  EXPECT_EQ(r.query_param("limit"), "5");
}

// ---- helpers ----

struct curl_result {
  int status = 0;
  std::string body;
};

// Runs curl with the given arguments and returns the body and the status code curl saw (0 when none).
curl_result curl(const std::string& args) {
  std::string cmd = "curl -sS --max-time 20 -w '\\n%{http_code}' " + args + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return {};
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  auto nl = out.rfind('\n');
  if (nl == std::string::npos) return {};
  return {std::atoi(out.c_str() + nl + 1), out.substr(0, nl)};
}

struct client {
  net::io_context io;
  tcp::socket socket{io};
  beast::flat_buffer buffer;

  explicit client(uint16_t port) { socket.connect({net::ip::make_address("127.0.0.1"), port}); }

  void send(const std::string& raw) { net::write(socket, net::buffer(raw)); }

  bhttp::response<bhttp::string_body> get(const std::string& target, bool keep_alive = true) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "localhost");
    req.keep_alive(keep_alive);
    bhttp::write(socket, req);
    return read();
  }

  bhttp::response<bhttp::string_body> read() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(socket, buffer, parser);
    return parser.release();
  }

  // True when the server closed the connection (EOF or reset) without sending more.
  bool closed_by_server() {
    char c;
    boost::system::error_code ec;
    socket.read_some(net::buffer(&c, 1), ec);
    return ec == net::error::eof || ec == net::error::connection_reset;
  }
};

std::string write_temp(const fs::path& dir, const std::string& name, const std::string& content) {
  auto p = dir / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

// A handler with a few routes and the bookkeeping the tests look at.
class http_server : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("navarch-http-test-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override {
    srv.reset();
    for (auto& t : workers) t.join();
    fs::remove_all(dir);
  }

  void start(http::server_options o = {}) {
    srv = std::make_unique<http::server>(std::move(o), [this](http::request r, std::shared_ptr<http::exchange> ex) {
      handle(std::move(r), std::move(ex));
    });
  }

  void handle(http::request r, std::shared_ptr<http::exchange> ex) {
    if (r.path == "/whoami") {
      std::string orgs;
      for (auto& o : r.client_organizations) orgs += (orgs.empty() ? "" : ",") + o;
      ex->respond({200, "text/plain", r.client_common_name + "|" + orgs + "|" + r.bearer_token, {}});
    } else if (r.path == "/slow") {
      int ms = std::stoi(r.query_param("ms"));
      std::lock_guard lock(mutex);
      workers.emplace_back([ex, ms, path = r.target] {
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        ex->respond({200, "text/plain", path, {}});
      });
    } else if (r.path == "/watch") {
      ex->start_stream(200, "application/json");
      ex->write_chunk("{\"event\":1}\n");
      ex->on_close([this] {
        std::lock_guard lock(mutex);
        ++stream_closes;
        changed.notify_all();
      });
      std::lock_guard lock(mutex);
      streams.push_back(ex);
      changed.notify_all();
    } else if (r.path == "/barrier") {
      std::lock_guard lock(mutex);
      held.push_back(ex);
      if (held.size() == barrier) {
        for (auto& h : held) h->respond({200, "text/plain", "released", {}});
        held.clear();
      }
    } else if (r.path == "/drop") {
      // the exchange goes out of scope unanswered
    } else if (r.path == "/throw") {
      throw std::runtime_error("boom");
    } else {
      std::string out = r.method + " " + r.path + "\n";
      for (auto& [k, v] : r.query) out += "q " + k + "=" + v + "\n";
      out += "ct " + r.header("content-type") + "\n";
      out += "body " + r.body;
      ex->respond({201, "text/plain", out, {{"X-Echo", "yes"}}});
    }
  }

  template <class Pred>
  bool wait(Pred pred) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 10s, pred);
  }

  std::string url(const std::string& scheme, const std::string& path) {
    return "'" + scheme + "://127.0.0.1:" + std::to_string(srv->port()) + path + "'";
  }

  fs::path dir;
  std::unique_ptr<http::server> srv;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::thread> workers;
  std::vector<std::shared_ptr<http::exchange>> streams;
  std::vector<std::shared_ptr<http::exchange>> held;
  std::size_t barrier = 100;
  int stream_closes = 0;
};

// ---- plain HTTP ----

TEST_F(http_server, get_and_post_round_trip_with_curl) {
  start();
  auto get = curl(url("http", "/echo/a%20b?x=1+2&y=%41&flag"));
  EXPECT_EQ(get.status, 201);
  EXPECT_EQ(get.body, "GET /echo/a b\nq x=1 2\nq y=A\nq flag=\nct \nbody ");
  auto post = curl("-X POST -H 'Content-Type: application/json' --data-binary '{\"a\":1}' " + url("http", "/p"));
  EXPECT_EQ(post.status, 201);
  EXPECT_EQ(post.body, "POST /p\nct application/json\nbody {\"a\":1}");
  auto headers = curl("-i " + url("http", "/h"));
  EXPECT_NE(headers.body.find("X-Echo: yes"), std::string::npos) << headers.body;
  EXPECT_NE(headers.body.find("Content-Length: "), std::string::npos) << headers.body;
  EXPECT_NE(headers.body.find("Content-Type: text/plain"), std::string::npos) << headers.body;
}

TEST_F(http_server, keep_alive_serves_several_requests_on_one_connection) {
  start();
  client c(srv->port());
  for (int i = 0; i < 5; ++i) {
    auto res = c.get("/echo/" + std::to_string(i));
    EXPECT_EQ(res.result_int(), 201u);
    EXPECT_NE(res.body().find("GET /echo/" + std::to_string(i) + "\n"), std::string::npos);
    EXPECT_TRUE(res.keep_alive());
  }
  auto last = c.get("/echo/last", false);
  EXPECT_FALSE(last.keep_alive());
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(http_server, pipelined_requests_are_answered_in_order) {
  start();
  client c(srv->port());
  // The first answer is the slowest: responses must still come back in request order.
  c.send("GET /slow?ms=300 HTTP/1.1\r\nHost: x\r\n\r\n"
         "GET /slow?ms=10 HTTP/1.1\r\nHost: x\r\n\r\n"
         "GET /echo/third HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.read().body(), "/slow?ms=300");
  EXPECT_EQ(c.read().body(), "/slow?ms=10");
  EXPECT_NE(c.read().body().find("GET /echo/third"), std::string::npos);
}

TEST_F(http_server, hundred_concurrent_connections) {
  start();
  // The handler answers nobody until all 100 requests are in: only works if they are served concurrently.
  std::vector<std::unique_ptr<client>> clients;
  for (int i = 0; i < 100; ++i) {
    clients.push_back(std::make_unique<client>(srv->port()));
    clients.back()->send("GET /barrier HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  for (auto& c : clients) {
    auto res = c->read();
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res.body(), "released");
  }
}

TEST_F(http_server, oversized_body_gets_413_status) {
  http::server_options o;
  o.body_limit = 3 * 1024 * 1024;
  start(o);
  auto file = write_temp(dir, "big", std::string(4 * 1024 * 1024, 'x'));
  auto res = curl("-X POST --data-binary @" + file + " " + url("http", "/p"));
  EXPECT_EQ(res.status, 413);
  EXPECT_NE(res.body.find("\"reason\":\"RequestEntityTooLarge\""), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("\"kind\":\"Status\""), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("\"code\":413"), std::string::npos) << res.body;

  // A client that sends the whole body without waiting still reads the 413 (the server drains, then closes).
  client c(srv->port());
  c.send("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 4194304\r\n\r\n" + std::string(4 * 1024 * 1024, 'y'));
  auto r = c.read();
  EXPECT_EQ(r.result_int(), 413u);
  EXPECT_FALSE(r.keep_alive());
  // A body under the limit is fine.
  auto ok = curl("-X POST --data-binary @" + write_temp(dir, "small", std::string(1024 * 1024, 'z')) + " " +
                 url("http", "/p"));
  EXPECT_EQ(ok.status, 201);
}

TEST_F(http_server, malformed_request_gets_400_and_close) {
  start();
  client c(srv->port());
  c.send("THIS IS NOT HTTP\r\n\r\n");
  auto res = c.read();
  EXPECT_EQ(res.result_int(), 400u);
  EXPECT_NE(res.body().find("\"reason\":\"BadRequest\""), std::string::npos);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(http_server, huge_header_gets_431) {
  start();
  client c(srv->port());
  c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(70 * 1024, 'h') + "\r\n\r\n");
  EXPECT_EQ(c.read().result_int(), 431u);
}

TEST_F(http_server, chunked_stream_arrives_chunk_by_chunk_with_curl) {
  start();
  FILE* p = ::popen(("curl -sSN --max-time 20 " + url("http", "/watch")).c_str(), "r");
  ASSERT_NE(p, nullptr);
  char line[256];
  // The first event arrives while the stream is still open: the server has not written anything else yet.
  ASSERT_NE(std::fgets(line, sizeof line, p), nullptr);
  EXPECT_STREQ(line, "{\"event\":1}\n");
  ASSERT_TRUE(wait([&] { return streams.size() == 1; }));
  auto ex = streams[0];
  EXPECT_FALSE(ex->closed());
  ex->write_chunk("{\"event\":2}\n");
  ASSERT_NE(std::fgets(line, sizeof line, p), nullptr);
  EXPECT_STREQ(line, "{\"event\":2}\n");
  ex->end_stream();
  EXPECT_EQ(std::fgets(line, sizeof line, p), nullptr);  // curl ends when the stream does
  EXPECT_EQ(::pclose(p), 0);
  EXPECT_TRUE(wait([&] { return stream_closes == 1; }));
  EXPECT_TRUE(ex->closed());
  EXPECT_EQ(ex->queued_bytes(), 0u);
}

TEST_F(http_server, stream_ends_then_connection_keeps_alive) {
  start();
  client c(srv->port());
  c.send("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(wait([&] { return streams.size() == 1; }));
  streams[0]->write_chunk("two\n");
  streams[0]->end_stream();
  auto res = c.read();
  EXPECT_EQ(res.body(), "{\"event\":1}\ntwo\n");
  EXPECT_TRUE(res.chunked());
  EXPECT_NE(c.get("/echo/after").body().find("GET /echo/after"), std::string::npos);
}

TEST_F(http_server, on_close_fires_once_when_the_stream_client_disconnects) {
  start();
  auto res = curl("-N --max-time 1 " + url("http", "/watch"));  // curl gives up mid-stream
  EXPECT_EQ(res.body, "{\"event\":1}\n");  // curl adds nothing after a timeout
  ASSERT_TRUE(wait([&] { return stream_closes == 1; }));
  EXPECT_TRUE(streams[0]->closed());
  streams[0]->write_chunk("ignored\n");  // writing to a closed exchange is harmless
  streams[0]->end_stream();

  {
    client c(srv->port());
    c.send("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(wait([&] { return streams.size() == 2; }));
  }  // the client socket closes here
  ASSERT_TRUE(wait([&] { return stream_closes == 2; }));
  std::this_thread::sleep_for(100ms);
  std::lock_guard lock(mutex);
  EXPECT_EQ(stream_closes, 2);
}

TEST_F(http_server, dropped_or_failing_handler_gives_500) {
  start();
  auto dropped = curl(url("http", "/drop"));
  EXPECT_EQ(dropped.status, 500);
  EXPECT_NE(dropped.body.find("\"reason\":\"InternalError\""), std::string::npos);
  EXPECT_EQ(curl(url("http", "/throw")).status, 500);
}

TEST_F(http_server, bearer_token_is_parsed) {
  start();
  EXPECT_EQ(curl("-H 'Authorization: Bearer  s3cr3t ' " + url("http", "/whoami")).body, "||s3cr3t");
  EXPECT_EQ(curl("-H 'Authorization: Basic abc' " + url("http", "/whoami")).body, "||");
}

TEST_F(http_server, idle_connection_is_closed) {
  http::server_options o;
  o.idle_timeout_seconds = 1;
  start(o);
  client c(srv->port());
  EXPECT_EQ(c.get("/echo/x").result_int(), 201u);
  auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - before, 5s);
}

TEST_F(http_server, connections_beyond_the_limit_are_refused) {
  http::server_options o;
  o.max_connections = 2;
  start(o);
  client a(srv->port()), b(srv->port());
  EXPECT_EQ(a.get("/echo/a").result_int(), 201u);
  EXPECT_EQ(b.get("/echo/b").result_int(), 201u);
  client refused(srv->port());
  EXPECT_TRUE(refused.closed_by_server());
  a.socket.close();
  std::this_thread::sleep_for(200ms);  // the server notices the close and frees the slot
  client d(srv->port());
  EXPECT_EQ(d.get("/echo/d").result_int(), 201u);
}

TEST_F(http_server, stop_closes_streams_and_connections) {
  start();
  client c(srv->port());
  c.send("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(wait([&] { return streams.size() == 1; }));
  auto before = std::chrono::steady_clock::now();
  srv->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 3s);
  EXPECT_EQ(stream_closes, 1);
  EXPECT_TRUE(streams[0]->closed());
}

TEST_F(http_server, bad_address_port_or_certificate_is_a_clear_error) {
  start();
  http::server_options taken;
  taken.port = srv->port();
  auto noop = [](http::request, std::shared_ptr<http::exchange>) {};
  EXPECT_THROW(http::server(taken, noop), std::runtime_error);
  http::server_options bad_address;
  bad_address.address = "not-an-address";
  EXPECT_THROW(http::server(bad_address, noop), std::runtime_error);
  http::server_options bad_cert;
  bad_cert.cert_pem = "garbage";
  bad_cert.key_pem = "garbage";
  EXPECT_THROW(http::server(bad_cert, noop), std::runtime_error);
}

// ---- TLS ----

class https_server : public http_server {
 protected:
  void SetUp() override {
    http_server::SetUp();
    pki = tls::load_or_create_pki(dir / "pki", {"127.0.0.1", "::1", "localhost"});
    other = tls::load_or_create_pki(dir / "other", {"127.0.0.1"});
    ca = write_temp(dir, "ca.crt", pki.ca_cert_pem);
    admin_cert = write_temp(dir, "admin.crt", pki.admin_cert_pem);
    admin_key = write_temp(dir, "admin.key", pki.admin_key_pem);
    http::server_options o;
    o.cert_pem = pki.server_cert_pem;
    o.key_pem = pki.server_key_pem;
    o.client_ca_pem = pki.ca_cert_pem;
    start(o);
  }
  tls::cluster_pki pki, other;
  std::string ca, admin_cert, admin_key;
};

TEST_F(https_server, without_client_cert_the_identity_is_empty) {
  auto res = curl("--cacert " + ca + " " + url("https", "/whoami"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "||");
}

TEST_F(https_server, admin_cert_gives_cn_and_organization) {
  auto res = curl("--cacert " + ca + " --cert " + admin_cert + " --key " + admin_key + " " + url("https", "/whoami"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "admin|system:masters|");
  auto node = tls::issue_client_cert(pki, "system:node:n1", {"system:nodes", "g2"});
  auto res2 = curl("--cacert " + ca + " --cert " + write_temp(dir, "n.crt", node.cert_pem) + " --key " +
                   write_temp(dir, "n.key", node.key_pem) + " " + url("https", "/whoami"));
  EXPECT_EQ(res2.body, "system:node:n1|system:nodes,g2|");
}

TEST_F(https_server, cert_from_another_ca_gives_empty_identity) {
  auto res = curl("--cacert " + ca + " --cert " + write_temp(dir, "o.crt", other.admin_cert_pem) + " --key " +
                  write_temp(dir, "o.key", other.admin_key_pem) + " " + url("https", "/whoami"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "||");
}

TEST_F(https_server, kubectl_authenticates_with_the_generated_kubeconfig) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  auto config = dir / "kubeconfig";
  tls::write_file_atomically(config, tls::make_kubeconfig("https://127.0.0.1:" + std::to_string(srv->port()), pki,
                                                          "navarch"));
  auto cmd = "kubectl --kubeconfig " + config.string() + " get --raw /whoami 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  EXPECT_EQ(::pclose(p), 0) << out;
  EXPECT_EQ(out, "admin|system:masters|") << out;
}

TEST_F(https_server, server_cert_verifies_for_ip_and_localhost) {
  EXPECT_EQ(curl("--cacert " + ca + " " + url("https", "/echo/x")).status, 201);
  EXPECT_EQ(curl("--cacert " + ca + " 'https://localhost:" + std::to_string(srv->port()) + "/echo/x'").status, 201);
  // Without our CA, curl refuses the server.
  EXPECT_EQ(curl(url("https", "/echo/x")).status, 0);
}

TEST_F(https_server, keep_alive_stream_and_413_over_tls) {
  // Two URLs on one curl command line reuse the TLS connection.
  std::string cmd = "curl -sS -v --max-time 20 --cacert " + ca + " " + url("https", "/echo/1") + " " +
                    url("https", "/echo/2") + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  EXPECT_NE(out.find("Re-using existing connection"), std::string::npos) << out;
  EXPECT_NE(out.find("GET /echo/2"), std::string::npos);

  auto res = curl("-N --max-time 1 --cacert " + ca + " " + url("https", "/watch"));
  EXPECT_EQ(res.body, "{\"event\":1}\n");  // curl adds nothing after a timeout
  EXPECT_TRUE(wait([&] { return stream_closes == 1; }));

  auto big = curl("--cacert " + ca + " -X POST --data-binary @" +
                  write_temp(dir, "big", std::string(4 * 1024 * 1024, 'x')) + " " + url("https", "/p"));
  EXPECT_EQ(big.status, 413);
}

}  // namespace
