// The namespace finalizer, run by the apiserver actor when a write marks a namespace for deletion (and for
// namespaces a crash left terminating).
#include "actors/apiserver/actor/apiserver_state.hpp"

#include "actors/apiserver/core/resources.hpp"
#include "actors/apiserver/core/service_ips.hpp"
#include "actors/apiserver/core/store_ops.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;
using namespace navarch::api;

// The namespace finalizer: removes everything in a terminating namespace, then the namespace, in one txn
// (with the ClusterIPs its Services hold).
void finalize_namespace(self_ptr self, const std::string& ns) {
  const auto& services = *api::find_resource("", "v1", "services");
  std::string svc_prefix = api::collection_prefix(services, ns);
  self->request(self->state.store, self->state.opts.store_timeout,
                range_request{svc_prefix, api::prefix_end(svc_prefix), 0, 0, false})
      .then(
          [self, ns](const range_response& svcs) {
            txn_request txn;
            for (const auto& r : api::builtin_resources()) {
              if (!r.namespaced) continue;
              std::string prefix = api::collection_prefix(r, ns);
              txn.success.push_back(delete_op(prefix, api::prefix_end(prefix)));
            }
            for (const auto& kv : svcs.kvs)
              if (auto obj = parse_stored(kv.value))
                if (auto ip = api::allocated_ip_key(obj->as_object())) txn.success.push_back(delete_op(*ip));
            txn.success.push_back(delete_op(namespace_key(ns)));
            self->request(self->state.store, self->state.opts.store_timeout, std::move(txn))
                .then(
                    [ns](const txn_response& r) {
                      if (r.error != store_ok)
                        std::fprintf(stderr, "apiserver: finalizing namespace %s failed\n", ns.c_str());
                    },
                    [ns](caf::error&) {
                      std::fprintf(stderr, "apiserver: finalizing namespace %s timed out\n", ns.c_str());
                    });
          },
          [ns](caf::error&) { std::fprintf(stderr, "apiserver: finalizing namespace %s timed out\n", ns.c_str()); });
}

}  // namespace navarch::apiserver::detail
