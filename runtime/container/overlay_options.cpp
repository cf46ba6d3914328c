#include "runtime/container/overlay_options.hpp"

#include <string_view>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;

std::string overlay_mount_options(const std::string& rootfs, const fs::path& state_dir) {
  if (rootfs.empty()) throw runtime_error("no root filesystem given");
  auto upper = (state_dir / "upper").string(), work = (state_dir / "work").string();
  for (const auto& p : {rootfs, upper, work})
    if (p.find(',') != std::string::npos) throw runtime_error("overlay paths may not contain ',': " + p);
  if (state_dir.string().find(':') != std::string::npos)
    throw runtime_error("the state directory may not contain ':': " + state_dir.string());
  std::string_view rest = rootfs;
  while (true) {
    auto colon = rest.find(':');
    auto layer = std::string(rest.substr(0, colon));
    std::error_code ec;
    if (layer.empty() || !fs::is_directory(layer, ec))
      throw runtime_error("root filesystem layer '" + layer + "' is not a directory");
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return "lowerdir=" + rootfs + ",upperdir=" + upper + ",workdir=" + work;
}

}  // namespace navarch::runtime
