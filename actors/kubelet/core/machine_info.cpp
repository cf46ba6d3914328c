#include "actors/kubelet/core/machine_info.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace navarch::kubelet {

namespace {

std::string first_line(const char* path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

int64_t mem_total_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  int64_t kib = 0;
  while (in >> key) {
    if (key == "MemTotal:" && in >> kib) return kib * 1024;
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

std::string os_pretty_name() {
  std::ifstream in("/etc/os-release");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("PRETTY_NAME=", 0) == 0) {
      std::string v = line.substr(12);
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return v;
    }
  return "Linux";
}

// Go's GOARCH names, as Kubernetes reports them.
std::string go_arch(const std::string& machine) {
  if (machine == "x86_64") return "amd64";
  if (machine == "aarch64") return "arm64";
  if (machine == "i686" || machine == "i386") return "386";
  return machine;
}

}  // namespace

machine_info read_machine_info() {
  machine_info m;
  m.cpu_millis = static_cast<int64_t>(sysconf(_SC_NPROCESSORS_ONLN)) * 1000;
  m.memory_bytes = mem_total_bytes();
  utsname u{};
  if (uname(&u) == 0) {
    m.hostname = u.nodename;
    m.kernel_version = u.release;
    m.architecture = go_arch(u.machine);
  }
  m.os_image = os_pretty_name();
  m.machine_id = first_line("/etc/machine-id");
  m.boot_id = first_line("/proc/sys/kernel/random/boot_id");
  return m;
}

}  // namespace navarch::kubelet
