// A private temporary directory that is removed, with everything in it, when the owner goes away; and a
// helper to write files into it.
#pragma once

#include <filesystem>
#include <string>

namespace navarch::e2e {

class scratch_dir {
public:
  // Creates <TMPDIR or /tmp>/<prefix>XXXXXX; throws std::system_error when that fails.
  explicit scratch_dir(const std::string& prefix);
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

// Writes `content` to `file`, creating its parent folders; throws std::system_error on failure.
void write_file(const std::filesystem::path& file, const std::string& content);

}  // namespace navarch::e2e
