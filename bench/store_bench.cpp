// store_bench: the store under load, against etcd on the same machine in the same run. For each backend (Navarch
// in-process, Navarch in 3 processes, etcd 3.4 with 1 and 3 members; all fsync writes before acknowledging):
// write throughput and p50/p99 latency with 1, 16 and 256 concurrent clients, then linearizable reads with the
// same client counts, and each figure's ratio to etcd with as many members.
// Usage: store_bench [--seconds N] [--only navarch|etcd]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/store/replica/peer_links.hpp"
#include "bench/store_backends.hpp"
#include "runtime/bootstrap/all_in_one.hpp"

using namespace navarch;
using namespace std::chrono_literals;
using bench_clock = std::chrono::steady_clock;

namespace {

struct client_result {
  std::vector<double> latency_us;
  int errors = 0;
};

enum class workload { write, read };

// One client: one request at a time until the deadline, recording each round trip. Writes put 256-byte values
// over 64 keys per client; reads are linearizable gets of one key.
void client_loop(caf::event_based_actor* self, msg::store_actor store, workload kind,
                 std::shared_ptr<client_result> out, int id, bench_clock::time_point deadline, int64_t seq) {
  if (bench_clock::now() >= deadline) {
    self->quit();
    return;
  }
  const auto start = bench_clock::now();
  auto record = [=](int32_t error) {
    if (error != msg::store_ok)
      ++out->errors;
    out->latency_us.push_back(std::chrono::duration<double, std::micro>(bench_clock::now() - start).count());
    client_loop(self, store, kind, out, id, deadline, seq + 1);
  };
  auto failed = [=](caf::error&) {
    ++out->errors;
    self->quit();
  };
  if (kind == workload::write) {
    msg::txn_request put;
    msg::request_op op;
    op.key = "/bench/w" + std::to_string(id) + "/" + std::to_string(seq % 64);
    op.value = std::string(256, 'v');
    put.success.push_back(std::move(op));
    self->request(store, 30s, std::move(put)).then([=](const msg::txn_response& r) { record(r.error); }, failed);
  } else {
    self->request(store, 30s, msg::range_request{"/bench/r", {}, 0, 0, false})
        .then([=](const msg::range_response& r) { record(r.error); }, failed);
  }
}

double percentile(std::vector<double>& xs, double p) {
  if (xs.empty())
    return 0;
  auto k = static_cast<std::size_t>(p * static_cast<double>(xs.size() - 1));
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(k), xs.end());
  return xs[k];
}

struct figures {
  double per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  int errors = 0;
};

figures run(caf::actor_system& sys, const msg::store_actor& store, workload kind, int clients,
            std::chrono::seconds duration) {
  caf::scoped_actor self{sys};
  std::vector<std::shared_ptr<client_result>> results;
  const auto begin = bench_clock::now();
  const auto deadline = begin + duration;
  for (int i = 0; i < clients; ++i) {
    auto out = std::make_shared<client_result>();
    results.push_back(out);
    auto c = sys.spawn([=](caf::event_based_actor* a) { client_loop(a, store, kind, out, i, deadline, 0); });
    self->monitor(c);
  }
  for (int done = 0; done < clients;)
    self->receive([&](const caf::down_msg&) { ++done; });
  const double elapsed = std::chrono::duration<double>(bench_clock::now() - begin).count();
  std::vector<double> all;
  figures f;
  for (auto& r : results) {
    all.insert(all.end(), r->latency_us.begin(), r->latency_us.end());
    f.errors += r->errors;
  }
  f.per_second = static_cast<double>(all.size()) / elapsed;
  f.p50_ms = percentile(all, 0.50) / 1000;
  f.p99_ms = percentile(all, 0.99) / 1000;
  // Keep memory flat between rounds: drop the history just written.
  self->request(store, 30s, msg::range_request{"/", std::string(1, '\0'), 0, 1, true})
      .receive(
          [&](const msg::range_response& r) {
            self->request(store, 30s, msg::compact_request{r.revision}).receive([](const msg::compact_response&) {},
                                                                                 [](caf::error&) {});
          },
          [](caf::error&) {});
  return f;
}

constexpr int client_counts[] = {1, 16, 256};

struct backend_figures {
  std::string name;
  int members = 1;
  bool etcd = false;
  std::map<std::pair<workload, int>, figures> by_round;
};

backend_figures measure(caf::actor_system& sys, bench::store_backend b, bool etcd, std::chrono::seconds duration) {
  backend_figures out{b.name, b.members, etcd, {}};
  caf::scoped_actor self{sys};
  self->request(b.store, 30s, msg::txn_request{{}, {msg::request_op{msg::request_op::put, "/bench/r", {}, "x", false}}, {}})
      .receive([](const msg::txn_response&) {}, [](caf::error&) {});
  for (workload kind : {workload::write, workload::read})
    for (int clients : client_counts) {
      out.by_round[{kind, clients}] = run(sys, b.store, kind, clients, duration);
      const auto& f = out.by_round[{kind, clients}];
      std::fprintf(stderr, "  %-22s %-6s %4d clients: %9.0f/s p50 %7.3f ms p99 %7.3f ms%s\n", b.name.c_str(),
                   kind == workload::write ? "writes" : "reads", clients, f.per_second, f.p50_ms, f.p99_ms,
                   f.errors ? (" (" + std::to_string(f.errors) + " errors)").c_str() : "");
    }
  caf::anon_send_exit(b.store, caf::exit_reason::user_shutdown);
  return out;
}

void print_table(const std::vector<backend_figures>& all) {
  std::printf("\n%-22s %-6s %7s %11s %9s %9s %7s %9s %9s\n", "backend", "op", "clients", "ops/s", "p50 ms", "p99 ms",
              "errors", "x etcd/s", "x etcd p99");
  for (const auto& b : all) {
    const backend_figures* base = nullptr;
    for (const auto& e : all)
      if (e.etcd && e.members == b.members)
        base = &e;
    for (const auto& [round, f] : b.by_round) {
      std::string ratio = "-", ratio99 = "-";
      if (base && !b.etcd && base->by_round.count(round)) {
        const auto& e = base->by_round.at(round);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", e.per_second > 0 ? f.per_second / e.per_second : 0);
        ratio = buf;
        std::snprintf(buf, sizeof buf, "%.2f", e.p99_ms > 0 ? f.p99_ms / e.p99_ms : 0);
        ratio99 = buf;
      }
      std::printf("%-22s %-6s %7d %11.0f %9.3f %9.3f %7d %9s %9s\n", b.name.c_str(),
                  round.first == workload::write ? "write" : "read", round.second, f.per_second, f.p50_ms, f.p99_ms,
                  f.errors, ratio.c_str(), ratio99.c_str());
    }
  }
  std::printf("\nx etcd/s: throughput over etcd's with as many members (above 1 is faster); x etcd p99: p99 latency "
              "over etcd's (below 1 is better).\nnavarch in-process is the embedded store of `navarch up`; the others "
              "are reached by their clients over loopback (navarch: CAF middleman; etcd: its v3 JSON gateway, the "
              "path of --datastore-endpoint).\n");
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 3;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--seconds") {
      seconds = std::max(1, std::atoi(argv[i + 1]));
    } else if (flag == "--only") {
      only = argv[i + 1];
    } else {
      std::fprintf(stderr, "usage: %s [--seconds N] [--only navarch|etcd]\n", argv[0]);
      return 2;
    }
  }
  try {
    caf::actor_system_config cfg;
    bootstrap::configure(cfg);
    store::configure_peer_links(cfg);
    caf::actor_system sys{cfg};
    const auto duration = std::chrono::seconds(seconds);
    std::printf("store benchmark: %d s per round, 256-byte values, every write fsync'd before it is acknowledged\n",
                seconds);
    std::vector<backend_figures> all;
    if (only != "etcd") {
      all.push_back(measure(sys, bench::navarch_in_process(sys), false, duration));
      all.push_back(measure(sys, bench::navarch_processes(sys, NAVARCH_BINARY, 3), false, duration));
    }
    if (only != "navarch") {
      all.push_back(measure(sys, bench::etcd_members(sys, 1), true, duration));
      all.push_back(measure(sys, bench::etcd_members(sys, 3), true, duration));
    }
    print_table(all);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
