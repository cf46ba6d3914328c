// Reads, on a worker: get and list (selectors, pages with continue tokens) straight from the store.
#include "actors/apiserver/actor/worker_state.hpp"

#include "actors/apiserver/core/filter.hpp"
#include "actors/apiserver/core/reads.hpp"
#include "api/registry/kind_strategy.hpp"
#include "api/registry/stored_form.hpp"
#include "api/status/status.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;
using namespace navarch::api;

void handle_get(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                steady::time_point deadline) {
  std::string key = api::object_key(*rt.resource, rt.ns, rt.name);
  self->request(self->state.store, time_left(self, deadline), range_request{key, {}, 0, 0, false})
      .then(
          [rt, req, rp, deadline](const range_response& r) mutable {
            if (gave_up(deadline, rp)) return;
            if (auto failed = unreadable_object(rt, r)) return rp(*failed);
            auto obj = parse_stored(r.kvs[0].value);
            if (!obj) return rp(api::internal_error("stored object is not valid JSON"));
            rp(written(rt, req, api::served_form(*rt.resource, *obj).as_object(), r.kvs[0].mod_revision, 200));
          },
          failed(deadline, rp));
}

void handle_list(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                 steady::time_point deadline) {
  auto param = [&](const char* k) { return query_param(req, k); };
  auto filter_or = api::object_filter::parse(param("labelSelector"), param("fieldSelector"), *rt.resource);
  if (auto* err = std::get_if<std::string>(&filter_or)) return rp(api::bad_request(*err)), void();
  auto filter = std::get<api::object_filter>(filter_or);
  int64_t limit = 0;
  if (auto l = param("limit"); !l.empty()) {
    limit = api::parse_resource_version(l);
    if (limit < 0) return rp(api::bad_request("invalid limit: " + l)), void();
  }
  std::string prefix = api::collection_prefix(*rt.resource, rt.ns);
  std::string key = prefix, end = api::prefix_end(prefix);
  int64_t revision = 0;
  if (auto c = param("continue"); !c.empty()) {
    auto token = api::decode_continue(c);
    if (!token || !token->second.starts_with(prefix))
      return rp(api::bad_request("continue key is not valid")), void();
    revision = token->first;
    key = token->second + '\0';
  } else if (!filter.required_name().empty() && (!rt.resource->namespaced || !rt.ns.empty())) {
    key = api::object_key(*rt.resource, rt.ns, filter.required_name());
    end.clear();
  }
  // Without selectors the store need send no more than the page and one more (which says whether one follows).
  int64_t store_limit = limit > 0 && filter.selects_everything() ? limit + 1 : 0;
  self->request(self->state.store, time_left(self, deadline), range_request{key, end, revision, store_limit, false})
      .then(
          [rt, req, rp, filter, limit, revision, deadline](const range_response& r) mutable {
            if (gave_up(deadline, rp)) return;
            if (r.error == store_compacted)
              return rp(api::expired(
                  "The provided continue parameter is too old to display a consistent list result. You can start "
                  "a new list without the continue parameter."));
            if (r.error != store_ok) return rp(api::internal_error("store range failed"));
            std::vector<api::list_item> items;
            std::string token;
            for (size_t i = 0; i < r.kvs.size(); ++i) {
              // Selectors are tested on the stored text: objects they skip are never decoded.
              if (!filter.matches_json(r.kvs[i].value)) continue;
              auto obj = parse_stored(r.kvs[i].value);
              if (!obj) continue;
              if (limit > 0 && static_cast<int64_t>(items.size()) == limit) {
                token = api::encode_continue(r.revision, r.kvs[i - 1].key);
                break;
              }
              if (rt.resource->from_stored) *obj = api::served_form(*rt.resource, *obj);
              items.push_back({std::move(obj), r.kvs[i].mod_revision});
            }
            if (gave_up(deadline, rp)) return;
            auto fmt = api::negotiate_format(req.accept, req.query);
            int64_t list_rv = revision ? revision : r.revision;
            rp(ok(200, api::render_list(*rt.resource, items, list_rv, token, fmt, clock::now()),
                          api::content_type_of(fmt)));
          },
          failed(deadline, rp));
}

}  // namespace navarch::apiserver::detail
