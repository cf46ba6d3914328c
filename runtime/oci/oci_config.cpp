#include "runtime/oci/oci_config.hpp"

#include <boost/json.hpp>

namespace navarch::runtime {
namespace json = boost::json;

namespace {

json::array strings(std::initializer_list<const char*> l) {
  json::array a;
  for (const char* s : l) a.emplace_back(s);
  return a;
}

json::object mount(const char* dest, const char* type, const char* source, std::initializer_list<const char*> opts) {
  return {{"destination", dest}, {"type", type}, {"source", source}, {"options", strings(opts)}};
}

}  // namespace

json::value oci_config(const container_spec& s, const std::string& rootfs_path, const std::string& cgroups_path) {
  json::array args, env;
  for (const auto& a : s.command) args.emplace_back(a);
  bool has_path = false;
  for (const auto& e : s.env) {
    env.emplace_back(e);
    has_path = has_path || e.rfind("PATH=", 0) == 0;
  }
  if (!has_path) env.emplace_back("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  auto caps = strings({"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
                       "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
                       "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"});

  json::array mounts{
      mount("/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}),
      mount("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}),
      mount("/dev/pts", "devpts", "devpts", {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"}),
      mount("/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}),
      mount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}),
      mount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"})};
  for (const auto& m : s.mounts) {
    json::array opts;
    if (m.type == mount_spec::kind::bind) {
      opts = {"rbind", m.read_only ? "ro" : "rw"};
      mounts.emplace_back(json::object{
          {"destination", m.destination}, {"type", "bind"}, {"source", m.source}, {"options", std::move(opts)}});
    } else {
      opts = {"nosuid", "nodev"};
      // tmpfs options are comma-separated in the spec, one per entry in OCI.
      std::string_view rest = m.tmpfs_options;
      while (!rest.empty()) {
        auto c = rest.find(',');
        if (c != 0) opts.emplace_back(rest.substr(0, c));
        rest = c == std::string_view::npos ? std::string_view() : rest.substr(c + 1);
      }
      mounts.emplace_back(json::object{
          {"destination", m.destination}, {"type", "tmpfs"}, {"source", "tmpfs"}, {"options", std::move(opts)}});
    }
  }

  json::array namespaces{json::object{{"type", "mount"}}};
  if (s.own_pid_ns) namespaces.emplace_back(json::object{{"type", "pid"}});
  if (s.own_uts_ns) namespaces.emplace_back(json::object{{"type", "uts"}});
  if (s.own_ipc_ns) namespaces.emplace_back(json::object{{"type", "ipc"}});
  if (!s.netns_path.empty()) namespaces.emplace_back(json::object{{"type", "network"}, {"path", s.netns_path}});

  json::object resources{{"devices", json::array{json::object{{"allow", false}, {"access", "rwm"}}}}};
  if (s.limits.memory_bytes > 0)
    resources["memory"] = json::object{{"limit", s.limits.memory_bytes}, {"swap", s.limits.memory_bytes}};
  json::object cpu;
  if (s.limits.cpu_shares > 0) cpu["shares"] = s.limits.cpu_shares;
  if (s.limits.cpu_quota_us > 0) {
    cpu["quota"] = s.limits.cpu_quota_us;
    cpu["period"] = s.limits.cpu_period_us;
  }
  if (!cpu.empty()) resources["cpu"] = std::move(cpu);
  if (s.limits.pids_max > 0) resources["pids"] = json::object{{"limit", s.limits.pids_max}};

  json::object process{{"terminal", false},
                       {"user", json::object{{"uid", 0}, {"gid", 0}}},
                       {"args", std::move(args)},
                       {"env", std::move(env)},
                       {"cwd", s.working_dir.empty() ? "/" : s.working_dir},
                       {"capabilities", json::object{{"bounding", caps}, {"effective", caps}, {"permitted", caps}}},
                       {"noNewPrivileges", false}};
  json::object linux_{{"namespaces", std::move(namespaces)},
                      {"resources", std::move(resources)},
                      {"cgroupsPath", cgroups_path},
                      {"maskedPaths", strings({"/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                                               "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
                                               "/sys/firmware", "/proc/scsi"})},
                      {"readonlyPaths", strings({"/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq",
                                                 "/proc/sys", "/proc/sysrq-trigger"})}};
  json::object config{{"ociVersion", "1.0.2"},
                      {"process", std::move(process)},
                      {"root", json::object{{"path", rootfs_path}, {"readonly", false}}},
                      {"mounts", std::move(mounts)},
                      {"linux", std::move(linux_)}};
  if (s.own_uts_ns) config["hostname"] = s.hostname.empty() ? s.id.substr(0, 63) : s.hostname;
  return config;
}

}  // namespace navarch::runtime
