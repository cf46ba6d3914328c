// scheduler_bench: throughput of the pure scheduling core in isolation. Builds a cluster of in-memory nodes
// (zones, disk and instance labels, some tainted), then schedules realistic pods one after another (requests,
// owners for spreading, some node selectors, required and preferred affinity, tolerations), assuming each
// decision into the snapshot as the scheduler does. Throughput is given per wall-clock second and per second of
// the thread's own cpu time, which other processes on a shared machine do not distort.
// Usage: scheduler_bench [PODS]   (default 20000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "actors/scheduler/core/schedule.hpp"

using namespace navarch::scheduler;
using bench_clock = std::chrono::steady_clock;
namespace json = boost::json;

namespace {

// Deterministic inputs: the same cluster and pods on every run.
struct rng {
  uint64_t s;
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  int below(int n) { return int(next() % uint64_t(n)); }
};

json::value node_json(int i, rng& r) {
  static const char* zones[] = {"zone-a", "zone-b", "zone-c"};
  static const char* types[] = {"m5.4xlarge", "m5.8xlarge", "c5.9xlarge", "r5.8xlarge"};
  static const int cpus[] = {16, 32, 36, 32};
  static const int mems[] = {64, 128, 72, 256};
  int t = r.below(4);
  std::string name = "node-" + std::to_string(i);
  json::object labels{{"kubernetes.io/hostname", name},
                      {"kubernetes.io/os", "linux"},
                      {"topology.kubernetes.io/region", "eu-1"},
                      {"topology.kubernetes.io/zone", zones[i % 3]},
                      {"node.kubernetes.io/instance-type", types[t]},
                      {"disk", r.below(3) == 0 ? "ssd" : "hdd"}};
  json::array taints;
  if (r.below(20) == 0) taints.push_back({{"key", "dedicated"}, {"value", "gpu"}, {"effect", "NoSchedule"}});
  if (r.below(10) == 0) taints.push_back({{"key", "spot"}, {"effect", "PreferNoSchedule"}});
  return {{"metadata", {{"name", name}, {"labels", labels}}},
          {"spec", {{"taints", taints}}},
          {"status",
           {{"allocatable",
             {{"cpu", std::to_string(cpus[t] * 1000 - 200) + "m"},
              {"memory", std::to_string(mems[t]) + "Gi"},
              {"pods", "110"}}}}}};
}

json::value pod_json(int i, rng& r) {
  static const char* cpu[] = {"100m", "250m", "500m", "1", "50m", "200m"};
  static const char* mem[] = {"128Mi", "256Mi", "512Mi", "1Gi", "64Mi", "2Gi"};
  int owner = r.below(300);
  json::object spec;
  json::object requests{{"cpu", cpu[r.below(6)]}, {"memory", mem[r.below(6)]}};
  json::array containers{{{"name", "app"}, {"image", "busybox"}, {"resources", {{"requests", requests}}}}};
  if (r.below(3) == 0)  // a sidecar without requests
    containers.push_back({{"name", "sidecar"}, {"image", "busybox"}});
  spec["containers"] = containers;
  int kind = r.below(100);
  if (kind < 20) {
    spec["nodeSelector"] = {{"disk", "ssd"}};
  } else if (kind < 25) {
    spec["affinity"] = {{"nodeAffinity",
                         {{"requiredDuringSchedulingIgnoredDuringExecution",
                           {{"nodeSelectorTerms",
                             {{{"matchExpressions",
                                {{{"key", "node.kubernetes.io/instance-type"},
                                  {"operator", "In"},
                                  {"values", {"m5.8xlarge", "r5.8xlarge"}}}}}}}}}}}}};
  } else if (kind < 35) {
    spec["affinity"] = {{"nodeAffinity",
                         {{"preferredDuringSchedulingIgnoredDuringExecution",
                           {{{"weight", 50},
                             {"preference",
                              {{"matchExpressions",
                                {{{"key", "topology.kubernetes.io/zone"}, {"operator", "In"}, {"values", {"zone-a"}}}}}}}}}}}}};
  } else if (kind < 38) {
    spec["tolerations"] = {{{"key", "dedicated"}, {"operator", "Equal"}, {"value", "gpu"}, {"effect", "NoSchedule"}}};
  }
  std::string owner_uid = "rs-" + std::to_string(owner);
  return {{"metadata",
           {{"name", "pod-" + std::to_string(i)},
            {"namespace", "bench"},
            {"ownerReferences", {{{"kind", "ReplicaSet"}, {"name", owner_uid}, {"uid", owner_uid}, {"controller", true}}}}}},
          {"spec", spec}};
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct run_figures {
  double pods_per_second;
  double pods_per_cpu_second;
  double p50_us, p99_us;
  size_t scheduled, unschedulable;
};

run_figures run(size_t node_count, const std::vector<pod_info>& pods, int percentage) {
  rng r{0x9e3779b97f4a7c15ULL + node_count};
  cluster_snapshot snap;
  for (size_t i = 0; i < node_count; ++i) snap.upsert_node(node_info_from_json(node_json(int(i), r)).node);
  schedule_options opts;
  opts.percentage_of_nodes_to_score = percentage;
  schedule_cursor cursor{0, 1};
  std::vector<double> latency_us;
  latency_us.reserve(pods.size());
  run_figures f{};
  auto start = bench_clock::now();
  double cpu_start = thread_cpu_seconds();
  for (const auto& p : pods) {
    auto t0 = bench_clock::now();
    auto res = schedule(p, snap, opts, cursor);
    if (res.scheduled()) {
      snap.assume(p, res.node);
      ++f.scheduled;
    } else {
      ++f.unschedulable;
    }
    latency_us.push_back(std::chrono::duration<double, std::micro>(bench_clock::now() - t0).count());
  }
  double seconds = std::chrono::duration<double>(bench_clock::now() - start).count();
  f.pods_per_cpu_second = double(pods.size()) / (thread_cpu_seconds() - cpu_start);
  std::sort(latency_us.begin(), latency_us.end());
  f.pods_per_second = double(pods.size()) / seconds;
  f.p50_us = latency_us[latency_us.size() / 2];
  f.p99_us = latency_us[latency_us.size() * 99 / 100];
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  size_t pod_count = argc > 1 ? size_t(std::strtoul(argv[1], nullptr, 10)) : 20000;
  if (pod_count == 0) {
    std::fprintf(stderr, "usage: scheduler_bench [PODS]\n");
    return 2;
  }
  rng r{12345};
  std::vector<json::value> docs;
  docs.reserve(pod_count);
  for (size_t i = 0; i < pod_count; ++i) docs.push_back(pod_json(int(i), r));
  auto parse_start = bench_clock::now();
  std::vector<pod_info> pods;
  pods.reserve(pod_count);
  for (const auto& d : docs) pods.push_back(pod_info_from_json(d).pod);
  double parse_s = std::chrono::duration<double>(bench_clock::now() - parse_start).count();
  std::printf("pod_info_from_json: %.0f pods/s (%.2f us/pod)\n", double(pod_count) / parse_s, parse_s * 1e6 / double(pod_count));
  std::printf("%-6s %-9s %7s %10s %13s %8s %8s %10s %7s\n", "nodes", "score", "pods", "pods/s", "pods/cpu-s",
              "p50 us", "p99 us", "scheduled", "failed");
  for (size_t nodes : {1000, 5000})
    for (int pct : {0, 100}) {
      auto f = run(nodes, pods, pct);
      std::printf("%-6zu %-9s %7zu %10.0f %13.0f %8.1f %8.1f %10zu %7zu\n", nodes, pct == 0 ? "adaptive" : "all",
                  pod_count, f.pods_per_second, f.pods_per_cpu_second, f.p50_us, f.p99_us, f.scheduled, f.unschedulable);
    }
  return 0;
}
