#include "actors/kubelet/actor/probe_runner.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace navarch::kubelet {

namespace {

struct socket_fd {
  int fd = -1;
  ~socket_fd() {
    if (fd >= 0) close(fd);
  }
};

// Connects within the deadline; "" on success, else the reason.
std::string connect_within(socket_fd& s, const std::string& ip, int port, int timeout_ms) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, ip.c_str(), &addr.sin_addr) != 1) return "bad address " + ip;
  s.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (s.fd < 0) return std::strerror(errno);
  std::string target = ip + ":" + std::to_string(port);
  if (connect(s.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS)
    return "dial tcp " + target + ": connect: " + std::strerror(errno);
  pollfd p{s.fd, POLLOUT, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return "dial tcp " + target + ": i/o timeout";
  int err = 0;
  socklen_t len = sizeof err;
  getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
  if (err) return "dial tcp " + target + ": connect: " + std::strerror(err);
  return {};
}

probe_outcome http_get(const probe_spec& spec, const std::string& ip, int timeout_ms) {
  socket_fd s;
  if (auto err = connect_within(s, ip, spec.port, timeout_ms); !err.empty()) return {false, true, "Get: " + err};
  std::string host = ip + ":" + std::to_string(spec.port);
  std::string req = "GET " + spec.path + " HTTP/1.1\r\nHost: " + host +
                    "\r\nUser-Agent: kube-probe/1.31\r\nAccept: */*\r\nConnection: close\r\n\r\n";
  if (send(s.fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size()))
    return {false, true, "Get http://" + host + spec.path + ": write failed"};
  std::string reply;
  char buf[512];
  while (reply.find("\r\n") == std::string::npos) {
    pollfd p{s.fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return {false, true, "Get http://" + host + spec.path + ": context deadline exceeded"};
    ssize_t n = recv(s.fd, buf, sizeof buf, 0);
    if (n <= 0) return {false, true, "Get http://" + host + spec.path + ": EOF"};
    reply.append(buf, static_cast<size_t>(n));
  }
  int code = reply.size() > 12 ? std::atoi(reply.c_str() + 9) : 0;
  if (code >= 200 && code < 400) return {true, true, {}};
  return {false, true, "HTTP probe failed with statuscode: " + std::to_string(code)};
}

}  // namespace

probe_outcome run_probe(const probe_spec& spec, const std::string& pod_ip) {
  std::string ip = spec.host.empty() ? pod_ip : spec.host;
  int timeout_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(spec.timeout).count());
  switch (spec.type) {
    case probe_spec::kind::http_get:
      if (spec.scheme != "HTTP") return {false, false, "HTTPS probes are not supported yet"};
      return http_get(spec, ip, timeout_ms);
    case probe_spec::kind::tcp_socket: {
      socket_fd s;
      auto err = connect_within(s, ip, spec.port, timeout_ms);
      return {err.empty(), true, err};
    }
    case probe_spec::kind::exec:
      return {false, false, "exec probes are not supported yet"};
    case probe_spec::kind::grpc:
      return {false, false, "gRPC probes are not supported yet"};
  }
  return {false, false, "unknown probe"};
}

}  // namespace navarch::kubelet
