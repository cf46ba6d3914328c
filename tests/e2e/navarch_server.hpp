// `navarch up` as a child process on a given data dir and a free port, ready once it has printed its ready line.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/child_process.hpp"

namespace navarch::e2e {

// How `navarch up` runs. The defaults are what the kubectl suite needs: pods on the host's network.
struct navarch_server_options {
  // Put before every navarch command line (up and cleanup), e.g. {"nsenter", "--net=/run/netns/x", "--"}.
  std::vector<std::string> command_prefix;
  // True only inside a network namespace of the test's own: the node then makes a bridge, veths and sysctls.
  bool pod_network = false;
};

class navarch_server {
public:
  // Starts `<binary> up --data-dir <data_dir> --api-port 0` (plus datastore_flags(), etcd_server.hpp) and waits
  // up to `timeout` for a stdout line with the word "ready" and the kubeconfig path.
  // Throws std::runtime_error (with the server's output) otherwise.
  navarch_server(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                 const std::filesystem::path& log_stem, const std::vector<std::string>& env,
                 std::chrono::milliseconds timeout = std::chrono::seconds(20));
  navarch_server(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                 const std::filesystem::path& log_stem, const std::vector<std::string>& env,
                 navarch_server_options options, std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Stops the server if it still runs and removes every container it left (navarch cleanup), unless
  // keep_containers() was called because another server takes over the data dir.
  ~navarch_server();
  void keep_containers() { keep_containers_ = true; }
  navarch_server(const navarch_server&) = delete;
  navarch_server& operator=(const navarch_server&) = delete;

  std::filesystem::path kubeconfig() const { return data_dir_ / "kubeconfig"; }
  // The ready line, without its newline.
  const std::string& ready_line() const { return ready_line_; }
  // Sends `sig` and waits up to `timeout` for a clean exit; returns the exit code, or nothing when the server
  // had to be killed because it did not stop in time.
  std::optional<int> stop(int sig, std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // Server stderr (its log), for failure messages.
  std::string log() const { return process_.err(); }

private:
  std::filesystem::path binary_;
  navarch_server_options options_;
  bool keep_containers_ = false;
  std::filesystem::path data_dir_;
  child_process process_;
  std::string ready_line_;
};

}  // namespace navarch::e2e
