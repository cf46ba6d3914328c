// Writes, on a worker: create (with claims such as ClusterIPs), optimistic read-modify-write for update, patch,
// delete and binding, and deletecollection. The worker decides; the apiserver actor orders the store writes.
#include "actors/apiserver/actor/worker_state.hpp"

#include "actors/apiserver/core/filter.hpp"
#include "actors/apiserver/core/store_ops.hpp"
#include "actors/apiserver/core/validation_reply.hpp"
#include "actors/apiserver/core/watch_hub.hpp"
#include "api/registry/kind_strategy.hpp"
#include "api/registry/registry.hpp"
#include "api/registry/stored_form.hpp"
#include "api/status/status.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;
using namespace navarch::api;

namespace {

// A decided write goes to the apiserver actor, which sends it to the store unless the deadline has passed.
auto ordered_write(worker_ptr self, txn_request txn, steady::time_point deadline) {
  return self->request(self->state.core, time_left(self, deadline), write_atom::value, std::move(txn),
                       to_wire(deadline));
}

// Stores a new object: the key must be free, the namespace (for namespaced kinds) must exist, and so must be
// every claimed key (a Service's ClusterIP). A picked claim that lost a race is picked again through `again`.
void store_new(worker_ptr self, const api::route& rt, const api_request& req, api::write_plan plan, reply_fn rp,
               steady::time_point deadline, std::function<void()> again) {
  if (gave_up(deadline, rp)) return;
  auto name = std::string(api::string_field(api::metadata_of(plan.object), "name"));
  std::string key = api::object_key(*rt.resource, rt.ns, name);
  if (dry_run(req)) return rp(written(rt, req, std::move(plan.object), 0, 201));
  txn_request txn;
  txn.compares.push_back(version_compare(key, compare::equal, 0));
  txn.failure.push_back(range_op(key));
  if (rt.resource->namespaced) {
    txn.compares.push_back(version_compare(namespace_key(rt.ns), compare::greater, 0));
    txn.failure.push_back(range_op(namespace_key(rt.ns)));
  }
  txn.success.push_back(put_op(key, json::serialize(api::stored_form(*rt.resource, plan.object))));
  for (const auto& claim : plan.claims) {
    txn.compares.push_back(version_compare(claim, compare::equal, 0));
    txn.success.push_back(put_op(claim, key));
  }
  ordered_write(self, std::move(txn), deadline)
      .then(
          [rt, req, rp, plan = std::move(plan), name, again](const txn_response& r) mutable {
            if (r.error == store_too_large)
              return rp(api::status_reply(413, "RequestEntityTooLarge", "the object is too large to store"));
            if (r.error != store_ok) return rp(api::internal_error("store write failed"));
            if (r.succeeded) return rp(written(rt, req, std::move(plan.object), r.revision, 201));
            if (!r.responses.empty() && !r.responses[0].range.kvs.empty())
              return rp(api::already_exists(*rt.resource, name));
            if (rt.resource->namespaced && r.responses.size() > 1 && r.responses[1].range.kvs.empty())
              return rp(api::namespace_not_found(rt.ns));
            if (plan.claim_taken) return rp(api::invalid_fields(*rt.resource, name, {*plan.claim_taken}));
            again();
          },
          failed(deadline, rp));
}

}  // namespace

void handle_create(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                   steady::time_point deadline, int attempt) {
  auto plan = api::prepare_create(rt, req.body, clock::now());
  if (auto* err = std::get_if<api_response>(&plan)) return rp(*err);
  store_new(self, rt, req, std::move(std::get<api::write_plan>(plan)), rp, deadline, [=] {
    if (attempt + 1 >= max_write_attempts) return rp(api::internal_error("could not claim a free key for the object"));
    handle_create(self, rt, req, rp, deadline, attempt + 1);
  });
}

// Read, decide with a pure function, write if unchanged since the read; retry when another write won the race.

void read_modify_write(worker_ptr self, api::route rt, api_request req, decide_fn decide, reply_fn rp,
                       steady::time_point deadline, int attempt) {
  std::string key = api::object_key(*rt.resource, rt.ns, rt.name);
  self->request(self->state.store, time_left(self, deadline), range_request{key, {}, 0, 0, false})
      .then(
          [self, rt, req, decide, rp, deadline, attempt, key](const range_response& r) mutable {
            if (gave_up(deadline, rp)) return;
            if (r.error != store_ok) return rp(api::internal_error("store read failed"));
            if (r.kvs.empty()) {
              if (req.verb == "patch" && api::is_apply_patch(req.content_type) && rt.subresource.empty()) {
                auto plan = api::prepare_apply_create(rt, req.body, query_param(req, "fieldManager"), clock::now());
                if (auto* err = std::get_if<api_response>(&plan)) return rp(*err);
                return store_new(self, rt, req, std::move(std::get<api::write_plan>(plan)), rp, deadline,
                                 [=] { read_modify_write(self, rt, req, decide, rp, deadline, attempt + 1); });
              }
              return rp(api::not_found(*rt.resource, rt.name));
            }
            auto current = parse_stored(r.kvs[0].value);
            if (!current) return rp(api::internal_error("stored object is not valid JSON"));
            int64_t rv = r.kvs[0].mod_revision;
            auto decided = decide(api::served_form(*rt.resource, *current).as_object(), rv);
            if (auto* err = std::get_if<api_response>(&decided)) return rp(*err);
            auto plan = std::move(std::get<api::write_plan>(decided));
            if (plan.action == api::write_plan::none || dry_run(req))
              return rp(written(rt, req, std::move(plan.object), rv, 200));
            if (gave_up(deadline, rp)) return;
            txn_request txn;
            txn.compares.push_back(mod_equals(key, rv));
            bool removing = plan.action == api::write_plan::remove;
            txn.success.push_back(removing ? delete_op(key)
                                           : put_op(key, json::serialize(api::stored_form(*rt.resource, plan.object))));
            if (removing)
              for (const auto& released : plan.releases) txn.success.push_back(delete_op(released));
            ordered_write(self, std::move(txn), deadline)
                .then(
                    [self, rt, req, decide, rp, deadline, attempt, rv, removing,
                     obj = std::move(plan.object)](const txn_response& t) mutable {
                      if (t.error == store_too_large)
                        return rp(
                            api::status_reply(413, "RequestEntityTooLarge", "the object is too large to store"));
                      if (t.error != store_ok) return rp(api::internal_error("store write failed"));
                      if (!t.succeeded) {
                        if (attempt + 1 >= max_write_attempts)
                          return rp(api::conflict(*rt.resource, rt.name));
                        return read_modify_write(self, rt, req, decide, rp, deadline, attempt + 1);
                      }
                      bool finalize = rt.resource->finalized_by_apiserver && !removing &&
                                      obj["metadata"].as_object().contains("deletionTimestamp");
                      rp(written(rt, req, std::move(obj), removing ? rv : t.revision, 200));
                      if (finalize) self->send(self->state.core, finalize_atom::value, rt.name);
                    },
                    failed(deadline, rp));
          },
          failed(deadline, rp));
}

void handle_deletecollection(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                             steady::time_point deadline) {
  auto param = [&](const char* k) { return query_param(req, k); };
  auto filter_or = api::object_filter::parse(param("labelSelector"), param("fieldSelector"), *rt.resource);
  if (auto* err = std::get_if<std::string>(&filter_or)) return rp(api::bad_request(*err)), void();
  auto filter = std::get<api::object_filter>(filter_or);
  std::string prefix = api::collection_prefix(*rt.resource, rt.ns);
  self->request(self->state.store, time_left(self, deadline),
                range_request{prefix, api::prefix_end(prefix), 0, 0, false})
      .then(
          [self, rt, req, rp, filter, deadline](const range_response& r) mutable {
            if (gave_up(deadline, rp)) return;
            std::vector<std::pair<std::string, std::string>> targets;  // (namespace, name)
            for (const auto& kv : r.kvs) {
              auto obj = parse_stored(kv.value);
              if (!obj || !filter.matches(*obj)) continue;
              auto parts = api::parse_key(kv.key);
              if (parts) targets.emplace_back(parts->ns, parts->name);
            }
            std::string list_kind = rt.resource->list_kind();
            if (targets.empty()) {
              return rp(ok(200, json::serialize(json::object{
                                            {"kind", list_kind},
                                            {"apiVersion", rt.resource->api_version()},
                                            {"metadata", json::object{{"resourceVersion", std::to_string(r.revision)}}},
                                            {"items", json::array{}}})));
            }
            // Delete each through the ordinary delete path (finalizers, preconditions), then answer once.
            auto remaining = std::make_shared<size_t>(targets.size());
            auto deleted = std::make_shared<json::array>();
            auto header = std::make_shared<json::object>(json::object{
                {"kind", list_kind}, {"apiVersion", rt.resource->api_version()}, {"metadata", json::object{}}});
            for (auto& [ns, name] : targets) {
              api::route one = rt;
              one.ns = ns;
              one.name = name;
              one.verb = "delete";
              auto decide = [one, body = req.body](const json::object& cur, int64_t rv) {
                return api::prepare_delete(one, body, cur, rv, clock::now());
              };
              read_modify_write(self, one, req, decide,
                                [rp, remaining, deleted, header, deadline](api_response r) {
                                  if (r.code == 200) {
                                    json::error_code ec;
                                    auto v = json::parse(r.body, ec);
                                    if (!ec) deleted->push_back(std::move(v));
                                  }
                                  if (--*remaining > 0 || gave_up(deadline, rp)) return;
                                  (*header)["items"] = std::move(*deleted);
                                  rp(ok(200, json::serialize(*header)));
                                },
                                deadline, 0);
            }
          },
          failed(deadline, rp));
}

}  // namespace navarch::apiserver::detail
