#include "runtime/busybox/busybox_rootfs.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "runtime/container/process.hpp"
#include "runtime/container/runtime.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p);
  out << text;
  if (!out) throw runtime_error("cannot write " + p.string());
}

}  // namespace

void build_busybox_rootfs(const fs::path& dir, const fs::path& busybox) {
  std::error_code ec;
  if (fs::exists(dir / "bin" / "busybox", ec)) return;
  if (!fs::exists(busybox, ec))
    throw runtime_error(busybox.string() + " is missing (install the busybox-static package)");
  auto applets = run_command({busybox.string(), "--list-full"});
  if (applets.status != 0) throw runtime_error(busybox.string() + " --list-full failed: " + applets.output);

  auto tmp = dir;
  tmp += ".tmp-" + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  try {
    for (const char* d : {"bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "home", "proc", "sys", "dev", "var"})
      fs::create_directories(tmp / d);
    fs::create_directories(tmp / "tmp");
    fs::permissions(tmp / "tmp", fs::perms::all | fs::perms::sticky_bit);
    fs::permissions(tmp / "root", fs::perms::owner_all);
    fs::copy_file(busybox, tmp / "bin" / "busybox");
    fs::permissions(tmp / "bin" / "busybox", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                                 fs::perms::others_read | fs::perms::others_exec);
    std::istringstream list(applets.output);
    for (std::string rel; std::getline(list, rel);) {
      if (rel.empty() || rel == "bin/busybox" || rel.find("..") != std::string::npos || rel.front() == '/') continue;
      auto link = tmp / rel;
      fs::create_directories(link.parent_path());
      if (!fs::exists(fs::symlink_status(link))) fs::create_symlink("/bin/busybox", link);
    }
    write_text(tmp / "etc" / "passwd",
               "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
    write_text(tmp / "etc" / "group", "root:x:0:\nnogroup:x:65534:\n");
    fs::rename(tmp, dir);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(tmp, ec);
    if (fs::exists(dir / "bin" / "busybox", ec)) return;  // another builder won the rename
    throw runtime_error(std::string("building the busybox rootfs: ") + e.what());
  }
}

}  // namespace navarch::runtime
