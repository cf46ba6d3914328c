#include "cli/image.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/images/image_store.hpp"

namespace navarch::cli {

namespace {

constexpr const char* usage =
    "usage: navarch image import PATH [NAME] [--data-dir DIR]   add an OCI layout directory or tarball\n"
    "       navarch image list [--data-dir DIR]                 show the node's images\n";

}  // namespace

int run_image(int argc, char** argv) {
  std::string data_dir;
  std::vector<std::string> words;
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--data-dir" && i + 1 < argc) data_dir = argv[++i];
    else if (arg.starts_with("--data-dir=")) data_dir = arg.substr(11);
    else if (arg == "-h" || arg == "--help") return std::fputs(usage, stdout), 0;
    else if (arg.starts_with("-")) return std::fprintf(stderr, "navarch image: unknown flag '%s'\n%s", argv[i], usage), 2;
    else words.emplace_back(arg);
  }
  if (data_dir.empty()) {
    const char* home = std::getenv("HOME");
    data_dir = std::string(home ? home : ".") + "/.navarch";
  }
  try {
    images::image_store store(data_dir + "/images");
    if (words.size() >= 2 && words.size() <= 3 && words[0] == "import") {
      for (const auto& ref : store.import_layout(words[1], words.size() == 3 ? words[2] : std::string{}))
        std::printf("imported %s\n", ref.c_str());
      return 0;
    }
    if (words.size() == 1 && words[0] == "list") {
      for (const auto& [ref, digest] : store.list()) std::printf("%-60s %s\n", ref.c_str(), digest.c_str());
      return 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "navarch image: %s\n", e.what());
    return 1;
  }
  std::fputs(usage, stderr);
  return 2;
}

}  // namespace navarch::cli
