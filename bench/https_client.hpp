// A minimal blocking HTTPS/1.1 keep-alive client (OpenSSL, no Beast) for load drivers: one connection, one
// request at a time, client certificate authentication.
#pragma once

#include <memory>
#include <string>

namespace navarch::bench {

struct tls_identity {
  std::string ca_file, cert_file, key_file;
};

struct http_reply {
  int status = 0;
  std::string body;
};

class https_client {
 public:
  // Throws std::runtime_error when the connection or handshake fails.
  https_client(const std::string& host, int port, const tls_identity& id);
  ~https_client();
  https_client(const https_client&) = delete;
  https_client& operator=(const https_client&) = delete;

  http_reply send(const std::string& method, const std::string& path, const std::string& body = {},
                  const std::string& content_type = "application/json");

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace navarch::bench
