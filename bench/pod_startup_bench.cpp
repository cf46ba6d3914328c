// Pod startup latency as Kubernetes' SLO defines it: from the pod's creation to the watch showing it Running,
// for N pods created at a steady pace, first on an idle node and then while other pods churn (created and
// deleted) at 20 per second. The all-in-one cluster runs in this process with the built-in runtime and busybox.
// Usage: pod_startup_bench [pods]   (needs root; the binary must sit beside navarch-shim)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <thread>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/client/requests.hpp"
#include "runtime/bootstrap/all_in_one.hpp"
#include "runtime/bootstrap/node_runtime.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace navarch;
using steady = std::chrono::steady_clock;

namespace {

std::string pod_json(const std::string& name) {
  return R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":")" + name +
         R"("},"spec":{"terminationGracePeriodSeconds":0,"containers":[{"name":"c","image":"busybox","args":["sleep","3600"]}]}})";
}

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

// Creates `n` pods named prefix-i, 10 per second (the SLO's steady state is 20/s of all churn), and returns each
// one's create -> Running latency in ms, observed through a watch. `churn` adds create+delete pairs meanwhile.
std::vector<double> measure(caf::actor_system& sys, msg::api_actor api, const std::string& prefix, int n, bool churn) {
  client::resource_client pods({"", "v1", "pods"});
  caf::scoped_actor self{sys};
  int64_t watch_id = 0;
  auto w = pods.watch("default");
  self->request(api, std::chrono::seconds(10), w, caf::actor_cast<caf::actor>(self))
      .receive([&](msg::api_response& r) { watch_id = client::reply_watch_id(r); }, [](caf::error&) {});
  std::map<std::string, steady::time_point> created;
  std::vector<double> latencies;
  std::atomic<bool> stop{false};
  std::thread churner([&] {
    if (!churn) return;
    caf::scoped_actor c{sys};
    for (int i = 0; !stop; ++i) {
      auto name = prefix + "-churn-" + std::to_string(i);
      c->request(api, std::chrono::seconds(10), pods.create("default", json::parse(pod_json(name))))
          .receive([](msg::api_response&) {}, [](caf::error&) {});
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      c->request(api, std::chrono::seconds(10), pods.remove("default", name, R"({"gracePeriodSeconds":0})"))
          .receive([](msg::api_response&) {}, [](caf::error&) {});
    }
  });
  auto next_create = steady::now();
  int made = 0;
  auto deadline = steady::now() + std::chrono::seconds(60 + n);
  while (static_cast<int>(latencies.size()) < n && steady::now() < deadline) {
    if (made < n && steady::now() >= next_create) {
      auto name = prefix + "-" + std::to_string(made++);
      created[name] = steady::now();
      self->send(api, pods.create("default", json::parse(pod_json(name))));
      next_create += std::chrono::milliseconds(100);
    }
    self->receive(
        [&](msg::api_watch_event& ev) {
          if (ev.type != "MODIFIED" && ev.type != "ADDED") return;
          auto obj = json::parse(ev.object).as_object();
          std::string name(obj["metadata"].as_object()["name"].as_string());
          auto it = created.find(name);
          if (it == created.end()) return;
          auto* status = obj.if_contains("status");
          auto* phase = status ? status->as_object().if_contains("phase") : nullptr;
          if (!phase || *phase != json::value("Running")) return;
          latencies.push_back(std::chrono::duration<double, std::milli>(steady::now() - it->second).count());
          created.erase(it);
        },
        [](msg::api_response&) {},  // replies to the creates
        caf::after(std::chrono::milliseconds(5)) >> [] {});
  }
  stop = true;
  churner.join();
  self->send(api, msg::api_watch_cancel{watch_id});
  return latencies;
}

void delete_all(caf::actor_system& sys, msg::api_actor api) {
  caf::scoped_actor self{sys};
  client::resource_client pods({"", "v1", "pods"});
  auto all = pods.list("default");
  all.verb = "deletecollection";
  self->request(api, std::chrono::seconds(60), all).receive([](msg::api_response&) {}, [](caf::error&) {});
}

}  // namespace

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 100;
  if (geteuid() != 0) {
    std::printf("pod_startup_bench: skipped: running containers needs root\n");
    return 0;
  }
  char tmpl[] = "/tmp/navarch-pod-bench-XXXXXX";
  fs::path dir = mkdtemp(tmpl);
  {
    caf::actor_system_config cfg;
    bootstrap::configure(cfg);
    caf::actor_system sys{cfg};
    auto node = bootstrap::make_node_runtime({dir, "10.244.0.0/24", false, "builtin"});
    if (!node.port) {
      std::printf("pod_startup_bench: skipped: %s\n", node.note.c_str());
      fs::remove_all(dir);
      return 0;
    }
    bootstrap::all_in_one_options opts;
    opts.data_dir = dir;
    opts.api_port = 0;
    opts.runtime = node.port;
    bootstrap::all_in_one cluster{sys, opts};
    std::this_thread::sleep_for(std::chrono::seconds(1));  // the node registers
    std::printf("pod_startup_bench: %d pods at 10/s, busybox, built-in runtime, host network\n", n);
    std::printf("%-12s %8s %10s %10s %10s\n", "load", "pods", "p50 ms", "p99 ms", "max ms");
    for (bool churn : {false, true}) {
      auto lat = measure(sys, cluster.api(), churn ? "churn" : "idle", n, churn);
      std::printf("%-12s %8zu %10.1f %10.1f %10.1f\n", churn ? "20/s churn" : "idle", lat.size(), pct(lat, 0.5),
                  pct(lat, 0.99), pct(lat, 1.0));
      delete_all(sys, cluster.api());
      std::this_thread::sleep_for(std::chrono::seconds(3));
    }
    cluster.stop();
  }
  bootstrap::clean_node(dir);
  fs::remove_all(dir);
  return 0;
}
