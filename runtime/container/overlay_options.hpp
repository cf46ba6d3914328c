// The overlay mount of a container's root filesystem: the image layers (read-only lower dirs) under the
// container's own upper and work dirs in its state directory.
#pragma once

#include <filesystem>
#include <string>

namespace navarch::runtime {

// `rootfs` is one directory or several joined by ':' (topmost layer first, overlay's lowerdir order). Throws
// runtime_error when a path holds ',' (the option separator) or a layer is not a directory.
std::string overlay_mount_options(const std::string& rootfs, const std::filesystem::path& state_dir);

}  // namespace navarch::runtime
