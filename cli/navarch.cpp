// navarch: the Navarch command line. Subcommands dispatch to their own files.
#include <cstdio>
#include <cstring>

#include "cli/image.hpp"
#include "cli/node.hpp"
#include "cli/up.hpp"

namespace {

void usage(std::FILE* out) {
  std::fputs(
      "usage: navarch <command> [flags]\n"
      "\n"
      "commands:\n"
      "  up       run the all-in-one cluster (store, apiserver, scheduler, kubelet) in the foreground\n"
      "  node     run one node of a multi-process cluster from its config file (--config FILE)\n"
      "  cleanup  stop and remove every container of a data directory (--data-dir DIR)\n"
      "  image    import OCI images into the node's store, list them\n"
      "\n"
      "Run 'navarch <command> --help' for a command's flags.\n",
      out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (std::strcmp(argv[1], "up") == 0) return navarch::cli::run_up(argc - 2, argv + 2);
  if (std::strcmp(argv[1], "node") == 0) return navarch::cli::run_node(argc - 2, argv + 2);
  if (std::strcmp(argv[1], "image") == 0) return navarch::cli::run_image(argc - 2, argv + 2);
  if (std::strcmp(argv[1], "cleanup") == 0) return navarch::cli::run_cleanup(argc - 2, argv + 2);
  if (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return 0;
  }
  std::fprintf(stderr, "navarch: unknown command '%s' (see 'navarch --help')\n", argv[1]);
  return 2;
}
