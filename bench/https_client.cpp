#include "bench/https_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <stdexcept>
#include <string_view>

namespace navarch::bench {

struct https_client::impl {
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;
  int fd = -1;
  std::string host;
  std::string buffer;  // bytes read past the previous reply

  ~impl() {
    if (ssl) SSL_free(ssl);
    if (ctx) SSL_CTX_free(ctx);
    if (fd >= 0) close(fd);
  }

  [[noreturn]] static void fail(const std::string& what) {
    char err[256] = {};
    ERR_error_string_n(ERR_get_error(), err, sizeof err);
    throw std::runtime_error(what + ": " + err);
  }

  bool fill() {
    char chunk[16384];
    int n = SSL_read(ssl, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, n);
    return true;
  }
};

https_client::https_client(const std::string& host, int port, const tls_identity& id)
    : impl_(std::make_unique<impl>()) {
  auto& i = *impl_;
  i.host = host + ":" + std::to_string(port);
  i.ctx = SSL_CTX_new(TLS_client_method());
  if (!i.ctx) impl::fail("SSL_CTX_new");
  if (SSL_CTX_load_verify_locations(i.ctx, id.ca_file.c_str(), nullptr) != 1) impl::fail("loading " + id.ca_file);
  if (SSL_CTX_use_certificate_file(i.ctx, id.cert_file.c_str(), SSL_FILETYPE_PEM) != 1)
    impl::fail("loading " + id.cert_file);
  if (SSL_CTX_use_PrivateKey_file(i.ctx, id.key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    impl::fail("loading " + id.key_file);
  SSL_CTX_set_verify(i.ctx, SSL_VERIFY_PEER, nullptr);
  i.fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (connect(i.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("connect to " + i.host + " failed");
  int one = 1;
  setsockopt(i.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  i.ssl = SSL_new(i.ctx);
  SSL_set_fd(i.ssl, i.fd);
  if (SSL_connect(i.ssl) != 1) impl::fail("TLS handshake with " + i.host);
}

https_client::~https_client() = default;

http_reply https_client::send(const std::string& method, const std::string& path, const std::string& body,
                              const std::string& content_type) {
  auto& i = *impl_;
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: " + i.host + "\r\nAccept: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    req += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  if (SSL_write(i.ssl, req.data(), static_cast<int>(req.size())) <= 0) impl::fail("write");
  size_t header_end;
  while ((header_end = i.buffer.find("\r\n\r\n")) == std::string::npos)
    if (!i.fill()) throw std::runtime_error("connection closed before a reply");
  std::string_view head(i.buffer.data(), header_end);
  http_reply r;
  r.status = std::atoi(i.buffer.c_str() + 9);  // "HTTP/1.1 200"
  size_t length = 0;
  for (size_t pos = 0; pos < head.size();) {
    size_t eol = head.find("\r\n", pos);
    if (eol == std::string_view::npos) eol = head.size();
    std::string_view line = head.substr(pos, eol - pos);
    if (line.size() > 15 && (line.substr(0, 15) == "Content-Length:" || line.substr(0, 15) == "content-length:"))
      length = std::stoul(std::string(line.substr(15)));
    pos = eol + 2;
  }
  size_t total = header_end + 4 + length;
  while (i.buffer.size() < total)
    if (!i.fill()) throw std::runtime_error("connection closed mid-reply");
  r.body = i.buffer.substr(header_end + 4, length);
  i.buffer.erase(0, total);
  return r;
}

}  // namespace navarch::bench
