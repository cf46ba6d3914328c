#include "tests/e2e/kubectl_runner.hpp"

#include <atomic>

namespace navarch::e2e {

std::ostream& operator<<(std::ostream& os, const run_result& r) {
  os << "$ " << r.command << "\nexit code: " << r.exit_code << (r.timed_out ? " (timed out, killed)" : "")
     << "\n--- stdout ---\n" << r.out << "\n--- stderr ---\n" << r.err << "\n";
  return os;
}

kubectl_runner::kubectl_runner(kubectl_client client, std::filesystem::path kubeconfig,
                               std::filesystem::path work_dir, std::vector<std::string> env,
                               std::vector<std::string> command_prefix)
    : client_(std::move(client)), kubeconfig_(std::move(kubeconfig)), work_dir_(std::move(work_dir)),
      env_(std::move(env)), command_prefix_(std::move(command_prefix)) {
  std::filesystem::create_directories(work_dir_ / "logs");
}

std::vector<std::string> kubectl_runner::command_line(const std::vector<std::string>& args) const {
  // A cache per client: discovery is cached per server address, and a stale cache would hide server changes.
  std::vector<std::string> argv = command_prefix_;
  argv.insert(argv.end(), {client_.path, "--kubeconfig", kubeconfig_.string(), "--cache-dir",
                           (work_dir_ / ("cache-" + client_.name)).string()});
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::filesystem::path kubectl_runner::next_log_stem() const {
  static std::atomic<int> counter{0};
  return work_dir_ / "logs" / ("kubectl-" + std::to_string(++counter));
}

run_result kubectl_runner::run(const std::vector<std::string>& args, std::chrono::milliseconds timeout) const {
  run_result result;
  result.command = "kubectl(" + client_.name + ")";
  for (const auto& a : args)
    result.command += " " + a;
  child_process process(command_line(args), env_, next_log_stem());
  auto code = process.wait_for(timeout);
  result.timed_out = !code;
  result.exit_code = code ? *code : process.kill_group();
  result.out = process.out();
  result.err = process.err();
  return result;
}

std::unique_ptr<child_process> kubectl_runner::start(const std::vector<std::string>& args) const {
  return std::make_unique<child_process>(command_line(args), env_, next_log_stem());
}

}  // namespace navarch::e2e
