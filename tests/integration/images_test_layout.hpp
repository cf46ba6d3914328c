#pragma once
// Hand-made OCI layouts for the image store tests, including layers no honest tool would write.
#include <filesystem>
#include <string>
#include <vector>

namespace navarch::images::test {

struct tar_item {
  enum kind { file, dir, symlink, hardlink } type = file;
  std::string path;
  std::string data;  // file content, or the symlink / hard link target
};

// An uncompressed tar with exactly these entries, names unchanged.
std::string make_tar(const std::vector<tar_item>& items);

// Writes an OCI layout with one image whose layers (bottom first) are these uncompressed tars.
// `ref_name` goes into org.opencontainers.image.ref.name (omitted when empty). Returns the manifest digest.
std::string write_layout(const std::filesystem::path& dir, const std::vector<std::string>& layer_tars,
                         const std::string& ref_name);

// A fresh directory under /tmp, removed with everything in it at scope end.
struct temp_dir {
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  std::filesystem::path path;
};

}  // namespace navarch::images::test
