#include "tests/integration/images_test_layout.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>

#include <fstream>
#include <stdexcept>

#include "runtime/images/digest.hpp"
#include "runtime/images/oci_types.hpp"

namespace navarch::images::test {
namespace fs = std::filesystem;

namespace {
la_ssize_t append(archive*, void* out, const void* buf, size_t n) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

descriptor put_blob(const fs::path& dir, std::string_view media_type, const std::string& content) {
  descriptor d;
  d.media_type = std::string(media_type);
  d.digest = sha256_digest(content);
  d.size = static_cast<std::int64_t>(content.size());
  std::ofstream(dir / "blobs" / "sha256" / d.digest.substr(7), std::ios::binary) << content;
  return d;
}
}  // namespace

std::string make_tar(const std::vector<tar_item>& items) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_open(a, &out, nullptr, &append, nullptr);
  for (auto& it : items) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, it.path.c_str());
    archive_entry_set_mtime(e, 1700000000, 0);
    switch (it.type) {
      case tar_item::file:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, static_cast<la_int64_t>(it.data.size()));
        break;
      case tar_item::dir:
        archive_entry_set_filetype(e, AE_IFDIR);
        archive_entry_set_perm(e, 0755);
        break;
      case tar_item::symlink:
        archive_entry_set_filetype(e, AE_IFLNK);
        archive_entry_set_perm(e, 0777);
        archive_entry_set_symlink(e, it.data.c_str());
        break;
      case tar_item::hardlink:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_hardlink(e, it.data.c_str());
        break;
    }
    if (archive_write_header(a, e) != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a));
    if (it.type == tar_item::file && !it.data.empty()) archive_write_data(a, it.data.data(), it.data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

std::string write_layout(const fs::path& dir, const std::vector<std::string>& layer_tars, const std::string& ref_name) {
  fs::create_directories(dir / "blobs" / "sha256");
  image_config config;
  config.os = "linux";
  config.architecture = host_architecture();
  config.cmd = {"sh"};
  image_manifest m;
  for (auto& t : layer_tars) {
    m.layers.push_back(put_blob(dir, media_type::oci_layer_tar, t));
    config.diff_ids.push_back(m.layers.back().digest);
  }
  m.config = put_blob(dir, media_type::oci_config, to_json(config));
  auto top = put_blob(dir, media_type::oci_manifest, to_json(m));
  if (!ref_name.empty()) top.annotations[std::string(annotation_ref_name)] = ref_name;
  std::ofstream(dir / "oci-layout") << R"({"imageLayoutVersion":"1.0.0"})";
  std::ofstream(dir / "index.json") << to_json(image_index{{top}});
  return top.digest;
}

temp_dir::temp_dir() {
  std::string t = "/tmp/navarch-images-test-XXXXXX";
  if (!::mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed");
  path = t;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

}  // namespace navarch::images::test
