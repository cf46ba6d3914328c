#pragma once
// The image every node can run offline: Debian's busybox-static as a one-layer OCI image, built the same way each
// time (fixed times and owners, no gzip timestamp) so every node and every rebuild has the same digests.
#include <filesystem>
#include <string>

namespace navarch::images {

class image_store;

inline constexpr const char* default_busybox_binary = "/bin/busybox";
inline constexpr const char* busybox_image_name = "docker.io/library/busybox:latest";

// Writes an OCI layout of the image (named busybox_image_name) into `out_dir`, which must not exist yet or be
// empty. The layer has /bin/busybox, one symlink per applet from `busybox --list`, /etc/passwd, /etc/group, /tmp
// (1777) and the empty mount points a container needs; the config runs ["sh"].
// Throws image_error(io) when the binary is missing or cannot list its applets.
void write_busybox_layout(const std::filesystem::path& out_dir,
                          const std::filesystem::path& busybox = default_busybox_binary);

// Builds the layout in the store's staging area and imports it; returns the manifest digest.
std::string build_busybox_image(image_store& store, const std::filesystem::path& busybox = default_busybox_binary);

// What a node calls on start: builds the image only if `busybox:latest` is absent.
void ensure_busybox_image(image_store& store, const std::filesystem::path& busybox = default_busybox_binary);

}  // namespace navarch::images
