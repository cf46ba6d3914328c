#pragma once
// The one error type of the image store. `kind` lets the kubelet map failures to pod reasons
// (not_found -> ErrImagePull / ImagePullBackOff; the others -> the container's waiting message).
#include <stdexcept>
#include <string>

namespace navarch::images {

enum class image_errc {
  invalid_reference,  // "Busybox", "a:b:c", bad digest syntax
  not_found,          // no such image in the local store (there are no registry pulls)
  corrupt_blob,       // size or sha256 differs from the descriptor
  bad_layout,         // not an OCI layout, malformed index/manifest/config JSON, unsupported media type
  unsafe_layer,       // a tar entry would escape its directory (../, absolute path, through a symlink)
  io,                 // the file system said no
};

class image_error : public std::runtime_error {
public:
  image_error(image_errc kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  image_errc kind() const noexcept { return kind_; }

private:
  image_errc kind_;
};

}  // namespace navarch::images
