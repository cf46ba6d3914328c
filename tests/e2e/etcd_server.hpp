// A throwaway etcd (Debian's etcd-server, 3.4) for the tests that run Navarch on a real etcd: one member on
// loopback, with free ports and its data in a private temporary directory, killed and removed at the end.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/e2e/child_process.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::e2e {

class etcd_server {
public:
  // Starts `etcd` (from PATH) and waits up to `timeout` until it serves clients. Throws std::runtime_error
  // (with etcd's log) otherwise.
  explicit etcd_server(std::chrono::milliseconds timeout = std::chrono::seconds(20));

  // http://127.0.0.1:PORT
  const std::string& endpoint() const { return endpoint_; }
  std::string log() const { return process_ ? process_->err() : std::string(); }

  // kill -9, as a crash would.
  void kill();
  // Starts it again on the same ports and data (after kill()), and waits as the constructor does.
  void start(std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
  scratch_dir dir_{"navarch-etcd-"};
  std::string endpoint_;
  std::vector<std::string> argv_;
  int starts_ = 0;
  std::unique_ptr<child_process> process_;
};

// The extra `navarch up` flags of the datastore under test, chosen by the environment variable
// NAVARCH_E2E_DATASTORE: unset or "builtin" → none; "etcd" → --datastore-endpoint of an etcd of its own for
// `data_dir`, started on first use and kept for the rest of the test process (so a restarted server finds its
// objects). Throws std::runtime_error for another value or when etcd does not start.
std::vector<std::string> datastore_flags(const std::filesystem::path& data_dir);

}  // namespace navarch::e2e
