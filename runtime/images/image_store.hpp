#pragma once
// The node's local image store. It is itself an OCI image layout under `root`:
//   oci-layout, index.json (one manifest descriptor per image name, annotated with io.containerd.image.name),
//   blobs/sha256/<hex>   every blob, verified against its digest before it lands here,
//   layers/<hex>/        each layer unpacked once for overlayfs (hex of the layer blob's digest),
//   flat/<hex>/          a whole image flattened into one tree when overlay layers cannot be made (no root),
//   tmp/                 staging; anything here is leftover from a crash and is removed on open.
// Safe to share between threads (one mutex) and between processes (every publish is an atomic rename).
// There are no registry pulls: images come from import_layout() and build_busybox_image().
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/images/oci_types.hpp"

namespace navarch::images {

struct image_info {
  std::string reference;        // normalised, e.g. docker.io/library/busybox:latest
  std::string manifest_digest;  // the image ID Kubernetes shows as imageID
  image_manifest manifest;
  image_config config;
};

struct rootfs_layers_result {
  // overlayfs lowerdirs, top layer first ("lowerdir=" + join(dirs, ':')).
  std::vector<std::filesystem::path> lower_dirs;
  // True when the image was flattened into one directory because whiteouts (mknod 0/0, trusted.* xattrs)
  // cannot be created here; `note` then says why, for the node's log.
  bool flattened = false;
  std::string note;
};

struct image_store_options {
  // Flatten even where overlay layers could be made (tests of the unprivileged path).
  bool force_flatten = false;
};

class image_store {
public:
  explicit image_store(std::filesystem::path root, image_store_options options = {});

  const std::filesystem::path& root() const { return root_; }

  // Imports an OCI layout directory or a tar archive of one (.tar, .tar.gz). Each index.json entry is named by
  // its io.containerd.image.name annotation, or by org.opencontainers.image.ref.name when that is a full
  // reference; a bare tag there ("1.36") is joined to `name` ("busybox" -> docker.io/library/busybox:1.36), and
  // an entry with no name annotation takes `name` itself. Multi-platform indexes resolve to linux/<this arch>.
  // All blobs are verified first; on any error nothing is added. Returns the normalised references imported.
  std::vector<std::string> import_layout(const std::filesystem::path& path, std::string_view name = {});

  // Points `ref` at a manifest already in the store.
  void tag(std::string_view ref, std::string_view manifest_digest);
  // Removes the name (blobs stay; there is no garbage collection yet). False if it was not there.
  bool untag(std::string_view ref);

  // For imagePullPolicy: is this reference available locally? (Invalid references are simply absent.)
  bool has_image(std::string_view ref) const;
  // The manifest digest of `ref` ("name@sha256:..." resolves to the digest if that manifest is stored).
  // Throws image_error(not_found) with a message fit for ErrImagePull, or image_error(invalid_reference).
  std::string resolve(std::string_view ref) const;
  image_info inspect(std::string_view ref) const;
  // Every stored name with its manifest digest, sorted by name.
  std::vector<std::pair<std::string, std::string>> list() const;

  // The unpacked layers of `ref`, unpacking (and verifying) each layer the first time it is needed.
  rootfs_layers_result rootfs_layers(std::string_view ref);

  std::filesystem::path blob_path(std::string_view digest) const;
  bool has_blob(std::string_view digest) const;

private:
  std::string resolve_locked(std::string_view ref) const;
  std::string read_blob(std::string_view digest) const;
  image_info inspect_locked(std::string_view ref) const;
  image_index read_index() const;
  void write_index(const image_index& index) const;
  std::filesystem::path make_temp_dir(std::string_view prefix) const;
  bool overlay_capable();
  std::filesystem::path unpack_one(const descriptor& layer);
  std::filesystem::path flatten(const image_info& image);

  std::filesystem::path root_;
  image_store_options options_;
  std::optional<bool> overlay_capable_;
  std::string overlay_note_;
  mutable std::mutex mu_;
};

// The message the kubelet shows for a missing image (ErrImagePull, then ImagePullBackOff).
std::string missing_image_message(std::string_view ref);

}  // namespace navarch::images
