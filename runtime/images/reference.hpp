#pragma once
// Image references normalised as containerd and Kubernetes do: `busybox` is `docker.io/library/busybox:latest`.
#include <string>
#include <string_view>

namespace navarch::images {

struct image_reference {
  std::string domain;      // "docker.io", "registry.k8s.io", "localhost:5000"
  std::string repository;  // "library/busybox"
  std::string tag;         // "latest" unless a digest was given alone
  std::string digest;      // "sha256:<64 hex>" or empty

  // The full normalised form: domain/repository[:tag][@digest].
  std::string str() const;
  // domain/repository, without tag or digest.
  std::string name() const;
};

// Throws image_error(invalid_reference) with the reason.
image_reference parse_reference(std::string_view ref);
// parse_reference(ref).str()
std::string normalize_reference(std::string_view ref);

}  // namespace navarch::images
