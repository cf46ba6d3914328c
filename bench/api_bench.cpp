// Drives the all-in-one apiserver over HTTPS, as kubectl and client-go reach it, and prints throughput and
// latency percentiles.
//   api_bench [ops-per-level]   closed loop: creates, gets and lists (pages of 500, ops/20 of them) with 1, 8
//                               and 64 clients
//   api_bench --open-loop RATE [--seconds N] [--connections C]
//                               open loop: RATE creates per second spread over C connections for N seconds;
//                               latency counts from each request's intended send time, so a slow server is
//                               not hidden by clients that wait for it (no coordinated omission)
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <caf/all.hpp>

#include "bench/https_client.hpp"
#include "runtime/bootstrap/all_in_one.hpp"

namespace fs = std::filesystem;
using namespace navarch;
using steady = std::chrono::steady_clock;

namespace {

struct figures {
  double ops_per_s = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
  double max_ms = 0;
  int errors = 0;
};

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

figures summarize(const std::vector<std::vector<double>>& lat, int errors, double secs) {
  std::vector<double> all;
  for (const auto& l : lat) all.insert(all.end(), l.begin(), l.end());
  figures f;
  f.ops_per_s = static_cast<double>(all.size()) / secs;
  f.p50_ms = percentile(all, 0.50);
  f.p99_ms = percentile(all, 0.99);
  f.p999_ms = percentile(all, 0.999);
  f.max_ms = all.empty() ? 0 : *std::max_element(all.begin(), all.end());
  f.errors = errors;
  return f;
}

double ms_since(steady::time_point t) { return std::chrono::duration<double, std::milli>(steady::now() - t).count(); }

// Runs `ops` operations split over `clients` connections; op(client, index) returns the HTTP status.
template <class Op>
figures run(int clients, int ops, const bench::tls_identity& id, int port, Op op) {
  std::vector<std::vector<double>> lat(clients);
  std::atomic<int> errors{0};
  auto start = steady::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      bench::https_client client("127.0.0.1", port, id);
      for (int i = c; i < ops; i += clients) {
        auto t0 = steady::now();
        int status = op(client, i);
        lat[c].push_back(ms_since(t0));
        if (status >= 300) ++errors;
      }
    });
  for (auto& t : threads) t.join();
  return summarize(lat, errors, std::chrono::duration<double>(steady::now() - start).count());
}

// Open loop: request k is due at start + k / rate, sent by connection k % connections. A connection that is
// still busy when its next request is due sends it late, and the lateness counts in that request's latency.
template <class Op>
figures open_loop(double rate, double seconds, int connections, const bench::tls_identity& id, int port, Op op) {
  auto total = static_cast<long>(rate * seconds);
  std::vector<std::vector<double>> lat(connections);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  std::vector<std::unique_ptr<bench::https_client>> clients;
  for (int c = 0; c < connections; ++c) clients.push_back(std::make_unique<bench::https_client>("127.0.0.1", port, id));
  auto start = steady::now() + std::chrono::milliseconds(100);
  for (int c = 0; c < connections; ++c)
    threads.emplace_back([&, c] {
      for (long k = c; k < total; k += connections) {
        auto due = start + std::chrono::duration_cast<steady::duration>(
                               std::chrono::duration<double>(static_cast<double>(k) / rate));
        std::this_thread::sleep_until(due);
        int status = op(*clients[c], static_cast<int>(k));
        lat[c].push_back(ms_since(due));
        if (status >= 300) ++errors;
      }
    });
  for (auto& t : threads) t.join();
  return summarize(lat, errors, std::chrono::duration<double>(steady::now() - start).count());
}

std::string configmap(const std::string& name) {
  return R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name +
         R"(","labels":{"app":"bench"}},"data":{"key":"a small value of about sixty bytes for the benchmark"}})";
}

struct bench_args {
  int ops = 2000;
  double open_rate = 0;  // > 0: the open-loop run instead of the closed-loop levels
  double seconds = 30;
  int connections = 64;
};

bool parse_args(int argc, char** argv, bench_args& a) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&](double& out) {
      if (i + 1 >= argc) return false;
      out = std::atof(argv[++i]);
      return out > 0;
    };
    double v = 0;
    if (arg == "--open-loop") {
      if (!next(a.open_rate)) return false;
    } else if (arg == "--seconds") {
      if (!next(a.seconds)) return false;
    } else if (arg == "--connections") {
      if (!next(v)) return false;
      a.connections = static_cast<int>(v);
    } else if (!arg.starts_with("-") && std::atoi(arg.c_str()) > 0) {
      a.ops = std::atoi(arg.c_str());
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bench_args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr, "usage: api_bench [ops-per-level] | api_bench --open-loop RATE [--seconds N] "
                         "[--connections C]\n");
    return 2;
  }
  char tmpl[] = "/tmp/navarch-api-bench-XXXXXX";
  fs::path dir = mkdtemp(tmpl);
  int rc = 0;
  {
    caf::actor_system_config cfg;
    bootstrap::configure(cfg);
    caf::actor_system sys{cfg};
    bootstrap::all_in_one_options opts;
    opts.data_dir = dir;
    opts.api_port = 0;
    bootstrap::all_in_one cluster{sys, opts};
    bench::tls_identity id{(cluster.pki_dir() / "ca.crt").string(), (cluster.pki_dir() / "admin.crt").string(),
                           (cluster.pki_dir() / "admin.key").string()};
    auto create = [](const std::string& prefix) {
      return [prefix](bench::https_client& c, int i) {
        return c.send("POST", "/api/v1/namespaces/default/configmaps", configmap(prefix + std::to_string(i))).status;
      };
    };
    if (args.open_rate > 0) {
      std::printf("api_bench: open loop, %.0f creates/s over %d connections for %.0f s, HTTPS with client "
                  "certificates, store fsync on every write; latency from the intended send time\n",
                  args.open_rate, args.connections, args.seconds);
      auto f = open_loop(args.open_rate, args.seconds, args.connections, id, cluster.port(), create("open-"));
      std::printf("%12s %10s %10s %10s %10s %7s\n", "achieved/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms",
                  "errors");
      std::printf("%12.0f %10.2f %10.2f %10.2f %10.2f %7d\n", f.ops_per_s, f.p50_ms, f.p99_ms, f.p999_ms, f.max_ms,
                  f.errors);
      if (f.errors) rc = 1;
    } else {
      std::printf("api_bench: %d operations per level, HTTPS with client certificates, store fsync on every write\n",
                  args.ops);
      std::printf("%-8s %-7s %12s %10s %10s %10s %7s\n", "clients", "op", "ops/s", "p50 ms", "p99 ms", "p99.9 ms",
                  "errors");
      for (int clients : {1, 8, 64}) {
        std::string prefix = "c" + std::to_string(clients) + "-";
        auto created = run(clients, args.ops, id, cluster.port(), create(prefix));
        auto got = run(clients, args.ops, id, cluster.port(), [&](bench::https_client& c, int i) {
          return c.send("GET", "/api/v1/namespaces/default/configmaps/" + prefix + std::to_string(i)).status;
        });
        // Pages of 500 objects: decoding and encoding dominate, the work a pool of workers spreads over cores.
        auto listed = run(clients, std::max(clients, args.ops / 20), id, cluster.port(), [&](bench::https_client& c, int) {
          return c.send("GET", "/api/v1/namespaces/default/configmaps?limit=500").status;
        });
        for (auto [name, f] : {std::pair{"create", created}, std::pair{"get", got}, std::pair{"list500", listed}}) {
          std::printf("%-8d %-7s %12.0f %10.2f %10.2f %10.2f %7d\n", clients, name, f.ops_per_s, f.p50_ms, f.p99_ms,
                      f.p999_ms, f.errors);
          if (f.errors) rc = 1;
        }
      }
    }
    cluster.stop();
  }
  fs::remove_all(dir);
  return rc;
}
