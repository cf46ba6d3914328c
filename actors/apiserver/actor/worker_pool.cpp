#include "actors/apiserver/actor/worker_pool.hpp"

#include <thread>

#include "actors/apiserver/actor/worker_state.hpp"

namespace navarch::apiserver::detail {

namespace {

// Least outstanding requests: the pool hands each message to the worker holding the fewest requests, searching
// from a rotating start so that equally busy workers take turns. Runs on the sender's thread, as every actor
// pool policy does: no actor's mailbox sits between clients and workers.
caf::actor_pool::policy least_busy(std::shared_ptr<pool_load> load) {
  return [load](caf::actor_system&, caf::actor_pool::uplock&, const caf::actor_pool::actor_vec& workers,
                caf::mailbox_element_ptr& what, caf::execution_unit* host) {
    auto& counts = load->outstanding;
    std::size_t n = std::min(workers.size(), counts.size());
    if (n == 0) return;
    std::size_t best = load->next.fetch_add(1, std::memory_order_relaxed) % n;
    for (std::size_t i = 1, start = best; i < n && counts[best].load(std::memory_order_relaxed) > 0; ++i) {
      std::size_t k = (start + i) % n;
      if (counts[k].load(std::memory_order_relaxed) < counts[best].load(std::memory_order_relaxed)) best = k;
    }
    counts[best].fetch_add(1, std::memory_order_relaxed);
    workers[best]->enqueue(std::move(what), host);
  };
}

}  // namespace

msg::api_actor spawn_worker_pool(caf::actor_system& sys, core_actor core, msg::store_actor store,
                                 const apiserver_options& opts) {
  std::size_t n = opts.workers ? opts.workers : std::max(1u, std::thread::hardware_concurrency());
  auto load = std::make_shared<pool_load>(n);
  std::size_t next_index = 0;
  auto factory = [&] { return caf::actor_cast<caf::actor>(sys.spawn(worker, core, store, opts, load, next_index++)); };
  return caf::actor_cast<msg::api_actor>(caf::actor_pool::make(sys.dummy_execution_unit(), n, factory, least_busy(load)));
}

}  // namespace navarch::apiserver::detail
