#include "tests/e2e/etcd_server.hpp"

#include "tests/e2e/free_port.hpp"


#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>

namespace navarch::e2e {
namespace {

std::string loopback_url(uint16_t port) { return "http://127.0.0.1:" + std::to_string(port); }

}  // namespace

etcd_server::etcd_server(std::chrono::milliseconds timeout) {
  const std::string client = loopback_url(free_loopback_port());
  const std::string peer = loopback_url(free_loopback_port());
  const std::string metrics = loopback_url(free_loopback_port());
  endpoint_ = client;
  argv_ = {"etcd", "--logger=zap", "--log-outputs=stderr", "--name", "n", "--data-dir", (dir_.path() / "data").string(),
           "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
           "--initial-advertise-peer-urls", peer, "--initial-cluster", "n=" + peer, "--listen-metrics-urls", metrics};
  start(timeout);
}

void etcd_server::kill() {
  if (process_) process_->kill_group();
}

void etcd_server::start(std::chrono::milliseconds timeout) {
  process_.reset();
  process_ = std::make_unique<child_process>(argv_, std::vector<std::string>{"PATH=/usr/bin:/bin:/usr/sbin:/sbin"},
                                             dir_.path() / ("etcd-" + std::to_string(++starts_)));
  if (!process_->await_err("serving client traffic", timeout))
    throw std::runtime_error("etcd did not start within " + std::to_string(timeout.count()) + " ms:\n" + log());
}

std::vector<std::string> datastore_flags(const std::filesystem::path& data_dir) {
  const char* kind = std::getenv("NAVARCH_E2E_DATASTORE");
  if (!kind || std::string(kind).empty() || std::string(kind) == "builtin") return {};
  if (std::string(kind) != "etcd")
    throw std::runtime_error(std::string("NAVARCH_E2E_DATASTORE='") + kind + "': want etcd or builtin");
  // Destroyed at exit, after the tests: each etcd is killed and its directory removed then.
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::unique_ptr<etcd_server>> servers;
  std::lock_guard lock(mutex);
  auto& server = servers[std::filesystem::absolute(data_dir)];
  if (!server) server = std::make_unique<etcd_server>();
  return {"--datastore-endpoint", server->endpoint()};
}

}  // namespace navarch::e2e
