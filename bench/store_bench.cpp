// store_bench: write throughput and latency of the store actor, fdatasync included, with 1, 16 and 256 concurrent
// writers. Usage: store_bench [--seconds N] [--dir PARENT]   (data goes to a fresh temp dir, removed at the end)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/store/replica/store_replica.hpp"
#include "messages/registry.hpp"

using namespace navarch;
using namespace std::chrono_literals;
using bench_clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

struct writer_result {
  std::vector<double> latency_us;
  int errors = 0;
};

// One writer: a put at a time until the deadline, recording each round trip.
void write_loop(caf::event_based_actor* self, msg::store_actor store, std::shared_ptr<writer_result> out, int id,
                bench_clock::time_point deadline, int64_t seq) {
  if (bench_clock::now() >= deadline) {
    self->quit();
    return;
  }
  msg::txn_request put;
  msg::request_op op;
  op.key = "/bench/w" + std::to_string(id) + "/" + std::to_string(seq % 64);
  op.value = std::string(256, 'v');
  put.success.push_back(std::move(op));
  const auto start = bench_clock::now();
  self->request(store, 30s, std::move(put))
      .then(
          [=](const msg::txn_response& r) {
            if (r.error != msg::store_ok)
              ++out->errors;
            out->latency_us.push_back(
                std::chrono::duration<double, std::micro>(bench_clock::now() - start).count());
            write_loop(self, store, out, id, deadline, seq + 1);
          },
          [=](caf::error&) {
            ++out->errors;
            self->quit();
          });
}

double percentile(std::vector<double>& xs, double p) {
  if (xs.empty())
    return 0;
  auto k = static_cast<std::size_t>(p * static_cast<double>(xs.size() - 1));
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(k), xs.end());
  return xs[k];
}

void run(caf::actor_system& sys, const msg::store_actor& store, int writers, std::chrono::seconds duration) {
  caf::scoped_actor self{sys};
  std::vector<std::shared_ptr<writer_result>> results;
  const auto begin = bench_clock::now();
  const auto deadline = begin + duration;
  for (int i = 0; i < writers; ++i) {
    auto out = std::make_shared<writer_result>();
    results.push_back(out);
    auto w = sys.spawn([=](caf::event_based_actor* a) { write_loop(a, store, out, i, deadline, 0); });
    self->monitor(w);
  }
  for (int done = 0; done < writers;)
    self->receive([&](const caf::down_msg&) { ++done; });
  const double elapsed = std::chrono::duration<double>(bench_clock::now() - begin).count();

  std::vector<double> all;
  int errors = 0;
  for (auto& r : results) {
    all.insert(all.end(), r->latency_us.begin(), r->latency_us.end());
    errors += r->errors;
  }
  const auto writes = all.size();
  std::printf("%8d %10zu %12.0f %10.3f %10.3f %8d\n", writers, writes, static_cast<double>(writes) / elapsed,
              percentile(all, 0.50) / 1000, percentile(all, 0.99) / 1000, errors);

  // Keep memory flat between rounds: drop the history just written.
  self->request(store, 30s, msg::range_request{"/", std::string(1, '\0'), 0, 1, true})
      .receive(
          [&](const msg::range_response& r) {
            self->request(store, 30s, msg::compact_request{r.revision}).receive([](const msg::compact_response&) {},
                                                                                 [](caf::error&) {});
          },
          [](caf::error&) {});
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 3;
  fs::path parent = fs::temp_directory_path();
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--seconds") {
      seconds = std::max(1, std::atoi(argv[i + 1]));
    } else if (flag == "--dir") {
      parent = argv[i + 1];
    } else {
      std::fprintf(stderr, "usage: %s [--seconds N] [--dir PARENT]\n", argv[0]);
      return 2;
    }
  }
  std::string dir = (parent / "navarch-store-bench-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) {
    std::perror(("store_bench: cannot create a directory under " + parent.string()).c_str());
    return 1;
  }
  int rc = 0;
  try {
    caf::actor_system_config cfg;
    msg::register_messages(cfg);
    caf::actor_system sys{cfg};
    auto store = store::spawn_store_replica(sys, {dir});
    std::printf("store write benchmark, data in %s, %d s per round, 256-byte values, fdatasync per batch\n",
                dir.c_str(), seconds);
    std::printf("%8s %10s %12s %10s %10s %8s\n", "writers", "writes", "writes/s", "p50 ms", "p99 ms", "errors");
    for (int writers : {1, 16, 256})
      run(sys, store, writers, std::chrono::seconds(seconds));
    caf::anon_send_exit(store, caf::exit_reason::user_shutdown);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store_bench: %s\n", e.what());
    rc = 1;
  }
  fs::remove_all(dir);
  return rc;
}
