#pragma once
// Unpacking image layers (tar, tar+gzip, tar+zstd) with libarchive, refusing entries that would escape the
// destination: absolute paths, ".." components, hard links out of the tree, and writes through a symlink the
// same layer created.
#include <filesystem>
#include <string_view>

namespace navarch::images {

enum class unpack_mode {
  // One directory per layer for overlayfs: `.wh.NAME` becomes a 0/0 character device NAME and
  // `.wh..wh..opq` sets trusted.overlay.opaque=y on its directory (both need CAP_MKNOD / CAP_SYS_ADMIN).
  overlay,
  // Layers applied in order into one directory: whiteouts delete what lower layers wrote. Works unprivileged.
  flatten,
};

struct unpack_options {
  unpack_mode mode = unpack_mode::overlay;
  bool preserve_owner = false;  // chown entries to their tar uid/gid (needs root); device nodes are skipped without it
};

// Unpacks `blob` into the existing directory `dest` (a path free of symlinks). The blob's bytes are hashed while
// read and must match `expected_digest`. Throws image_error(unsafe_layer | corrupt_blob | io); on error `dest`
// holds a partial tree the caller must remove.
void unpack_layer(const std::filesystem::path& blob, std::string_view expected_digest, const std::filesystem::path& dest,
                  const unpack_options& options);

// Extracts a tarball of an OCI layout (directories and regular files only) into the existing directory `dest`.
void extract_layout_tarball(const std::filesystem::path& tarball, const std::filesystem::path& dest);

}  // namespace navarch::images
