// A root filesystem made of Debian's busybox-static: /bin/busybox, one symlink per applet where busybox installs
// it, /etc/passwd and /etc/group (root, nobody), and the directories containers expect (/tmp, /proc, ...).
// The image store wraps this into the offline `busybox` image.
#pragma once

#include <filesystem>

namespace navarch::runtime {

// Builds the rootfs at `dir` (through a temporary sibling directory renamed into place, so `dir` is complete or
// absent); does nothing when `dir` already holds bin/busybox. Throws runtime_error.
void build_busybox_rootfs(const std::filesystem::path& dir,
                          const std::filesystem::path& busybox = "/bin/busybox");

}  // namespace navarch::runtime
