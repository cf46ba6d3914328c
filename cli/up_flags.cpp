#include "cli/up_flags.hpp"

#include <charconv>
#include <string_view>

#include "actors/store/etcd/endpoints.hpp"

namespace navarch::cli {

std::variant<up_flags, std::string> parse_up_flags(int argc, char** argv) {
  up_flags f;
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view value;
    bool inline_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inline_value = true;
    }
    auto take = [&]() -> bool {
      if (inline_value) return true;
      if (i + 1 >= argc) return false;
      value = argv[++i];
      return true;
    };
    if (arg == "-h" || arg == "--help") {
      f.help = true;
    } else if (arg == "--data-dir") {
      if (!take() || value.empty()) return std::string("flag --data-dir needs a directory");
      f.data_dir = value;
    } else if (arg == "--api-port") {
      if (!take()) return std::string("flag --api-port needs a port number");
      unsigned port = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
      if (ec != std::errc{} || p != value.data() + value.size() || port > 65535)
        return "invalid --api-port '" + std::string(value) + "': want a number from 0 to 65535";
      f.api_port = static_cast<uint16_t>(port);
    } else if (arg == "--api-workers") {
      if (!take()) return std::string("flag --api-workers needs a number");
      unsigned n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc{} || p != value.data() + value.size() || n < 1 || n > 1024)
        return "invalid --api-workers '" + std::string(value) + "': want a number from 1 to 1024";
      f.api_workers = n;
    } else if (arg == "--bind-address") {
      if (!take() || value.empty()) return std::string("flag --bind-address needs an address");
      f.bind_address = value;
    } else if (arg == "--container-runtime") {
      if (!take() || (value != "builtin" && value != "runc"))
        return std::string("flag --container-runtime takes builtin or runc");
      f.container_runtime = value;
    } else if (arg == "--no-pod-network" && !inline_value) {
      f.pod_network = false;
    } else if (arg == "--datastore-endpoint") {
      if (!take() || value.empty()) return std::string("flag --datastore-endpoint needs http://HOST:PORT[,...]");
      auto parsed = etcd::parse_endpoints(value);
      if (auto* err = std::get_if<std::string>(&parsed)) return "--datastore-endpoint: " + *err;
      f.datastore_endpoint = value;
    } else {
      return "unknown flag '" + std::string(argv[i]) + "'";
    }
  }
  return f;
}

}  // namespace navarch::cli
