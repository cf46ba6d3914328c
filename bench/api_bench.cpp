// Drives the all-in-one apiserver over HTTPS, as kubectl and client-go reach it, and prints throughput and
// latency percentiles for creates and gets at several client counts. Usage: api_bench [ops-per-level]
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
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
  int errors = 0;
};

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

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
        lat[c].push_back(std::chrono::duration<double, std::milli>(steady::now() - t0).count());
        if (status >= 300) ++errors;
      }
    });
  for (auto& t : threads) t.join();
  double secs = std::chrono::duration<double>(steady::now() - start).count();
  std::vector<double> all;
  for (auto& l : lat) all.insert(all.end(), l.begin(), l.end());
  figures f;
  f.ops_per_s = static_cast<double>(all.size()) / secs;
  f.p50_ms = percentile(all, 0.50);
  f.p99_ms = percentile(all, 0.99);
  f.errors = errors;
  return f;
}

std::string configmap(const std::string& name) {
  return R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name +
         R"(","labels":{"app":"bench"}},"data":{"key":"a small value of about sixty bytes for the benchmark"}})";
}

}  // namespace

int main(int argc, char** argv) {
  int ops = argc > 1 ? std::atoi(argv[1]) : 2000;
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
    std::printf("api_bench: %d operations per level, HTTPS with client certificates, store fsync on every write\n",
                ops);
    std::printf("%-8s %-7s %12s %10s %10s %7s\n", "clients", "op", "ops/s", "p50 ms", "p99 ms", "errors");
    for (int clients : {1, 8, 64}) {
      std::string prefix = "c" + std::to_string(clients) + "-";
      auto create = run(clients, ops, id, cluster.port(), [&](bench::https_client& c, int i) {
        return c.send("POST", "/api/v1/namespaces/default/configmaps", configmap(prefix + std::to_string(i))).status;
      });
      auto get = run(clients, ops, id, cluster.port(), [&](bench::https_client& c, int i) {
        return c.send("GET", "/api/v1/namespaces/default/configmaps/" + prefix + std::to_string(i)).status;
      });
      for (auto [name, f] : {std::pair{"create", create}, std::pair{"get", get}}) {
        std::printf("%-8d %-7s %12.0f %10.2f %10.2f %7d\n", clients, name, f.ops_per_s, f.p50_ms, f.p99_ms, f.errors);
        if (f.errors) rc = 1;
      }
    }
    cluster.stop();
  }
  fs::remove_all(dir);
  return rc;
}
