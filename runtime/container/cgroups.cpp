#include "runtime/container/cgroups.hpp"

#include <linux/magic.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace navarch::runtime {
namespace fs = std::filesystem;

namespace {

const fs::path cgroup_root = "/sys/fs/cgroup";

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const fs::path& p, const std::string& value) {
  std::ofstream out(p);
  out << value;
  out.flush();
  if (!out) throw runtime_error("cgroup: cannot write '" + value + "' to " + p.string());
}

// A counter line "key N" of a flat-keyed cgroup file (memory.oom_control, memory.events).
int64_t keyed_value(const std::string& text, std::string_view key) {
  std::istringstream in(text);
  std::string k;
  int64_t v = 0;
  while (in >> k >> v)
    if (k == key) return v;
  return 0;
}

}  // namespace

cgroup_mode detect_cgroup_mode() {
  struct statfs st {};
  if (::statfs(cgroup_root.c_str(), &st) == 0 && st.f_type == CGROUP2_SUPER_MAGIC) return cgroup_mode::v2;
  return cgroup_mode::v1;
}

std::string cgroup_path_of(std::string_view text, std::string_view controller) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    auto line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    auto c1 = line.find(':');
    if (c1 == std::string_view::npos) continue;
    auto c2 = line.find(':', c1 + 1);
    if (c2 == std::string_view::npos) continue;
    auto ctrls = line.substr(c1 + 1, c2 - c1 - 1);
    auto path = line.substr(c2 + 1);
    if (controller.empty()) {
      if (line.substr(0, c1) == "0" && ctrls.empty()) return std::string(path);
      continue;
    }
    while (!ctrls.empty()) {
      auto comma = ctrls.find(',');
      if (ctrls.substr(0, comma) == controller) return std::string(path);
      ctrls = comma == std::string_view::npos ? std::string_view() : ctrls.substr(comma + 1);
    }
  }
  return {};
}

container_cgroups cgroups_for(const std::string& relative) {
  container_cgroups cg;
  cg.mode = detect_cgroup_mode();
  auto self = read_text("/proc/self/cgroup");
  auto under = [&](const fs::path& mount, std::string_view controller) {
    auto own = cgroup_path_of(self, controller);
    if (own.empty()) throw runtime_error("cgroup: this process is in no '" + std::string(controller) + "' cgroup");
    return (mount / fs::path(own).relative_path() / relative).lexically_normal();
  };
  if (cg.mode == cgroup_mode::v2) {
    cg.dirs.push_back(under(cgroup_root, ""));
    cg.v2_own_dir = (cgroup_root / fs::path(cgroup_path_of(self, "")).relative_path()).lexically_normal();
    cg.memory_dir = cg.dirs.front();
  } else {
    for (const char* c : {"memory", "cpu", "pids"}) cg.dirs.push_back(under(cgroup_root / c, c));
    cg.memory_dir = cg.dirs.front();
  }
  return cg;
}

void create_cgroups(const container_cgroups& cg, const resource_limits& l) {
  if (cg.dirs.empty())
    return;  // no cgroups of its own (a container run without root): nothing to create or limit
  for (const auto& d : cg.dirs) {
    std::error_code ec;
    fs::create_directories(d, ec);
    if (ec) throw runtime_error("cgroup: mkdir " + d.string() + ": " + ec.message());
  }
  if (cg.mode == cgroup_mode::v2) {
    // Controllers must be enabled in the caller's own cgroup and every level down to the container's parent.
    // The kernel refuses this where a cgroup holds processes itself (other than the root); the limit writes
    // below then fail with a clear message.
    auto level = cg.v2_own_dir;
    for (const auto& part : cg.dirs.front().lexically_relative(cg.v2_own_dir)) {
      for (const char* c : {"+memory", "+cpu", "+pids"}) {
        std::ofstream out(level / "cgroup.subtree_control");
        out << c;
      }
      level /= part;
    }
    const auto& d = cg.dirs.front();
    if (l.memory_bytes > 0) {
      write_text(d / "memory.max", std::to_string(l.memory_bytes));
      if (fs::exists(d / "memory.swap.max")) write_text(d / "memory.swap.max", "0");
    }
    if (l.cpu_quota_us > 0)
      write_text(d / "cpu.max", std::to_string(l.cpu_quota_us) + " " + std::to_string(l.cpu_period_us));
    if (l.cpu_shares > 0)  // the conversion runc and the kubelet use for shares → weight
      write_text(d / "cpu.weight", std::to_string(1 + ((std::max<int64_t>(l.cpu_shares, 2) - 2) * 9999) / 262142));
    if (l.pids_max > 0) write_text(d / "pids.max", std::to_string(l.pids_max));
    return;
  }
  const auto& mem = cg.dirs[0];
  const auto& cpu = cg.dirs[1];
  const auto& pids = cg.dirs[2];
  if (l.memory_bytes > 0) {
    write_text(mem / "memory.limit_in_bytes", std::to_string(l.memory_bytes));
    // No swap beyond the limit; the file is absent when swap accounting is off.
    if (fs::exists(mem / "memory.memsw.limit_in_bytes"))
      write_text(mem / "memory.memsw.limit_in_bytes", std::to_string(l.memory_bytes));
  }
  if (l.cpu_shares > 0) write_text(cpu / "cpu.shares", std::to_string(l.cpu_shares));
  if (l.cpu_quota_us > 0) {
    write_text(cpu / "cpu.cfs_period_us", std::to_string(l.cpu_period_us));
    write_text(cpu / "cpu.cfs_quota_us", std::to_string(l.cpu_quota_us));
  }
  if (l.pids_max > 0) write_text(pids / "pids.max", std::to_string(l.pids_max));
}

void add_to_cgroups(const container_cgroups& cg, pid_t pid) {
  for (const auto& d : cg.dirs) write_text(d / "cgroup.procs", std::to_string(pid));
}

bool cgroup_oom_killed(const container_cgroups& cg) {
  if (cg.dirs.empty())
    return false;
  if (cg.mode == cgroup_mode::v2) return keyed_value(read_text(cg.memory_dir / "memory.events"), "oom_kill") > 0;
  return keyed_value(read_text(cg.memory_dir / "memory.oom_control"), "oom_kill") > 0;
}

bool remove_cgroups(const container_cgroups& cg) {
  bool all_gone = true;
  for (const auto& d : cg.dirs) {
    if (!fs::exists(d)) continue;
    // Processes of a dying pid namespace may still be exiting: kill stragglers and retry for up to ~2 s.
    bool removed = false;
    for (int i = 0; i < 200 && !removed; ++i) {
      if (::rmdir(d.c_str()) == 0 || errno == ENOENT) {
        removed = true;
        break;
      }
      std::istringstream procs(read_text(d / "cgroup.procs"));
      for (pid_t p; procs >> p;) ::kill(p, SIGKILL);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    all_gone = all_gone && removed;
  }
  return all_gone;
}

bool any_cgroup_exists(const container_cgroups& cg) {
  for (const auto& d : cg.dirs)
    if (fs::exists(d)) return true;
  return false;
}

}  // namespace navarch::runtime
