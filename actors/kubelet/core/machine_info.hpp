// What a node reports about the machine it runs on: read from the kernel once at start.
#pragma once

#include <cstdint>
#include <string>

namespace navarch::kubelet {

struct machine_info {
  int64_t cpu_millis = 0;      // logical CPUs × 1000
  int64_t memory_bytes = 0;    // MemTotal
  std::string hostname;
  std::string kernel_version;  // uname -r
  std::string os_image;        // PRETTY_NAME of /etc/os-release
  std::string architecture;    // "amd64", "arm64", ...
  std::string machine_id;
  std::string boot_id;
};

machine_info read_machine_info();

}  // namespace navarch::kubelet
