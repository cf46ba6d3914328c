#pragma once
// OCI image-spec documents (and their Docker schema 2 equivalents), parsed from and written to JSON.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace navarch::images {

namespace media_type {
inline constexpr std::string_view oci_index = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view oci_manifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view oci_config = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view oci_layer_tar = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view oci_layer_gzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view docker_list = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view docker_manifest = "application/vnd.docker.distribution.manifest.v2+json";
}  // namespace media_type

// Annotation keys naming an image inside an index.json.
inline constexpr std::string_view annotation_ref_name = "org.opencontainers.image.ref.name";  // a tag or a full ref
inline constexpr std::string_view annotation_containerd_name = "io.containerd.image.name";     // a full ref

bool is_index_media_type(std::string_view mt);
bool is_manifest_media_type(std::string_view mt);
// Layers the store can unpack: tar, optionally gzip or zstd compressed (OCI and Docker names).
bool is_layer_media_type(std::string_view mt);

struct descriptor {
  std::string media_type;
  std::string digest;
  std::int64_t size = 0;
  std::string platform_os, platform_architecture, platform_variant;  // empty when absent
  std::map<std::string, std::string> annotations;
};

struct image_index {
  std::vector<descriptor> manifests;
};

struct image_manifest {
  descriptor config;
  std::vector<descriptor> layers;  // bottom layer first
};

// The parts of the image config a container needs (the runtime part of config.json's "config").
struct image_config {
  std::string os, architecture;
  std::vector<std::string> entrypoint, cmd;
  std::vector<std::string> env;  // "KEY=VALUE"
  std::string working_dir, user;
  std::vector<std::string> diff_ids;
};

// Each throws image_error(bad_layout) naming `what` (a file or digest) when the JSON is malformed or
// required fields are missing.
image_index parse_index(std::string_view json, std::string_view what);
image_manifest parse_manifest(std::string_view json, std::string_view what);
image_config parse_config(std::string_view json, std::string_view what);

std::string to_json(const image_index& index);
std::string to_json(const image_manifest& manifest);  // OCI manifest media type, schemaVersion 2
std::string to_json(const image_config& config);

// The GOARCH name of the machine we run on ("amd64", "arm64", ...).
std::string host_architecture();

}  // namespace navarch::images
