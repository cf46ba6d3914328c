// Per-container cgroups, nested under the calling process's own cgroup (a relative path, like runc's relative
// cgroupsPath): on cgroup v1 (and hybrid: v1 controllers plus a controller-less cgroup2 "unified" mount) one
// directory in each of the memory, cpu and pids hierarchies; on a pure cgroup v2 machine one directory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

enum class cgroup_mode { v1, v2 };

cgroup_mode detect_cgroup_mode();  // v2 when /sys/fs/cgroup itself is a cgroup2 mount

// The path of a process in one hierarchy, from the text of /proc/<pid>/cgroup: the v1 line whose controller list
// holds `controller`, or the v2 line ("0::/path") when controller is empty. Empty string when absent.
std::string cgroup_path_of(std::string_view proc_cgroup_text, std::string_view controller);

// A container's cgroups; with no dirs (a container run without root) every operation below does nothing.
struct container_cgroups {
  cgroup_mode mode = cgroup_mode::v1;
  std::vector<std::filesystem::path> dirs;  // v1: memory, cpu, pids; v2: the one directory
  std::filesystem::path memory_dir;         // where the OOM counter lives
  std::filesystem::path v2_own_dir;         // v2: the caller's own cgroup, where controller delegation starts
};

// The cgroup directories for `relative` (e.g. "navarch/<id>") under this process's own cgroups. Pure path logic
// over /proc/self/cgroup; nothing is created.
container_cgroups cgroups_for(const std::string& relative);

void create_cgroups(const container_cgroups& cg, const resource_limits& limits);  // throws runtime_error
void add_to_cgroups(const container_cgroups& cg, pid_t pid);                       // throws runtime_error
bool cgroup_oom_killed(const container_cgroups& cg);  // the memory cgroup's oom_kill counter is non-zero
// Kills anything left in the cgroups and removes the directories; true when all are gone.
bool remove_cgroups(const container_cgroups& cg);
bool any_cgroup_exists(const container_cgroups& cg);

}  // namespace navarch::runtime
