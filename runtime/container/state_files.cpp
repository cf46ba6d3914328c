#include "runtime/container/state_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

namespace navarch::runtime {
namespace json = boost::json;
using clock = std::chrono::system_clock;

namespace {

int64_t to_ns(clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}
clock::time_point from_ns(int64_t ns) {
  return clock::time_point(std::chrono::duration_cast<clock::duration>(std::chrono::nanoseconds(ns)));
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// Typed field access that names the field on error instead of throwing Boost's generic message.
struct reader {
  const json::object& o;
  const char* what;
  [[noreturn]] void fail(std::string_view key) const {
    throw runtime_error(std::string(what) + ": field '" + std::string(key) + "' is missing or has the wrong type");
  }
  std::string str(std::string_view key, bool required = false) const {
    auto* v = o.if_contains(key);
    if (!v) { if (required) fail(key); return {}; }
    if (!v->is_string()) fail(key);
    return std::string(v->get_string());
  }
  int64_t num(std::string_view key, int64_t def = 0) const {
    auto* v = o.if_contains(key);
    if (!v) return def;
    if (!v->is_int64()) fail(key);
    return v->get_int64();
  }
  bool flag(std::string_view key, bool def) const {
    auto* v = o.if_contains(key);
    if (!v) return def;
    if (!v->is_bool()) fail(key);
    return v->get_bool();
  }
  std::vector<std::string> list(std::string_view key) const {
    std::vector<std::string> out;
    auto* v = o.if_contains(key);
    if (!v) return out;
    if (!v->is_array()) fail(key);
    for (const auto& e : v->get_array()) {
      if (!e.is_string()) fail(key);
      out.emplace_back(e.get_string());
    }
    return out;
  }
};

const json::object& as_object(const json::value& v, const char* what) {
  if (!v.is_object()) throw runtime_error(std::string(what) + ": not a JSON object");
  return v.get_object();
}

const char* state_name(container_state s) {
  switch (s) {
    case container_state::created: return "created";
    case container_state::running: return "running";
    case container_state::exited: return "exited";
  }
  return "created";
}

}  // namespace

json::value spec_to_json(const container_spec& s) {
  json::array mounts;
  for (const auto& m : s.mounts) {
    mounts.emplace_back(json::object{{"type", m.type == mount_spec::kind::bind ? "bind" : "tmpfs"},
                                     {"source", m.source},
                                     {"destination", m.destination},
                                     {"readOnly", m.read_only},
                                     {"options", m.tmpfs_options}});
  }
  return json::object{
      {"id", s.id}, {"podUID", s.pod_uid}, {"name", s.name}, {"attempt", s.attempt}, {"rootfs", s.rootfs},
      {"command", strings(s.command)}, {"env", strings(s.env)}, {"workingDir", s.working_dir},
      {"hostname", s.hostname}, {"mounts", std::move(mounts)},
      {"limits", json::object{{"memoryBytes", s.limits.memory_bytes}, {"cpuQuotaUs", s.limits.cpu_quota_us},
                              {"cpuPeriodUs", s.limits.cpu_period_us}, {"cpuShares", s.limits.cpu_shares},
                              {"pidsMax", s.limits.pids_max}}},
      {"ownPidNs", s.own_pid_ns}, {"ownUtsNs", s.own_uts_ns},
      {"ownIpcNs", s.own_ipc_ns}, {"netnsPath", s.netns_path}, {"logPath", s.log_path},
      {"logMaxBytes", s.log_max_bytes}, {"logKeep", s.log_keep}};
}

container_spec spec_from_json(const json::value& v) {
  reader r{as_object(v, "spec"), "spec"};
  container_spec s;
  s.id = r.str("id", true);
  s.pod_uid = r.str("podUID");
  s.name = r.str("name");
  s.attempt = static_cast<int>(r.num("attempt"));
  s.rootfs = r.str("rootfs", true);
  s.command = r.list("command");
  s.env = r.list("env");
  s.working_dir = r.str("workingDir");
  if (s.working_dir.empty()) s.working_dir = "/";
  s.hostname = r.str("hostname");
  if (auto* ms = r.o.if_contains("mounts")) {
    if (!ms->is_array()) r.fail("mounts");
    for (const auto& e : ms->get_array()) {
      reader m{as_object(e, "spec.mounts[]"), "spec.mounts[]"};
      mount_spec out;
      auto type = m.str("type", true);
      if (type == "bind") out.type = mount_spec::kind::bind;
      else if (type == "tmpfs") out.type = mount_spec::kind::tmpfs;
      else throw runtime_error("spec.mounts[]: unknown type '" + type + "'");
      out.source = m.str("source");
      out.destination = m.str("destination", true);
      out.read_only = m.flag("readOnly", false);
      out.tmpfs_options = m.str("options");
      s.mounts.push_back(std::move(out));
    }
  }
  if (auto* l = r.o.if_contains("limits")) {
    reader lr{as_object(*l, "spec.limits"), "spec.limits"};
    s.limits.memory_bytes = lr.num("memoryBytes");
    s.limits.cpu_quota_us = lr.num("cpuQuotaUs");
    s.limits.cpu_period_us = lr.num("cpuPeriodUs", 100000);
    s.limits.cpu_shares = lr.num("cpuShares");
    s.limits.pids_max = lr.num("pidsMax");
  }
  s.own_pid_ns = r.flag("ownPidNs", true);
  s.own_uts_ns = r.flag("ownUtsNs", true);
  s.own_ipc_ns = r.flag("ownIpcNs", true);
  s.netns_path = r.str("netnsPath");
  s.log_path = r.str("logPath");
  s.log_max_bytes = r.num("logMaxBytes", 10 << 20);
  s.log_keep = static_cast<int>(r.num("logKeep", 1));
  if (s.command.empty()) throw runtime_error("spec: empty command");
  if (!valid_container_id(s.id)) throw runtime_error("spec: invalid container id '" + s.id + "'");
  return s;
}

json::value status_to_json(const container_status& st, int shim_pid) {
  return json::object{{"id", st.id}, {"podUID", st.pod_uid}, {"name", st.name}, {"attempt", st.attempt},
                      {"state", state_name(st.state)}, {"pid", st.pid}, {"exitCode", st.exit_code},
                      {"signal", st.signal}, {"oomKilled", st.oom_killed}, {"error", st.error},
                      {"createdAt", to_ns(st.created_at)}, {"startedAt", to_ns(st.started_at)},
                      {"finishedAt", to_ns(st.finished_at)}, {"logPath", st.log_path}, {"shimPid", shim_pid}};
}

container_status status_from_json(const json::value& v, int* shim_pid) {
  reader r{as_object(v, "status"), "status"};
  container_status st;
  st.id = r.str("id", true);
  st.pod_uid = r.str("podUID");
  st.name = r.str("name");
  st.attempt = static_cast<int>(r.num("attempt"));
  auto state = r.str("state", true);
  if (state == "created") st.state = container_state::created;
  else if (state == "running") st.state = container_state::running;
  else if (state == "exited") st.state = container_state::exited;
  else throw runtime_error("status: unknown state '" + state + "'");
  st.pid = static_cast<int>(r.num("pid"));
  st.exit_code = static_cast<int>(r.num("exitCode"));
  st.signal = static_cast<int>(r.num("signal"));
  st.oom_killed = r.flag("oomKilled", false);
  st.error = r.str("error");
  st.created_at = from_ns(r.num("createdAt"));
  st.started_at = from_ns(r.num("startedAt"));
  st.finished_at = from_ns(r.num("finishedAt"));
  st.log_path = r.str("logPath");
  if (shim_pid) *shim_pid = static_cast<int>(r.num("shimPid"));
  return st;
}

bool valid_container_id(const std::string& id) {
  if (id.empty() || id.size() > 128 || id == "." || id == "..") return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '-';
    if (!ok) return false;
  }
  return true;
}

void write_file_atomic(const std::filesystem::path& path, const std::string& content) {
  auto tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw runtime_error("open " + tmp.string() + ": " + std::strerror(errno));
  size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      throw runtime_error("write " + tmp.string() + ": " + std::strerror(e));
    }
    off += static_cast<size_t>(n);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    throw runtime_error("rename " + tmp.string() + ": " + std::strerror(errno));
}

json::value read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw runtime_error("cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  auto v = json::parse(ss.str(), ec);
  if (ec) throw runtime_error(path.string() + ": " + ec.message());
  return v;
}

}  // namespace navarch::runtime
