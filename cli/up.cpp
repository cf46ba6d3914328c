#include "cli/up.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include <caf/all.hpp>

#include "cli/stop_signals.hpp"
#include "cli/up_flags.hpp"
#include "runtime/bootstrap/all_in_one.hpp"
#include "runtime/bootstrap/node_runtime.hpp"

namespace fs = std::filesystem;

namespace navarch::cli {

namespace {

constexpr const char* up_usage =
    "usage: navarch up [--data-dir DIR] [--api-port PORT] [--bind-address ADDR]\n"
    "                  [--datastore-endpoint URL[,URL...]] [--api-workers N]\n"
    "  --data-dir DIR       where the cluster keeps its state (default $HOME/.navarch)\n"
    "  --api-port PORT      HTTPS port of the API server (default 6443; 0 picks a free port)\n"
    "  --bind-address ADDR  address the API server listens on (default 127.0.0.1)\n"
    "  --datastore-endpoint URL[,URL...]\n"
    "                       keep the cluster's objects in this etcd (3.4+, http://HOST:PORT) instead of the\n"
    "                       built-in store under the data directory\n"
    "  --no-pod-network     pods share the node's network instead of getting their own IPs\n"
    "  --container-runtime builtin|runc\n"
    "                       run containers with the built-in navarch-shim (default) or with runc\n"
    "  --api-workers N      API server workers decoding and encoding requests (default: one per core)\n";

// Fails early, with the reason, when the data directory cannot hold the cluster's state.
std::optional<std::string> prepare_data_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return "cannot create data directory " + dir.string() + ": " + ec.message();
  fs::path probe = dir / ".write-test";
  {
    std::ofstream out(probe);
    if (!out || !(out << "ok") || !out.flush()) return "data directory " + dir.string() + " is not writable";
  }
  fs::remove(probe, ec);
  return std::nullopt;
}

}  // namespace

int run_up(int argc, char** argv) {
  auto parsed = parse_up_flags(argc, argv);
  if (auto* err = std::get_if<std::string>(&parsed)) {
    std::fprintf(stderr, "navarch up: %s (see 'navarch up --help')\n", err->c_str());
    return 2;
  }
  auto flags = std::get<up_flags>(parsed);
  if (flags.help) {
    std::fputs(up_usage, stdout);
    return 0;
  }
  if (flags.data_dir.empty()) {
    const char* home = std::getenv("HOME");
    flags.data_dir = std::string(home ? home : ".") + "/.navarch";
  }
  fs::path dir = fs::absolute(flags.data_dir);
  if (auto err = prepare_data_dir(dir)) {
    std::fprintf(stderr, "navarch up: %s\n", err->c_str());
    return 1;
  }

  const sigset_t signals = block_stop_signals();

  try {
    caf::actor_system_config cfg;
    bootstrap::configure(cfg);
    caf::actor_system sys{cfg};
    bootstrap::all_in_one_options opts;
    opts.data_dir = dir;
    opts.bind_address = flags.bind_address;
    opts.api_port = flags.api_port;
    opts.datastore_endpoint = flags.datastore_endpoint;
    opts.api_workers = flags.api_workers;
    auto node = bootstrap::make_node_runtime({dir, "10.244.0.0/24", flags.pod_network, flags.container_runtime});
    opts.runtime = node.port;
    opts.rootless = node.rootless;
    std::printf("navarch: %s\n", node.note.c_str());
    bootstrap::all_in_one cluster{sys, opts};

    std::printf("navarch: API server listening on %s\n", cluster.server_url().c_str());
    std::printf("navarch: ready; kubeconfig at %s\n", cluster.kubeconfig().c_str());
    std::printf("  export KUBECONFIG=%s\n  kubectl get namespaces\n", cluster.kubeconfig().c_str());
    std::fflush(stdout);

    std::printf("navarch: %s received, stopping\n", await_stop_signal(signals));
    std::fflush(stdout);
    cluster.stop();
    // Containers outlive the node by design (a restart re-adopts them); say so, and how to remove them.
    std::printf("navarch: stopped; containers keep running. Remove them with: navarch cleanup --data-dir %s\n",
                dir.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "navarch up: %s\n", e.what());
    return 1;
  }
  return 0;
}

int run_cleanup(int argc, char** argv) {
  auto parsed = parse_up_flags(argc, argv);
  if (auto* err = std::get_if<std::string>(&parsed)) {
    std::fprintf(stderr, "navarch cleanup: %s\n", err->c_str());
    return 2;
  }
  auto flags = std::get<up_flags>(parsed);
  if (flags.data_dir.empty()) {
    std::fprintf(stderr, "navarch cleanup: --data-dir is required\n");
    return 2;
  }
  try {
    auto cleaned = bootstrap::clean_node(flags.data_dir, flags.container_runtime);
    std::printf("navarch: removed %zu containers and %zu pod network namespaces\n", cleaned.containers,
                cleaned.network_namespaces);
    for (const auto& e : cleaned.errors) std::fprintf(stderr, "navarch cleanup: %s\n", e.c_str());
    if (!cleaned.errors.empty()) return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "navarch cleanup: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace navarch::cli
