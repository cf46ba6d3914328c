#include "cli/node.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>

#include <caf/all.hpp>

#include "actors/store/replica/peer_links.hpp"
#include "actors/store/replica/store_replica.hpp"
#include "cli/stop_signals.hpp"
#include "config/node_config.hpp"
#include "runtime/bootstrap/all_in_one.hpp"

namespace navarch::cli {

namespace {

constexpr const char* node_usage =
    "usage: navarch node --config FILE\n"
    "  --config FILE  the node's YAML file: its name, data directory, listen address and roles\n"
    "                 (see config/node_config.hpp; the store role runs one Raft replica of the store)\n";

}  // namespace

int run_node(int argc, char** argv) {
  std::string file;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(node_usage, stdout);
      return 0;
    }
    if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
      file = argv[++i];
      continue;
    }
    std::fprintf(stderr, "navarch node: unexpected argument '%s' (see 'navarch node --help')\n", argv[i]);
    return 2;
  }
  if (file.empty()) {
    std::fprintf(stderr, "navarch node: --config FILE is required (see 'navarch node --help')\n");
    return 2;
  }
  auto loaded = config::load_node_config(file);
  if (auto* err = std::get_if<std::string>(&loaded)) {
    std::fprintf(stderr, "navarch node: %s\n", err->c_str());
    return 2;
  }
  const auto cfg_file = std::get<config::node_config>(loaded);
  if (cfg_file.apiserver || cfg_file.kubelet || !cfg_file.store) {
    std::fprintf(stderr, "navarch node: %s: only the store role runs in 'navarch node' so far; run the apiserver "
                         "and kubelet with 'navarch up'\n", file.c_str());
    return 2;
  }
  const auto& role = *cfg_file.store;

  const sigset_t signals = block_stop_signals();

  try {
    caf::actor_system_config cfg;
    bootstrap::configure(cfg);
    store::configure_peer_links(cfg);
    caf::actor_system sys{cfg};
    store::store_replica_options opts;
    opts.data_dir = (std::filesystem::path(cfg_file.data_dir) / "store").string();
    opts.id = static_cast<uint64_t>(role.replica_id);
    opts.peers.clear();
    std::map<uint64_t, store::peer_address> peers;
    for (std::size_t i = 0; i < role.peers.size(); ++i) {
      opts.peers.push_back(i + 1);
      peers[i + 1] = store::peer_address{role.peers[i].host, role.peers[i].port};
    }
    opts.snapshot_every = role.snapshot_every;
    opts.snapshot_keep = std::min<uint64_t>(opts.snapshot_keep, std::max<uint64_t>(1, role.snapshot_every / 2));
    auto replica = store::spawn_store_replica(sys, opts);
    uint16_t port = store::publish_replica(sys, replica, peers.at(opts.id));
    auto links = store::link_peers(sys, replica, opts.id, peers);
    std::printf("navarch node %s: store replica %llu of %zu listening on %s:%u; ready\n", cfg_file.name.c_str(),
                static_cast<unsigned long long>(opts.id), peers.size(), cfg_file.listen.host.c_str(),
                static_cast<unsigned>(port));
    std::fflush(stdout);
    std::printf("navarch node %s: %s received, stopping\n", cfg_file.name.c_str(), await_stop_signal(signals));
    std::fflush(stdout);
    caf::anon_send_exit(replica, caf::exit_reason::user_shutdown);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "navarch node: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace navarch::cli
