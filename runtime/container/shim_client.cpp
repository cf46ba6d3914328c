#include "runtime/container/shim_client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <boost/json/serialize.hpp>

#include "runtime/container/process.hpp"
#include "runtime/container/state_files.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;

fs::path prepare_state_dir(const fs::path& root, const container_spec& spec) {
  if (!valid_container_id(spec.id)) throw runtime_error("invalid container id '" + spec.id + "'");
  if (spec.command.empty()) throw runtime_error("container " + spec.id + ": empty command");
  fs::create_directories(root);
  auto dir = root / spec.id;
  if (::mkdir(dir.c_str(), 0700) != 0) {
    if (errno == EEXIST) throw runtime_error("container " + spec.id + " already exists");
    throw runtime_error("mkdir " + dir.string() + ": " + std::strerror(errno));
  }
  write_file_atomic(spec_file(dir), boost::json::serialize(spec_to_json(spec)));
  return dir;
}

container_status launch_shim(const std::vector<std::string>& argv, const fs::path& dir,
                             std::chrono::milliseconds timeout) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) < 0) throw runtime_error(std::string("pipe: ") + std::strerror(errno));
  int log = ::open((dir / "shim.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  pid_t pid = -1;
  try {
    pid = spawn_process(argv, {.in = -1, .out = -1, .err = log, .fd3 = p[1]});
  } catch (...) {
    for (int fd : {p[0], p[1], log})
      if (fd >= 0) ::close(fd);
    throw;
  }
  ::close(p[1]);
  if (log >= 0) ::close(log);
  wait_process(pid);  // the shim forks away at once; this reaps its first half
  // The report is one line: "ok <pid>" or "err <reason>".
  std::string report;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[1024];
  while (report.find('\n') == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd pfd{p[0], POLLIN, 0};
    int n = left.count() > 0 ? ::poll(&pfd, 1, static_cast<int>(left.count())) : 0;
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(p[0]);
      throw runtime_error("navarch-shim did not report within " + std::to_string(timeout.count()) + " ms");
    }
    ssize_t got = ::read(p[0], buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    report.append(buf, static_cast<size_t>(got));
  }
  ::close(p[0]);
  if (auto nl = report.find('\n'); nl != std::string::npos) report.resize(nl);
  if (report.rfind("err ", 0) == 0) throw runtime_error(report.substr(4));
  if (report.rfind("ok ", 0) != 0)
    throw runtime_error("navarch-shim exited without a report (see " + (dir / "shim.log").string() + ")");
  auto st = read_container_status(dir);
  if (!st) throw runtime_error("navarch-shim reported a start but recorded no status");
  return *st;
}

std::optional<container_status> read_container_status(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(spec_file(dir), ec)) return std::nullopt;
  auto read = [&]() -> std::optional<container_status> {
    if (!fs::exists(status_file(dir), ec)) return std::nullopt;
    int shim_pid = 0;
    auto st = status_from_json(read_json_file(status_file(dir)), &shim_pid);
    if (st.state == container_state::running && shim_pid > 0 && ::kill(shim_pid, 0) != 0 && errno == ESRCH)
      st.error = "navarch-shim exited without recording the container's exit";
    return st;
  };
  try {
    auto st = read();
    if (st && !st->error.empty() && st->state == container_state::running) {
      st = read();  // the shim may have recorded the exit just before it ended
      if (st && st->state == container_state::running) {
        st->state = container_state::exited;
        st->exit_code = 255;
        st->pid = 0;
      }
    }
    if (st) return st;
    // No status yet: the shim is still setting the container up.
    auto spec = spec_from_json(read_json_file(spec_file(dir)));
    container_status created;
    created.id = spec.id;
    created.pod_uid = spec.pod_uid;
    created.name = spec.name;
    created.attempt = spec.attempt;
    created.log_path = spec.log_path;
    return created;
  } catch (const std::exception& e) {
    container_status broken;
    broken.id = dir.filename().string();
    broken.state = container_state::exited;
    broken.exit_code = 255;
    broken.error = e.what();
    return broken;
  }
}

std::vector<container_status> list_containers(const fs::path& root) {
  std::vector<container_status> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (!entry.is_directory(ec)) continue;
    if (auto st = read_container_status(entry.path())) out.push_back(std::move(*st));
  }
  return out;
}

bool kill_until_exited(const fs::path& dir, const std::function<void(const container_status&)>& kill,
                       std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto next_kill = std::chrono::steady_clock::now();
  for (;;) {
    auto st = read_container_status(dir);
    if (!st || st->state == container_state::exited) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    if (now >= next_kill) {
      kill(*st);
      next_kill = now + std::chrono::milliseconds(100);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::vector<std::string> mounts_under(const fs::path& dir) {
  std::vector<std::string> out;
  auto prefix = fs::weakly_canonical(dir).string();
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    // fields: id parent major:minor root mount-point ...
    std::istringstream fields(line);
    std::string id, parent, dev, root, mount_point;
    fields >> id >> parent >> dev >> root >> mount_point;
    if (mount_point == prefix || mount_point.rfind(prefix + "/", 0) == 0) out.push_back(mount_point);
  }
  return out;
}

namespace {

// Overlay leaves directories without any permission in its work dir (work/work): root removes them regardless,
// an unprivileged owner must first give itself the right to look inside.
void make_removable(const fs::path& dir) {
  ::chmod(dir.c_str(), 0700);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_directory(ec) && !e.is_symlink(ec)) make_removable(e.path());
}

}  // namespace

void delete_state_dir(const fs::path& dir) {
  auto mounted = mounts_under(dir);
  if (!mounted.empty())
    throw runtime_error("not removing " + dir.string() + ": " + mounted.front() + " is still mounted");
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (ec == std::errc::permission_denied && ::geteuid() != 0) {
    make_removable(dir);
    ec.clear();
    fs::remove_all(dir, ec);
  }
  if (ec) throw runtime_error("remove " + dir.string() + ": " + ec.message());
}

}  // namespace navarch::runtime
