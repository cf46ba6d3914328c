// The namespace finalizer, run by the apiserver actor when a write marks a namespace for deletion (and for
// namespaces a crash left terminating).
#include "actors/apiserver/actor/apiserver_state.hpp"

#include "actors/apiserver/core/store_ops.hpp"
#include "api/registry/registry.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;
using namespace navarch::api;

namespace {

void finalize_failed(const std::string& ns, const char* what) {
  std::fprintf(stderr, "apiserver: finalizing namespace %s %s\n", ns.c_str(), what);
}

// Adds to `txn` the keys held by the objects in `ns` of holders[i..] (one range each), then commits it.
void release_and_commit(self_ptr self, std::string ns, std::vector<const api::kind_strategy*> holders, size_t i,
                        std::shared_ptr<txn_request> txn) {
  if (i == holders.size()) {
    txn->success.push_back(delete_op(namespace_key(ns)));
    self->request(self->state.store, self->state.opts.store_timeout, std::move(*txn))
        .then(
            [ns](const txn_response& r) {
              if (r.error != store_ok) finalize_failed(ns, "failed");
            },
            [ns](caf::error&) { finalize_failed(ns, "timed out"); });
    return;
  }
  std::string prefix = api::collection_prefix(*holders[i], ns);
  self->request(self->state.store, self->state.opts.store_timeout,
                range_request{prefix, api::prefix_end(prefix), 0, 0, false})
      .then(
          [self, ns, holders, i, txn](const range_response& r) {
            for (const auto& kv : r.kvs)
              if (auto obj = parse_stored(kv.value))
                for (auto& key : holders[i]->released_keys(obj->as_object()))
                  txn->success.push_back(delete_op(std::move(key)));
            release_and_commit(self, ns, holders, i + 1, txn);
          },
          [ns](caf::error&) { finalize_failed(ns, "timed out"); });
}

}  // namespace

// The namespace finalizer: removes everything in a terminating namespace, then the namespace, in one txn, with the
// store keys its objects hold (the ClusterIPs of its Services).
void finalize_namespace(self_ptr self, const std::string& ns) {
  auto kinds = api::kind_registry().snapshot();
  auto txn = std::make_shared<txn_request>();
  std::vector<const api::kind_strategy*> holders;
  for (const auto& k : kinds->all()) {
    if (!k->namespaced) continue;
    std::string prefix = api::collection_prefix(*k, ns);
    txn->success.push_back(delete_op(prefix, api::prefix_end(prefix)));
    if (k->released_keys) holders.push_back(k.get());
  }
  release_and_commit(self, ns, std::move(holders), 0, std::move(txn));
}

}  // namespace navarch::apiserver::detail
