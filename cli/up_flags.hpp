// Flags of `navarch up`, parsed without side effects so that every bad input is a one-line error.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace navarch::cli {

struct up_flags {
  std::string data_dir;  // "" = $HOME/.navarch
  uint16_t api_port = 6443;
  std::string bind_address = "127.0.0.1";
  std::string datastore_endpoint;  // "" = the built-in store; else etcd client URLs, validated
  bool pod_network = true;  // --no-pod-network: pods share the node's network
  std::string container_runtime = "builtin";  // --container-runtime builtin|runc
  unsigned api_workers = 0;                   // 0 = one per core
  bool help = false;
};

// Returns the flags or an error message ("unknown flag --x", "invalid --api-port 'abc'", ...).
std::variant<up_flags, std::string> parse_up_flags(int argc, char** argv);

}  // namespace navarch::cli
