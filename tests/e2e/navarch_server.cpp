#include "tests/e2e/navarch_server.hpp"

#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "tests/e2e/etcd_server.hpp"

namespace navarch::e2e {
namespace {

// The first newline-terminated line of `text` containing `word`, without the newline; empty if none yet.
std::string complete_line_with(const std::string& text, std::string_view word) {
  std::size_t begin = 0;
  for (std::size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
    std::string_view line(text.data() + begin, end - begin);
    if (line.find(word) != std::string_view::npos)
      return std::string(line);
  }
  return {};
}

std::vector<std::string> up_command(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                                    const navarch_server_options& options) {
  std::vector<std::string> argv = options.command_prefix;
  argv.insert(argv.end(), {binary.string(), "up", "--data-dir", data_dir.string(), "--api-port", "0"});
  // Pods share the host's network: tests create no bridge or address outside network namespaces of their own.
  if (!options.pod_network)
    argv.push_back("--no-pod-network");
  for (auto& flag : datastore_flags(data_dir))
    argv.push_back(std::move(flag));
  return argv;
}

}  // namespace

navarch_server::navarch_server(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                               const std::filesystem::path& log_stem, const std::vector<std::string>& env,
                               std::chrono::milliseconds timeout)
    : navarch_server(binary, data_dir, log_stem, env, navarch_server_options{}, timeout) {}

navarch_server::navarch_server(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                               const std::filesystem::path& log_stem, const std::vector<std::string>& env,
                               navarch_server_options options, std::chrono::milliseconds timeout)
    : binary_(binary),
      options_(std::move(options)),
      data_dir_(data_dir),
      process_(up_command(binary, data_dir, options_), env, log_stem) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (ready_line_.empty()) {
    const bool ended = process_.wait_for(std::chrono::milliseconds(0)).has_value();
    ready_line_ = complete_line_with(process_.out(), "ready");
    if (!ready_line_.empty())
      break;
    if (ended || std::chrono::steady_clock::now() >= deadline) {
      auto code = process_.wait_for(std::chrono::milliseconds(0));
      std::ostringstream msg;
      msg << "navarch up did not print its ready line within " << timeout.count() << " ms ("
          << (code ? "exited with " + std::to_string(*code) : std::string("still running")) << ")\nstdout:\n"
          << process_.out() << "\nstderr:\n" << process_.err();
      throw std::runtime_error(msg.str());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::optional<int> navarch_server::stop(int sig, std::chrono::milliseconds timeout) {
  process_.signal(sig);
  auto code = process_.wait_for(timeout);
  if (!code)
    process_.kill_group();
  return code;
}

navarch_server::~navarch_server() {
  process_.kill_group();
  if (keep_containers_) return;
  // Containers outlive the node process by design; the test must not leave any behind.
  std::vector<std::string> argv = options_.command_prefix;
  argv.insert(argv.end(), {binary_.string(), "cleanup", "--data-dir", data_dir_.string()});
  child_process cleanup(argv, {}, data_dir_.parent_path() / "cleanup");
  cleanup.wait_for(std::chrono::seconds(30));
}

}  // namespace navarch::e2e
