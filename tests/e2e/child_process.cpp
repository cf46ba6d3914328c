#include "tests/e2e/child_process.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <thread>

extern char** environ;

namespace navarch::e2e {
namespace {

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (const auto& s : strings)
    result.push_back(const_cast<char*>(s.c_str()));
  result.push_back(nullptr);
  return result;
}

int decode_status(int status) {
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return -1;
}

constexpr auto poll_interval = std::chrono::milliseconds(10);

}  // namespace

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> isolated_environment(const std::filesystem::path& home) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (entry.starts_with("HOME=") || entry.starts_with("KUBECONFIG="))
      continue;
    env.emplace_back(entry);
  }
  env.push_back("HOME=" + home.string());
  return env;
}

child_process::child_process(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                             const std::filesystem::path& log_stem)
    : out_path_(log_stem.string() + ".out"), err_path_(log_stem.string() + ".err") {
  if (argv.empty())
    throw std::invalid_argument("child_process: empty argv");
  // Everything the child needs is prepared before fork: between fork and exec only async-signal-safe calls.
  auto args = c_strings(argv);
  auto envp = c_strings(env);
  std::string out = out_path_.string(), err = err_path_.string();
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0)
    throw std::system_error(errno, std::generic_category(), "fork");
  if (pid_ == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
      ::_exit(127);
    int in_fd = ::open("/dev/null", O_RDONLY);
    int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0)
      ::_exit(127);
    ::dup2(in_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ::execvpe(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid_, pid_);  // also from the parent, so kill_group() works even before the child ran
}

child_process::~child_process() {
  if (!exit_code_)
    kill_group();
}

std::string child_process::out() const { return read_file(out_path_); }
std::string child_process::err() const { return read_file(err_path_); }

void child_process::signal(int sig) const {
  if (!exit_code_)
    ::kill(pid_, sig);
}

std::optional<int> child_process::wait_for(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exit_code_) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_)
      exit_code_ = decode_status(status);
    else if (r < 0 && errno != EINTR)
      exit_code_ = -1;
    else if (std::chrono::steady_clock::now() >= deadline)
      break;
    else
      std::this_thread::sleep_for(poll_interval);
  }
  return exit_code_;
}

bool child_process::await(const std::filesystem::path& file, std::string_view needle,
                          std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const bool ended = wait_for(std::chrono::milliseconds(0)).has_value();
    if (read_file(file).find(needle) != std::string::npos)
      return true;
    if (ended || std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(poll_interval);
  }
}

bool child_process::await_out(std::string_view needle, std::chrono::milliseconds timeout) {
  return await(out_path_, needle, timeout);
}

bool child_process::await_err(std::string_view needle, std::chrono::milliseconds timeout) {
  return await(err_path_, needle, timeout);
}

int child_process::kill_group() {
  if (!exit_code_) {
    ::kill(-pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    exit_code_ = decode_status(status);
  }
  return *exit_code_;
}

}  // namespace navarch::e2e
