// Watches: the store watch feeding the watch cache, API watch registration and fan-out, bookmarks, compaction.
#include "actors/apiserver/actor/apiserver_state.hpp"

#include "actors/apiserver/core/filter.hpp"
#include "actors/apiserver/core/reads.hpp"
#include "api/registry/kind_strategy.hpp"
#include "api/status/status.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;
using namespace navarch::api;

void send_deliveries(self_ptr self, const std::vector<api::delivery>& out) {
  for (const auto& d : out) {
    auto it = self->state.subscriptions.find(d.watch_id);
    if (it == self->state.subscriptions.end()) continue;
    caf::anon_send(it->second.subscriber, api_watch_event{d.watch_id, d.type, d.object, d.rv, false});
  }
}

void end_watch(self_ptr self, int64_t id, std::string type = {}, std::string object = {}) {
  auto it = self->state.subscriptions.find(id);
  if (it == self->state.subscriptions.end()) return;
  caf::anon_send(it->second.subscriber, api_watch_event{id, std::move(type), std::move(object), 0, true});
  self->state.subscriptions.erase(it);
  self->state.hub.remove(id);
}

void expire_watch(self_ptr self, int64_t id, std::string_view why) {
  end_watch(self, id, "ERROR", api::status_object(410, "Expired", why));
}

void on_store_batch(self_ptr self, const watch_batch& batch) {
  if (batch.watch_id != self->state.store_watch_id) return;
  auto now = clock::now();
  for (const auto& ev : batch.events) send_deliveries(self, self->state.hub.push(ev, now));
  if (batch.canceled) {
    // The store compacted past our position: every watch loses continuity and must re-list.
    std::vector<int64_t> ids;
    for (const auto& [id, s] : self->state.subscriptions) ids.push_back(id);
    for (auto id : ids) expire_watch(self, id, "the watch cache was reset; please re-list");
    self->request(self->state.store, self->state.opts.store_timeout,
                  range_request{"/registry/", api::prefix_end("/registry/"), 0, 1, true})
        .then([self](const range_response& r) {
          self->state.hub.reset(r.revision);
          start_store_watch(self, r.revision);
        });
  }
}

void start_store_watch(self_ptr self, int64_t after_rv) {
  watch_request req{"/registry/", api::prefix_end("/registry/"), after_rv + 1, true};
  self->request(self->state.store, caf::infinite, req, caf::actor_cast<caf::actor>(self))
      .then(
          [self](const watch_response& r) {
            if (r.error != store_ok) {
              std::fprintf(stderr, "apiserver: store watch failed (error %d)\n", r.error);
              self->quit(caf::sec::runtime_error);
              return;
            }
            self->state.store_watch_id = r.watch_id;
          },
          [self](caf::error& err) { self->quit(err); });
}

struct watch_params {
  api::watch_spec spec;
  std::string from;  // resourceVersion parameter
  clock::time_point deadline = clock::time_point::max();
};

std::variant<watch_params, api_response> parse_watch(const api::route& rt, const api_request& req) {
  auto param = [&](const char* k) { return query_param(req, k); };
  auto filter = api::object_filter::parse(param("labelSelector"), param("fieldSelector"), *rt.resource);
  if (auto* err = std::get_if<std::string>(&filter)) return api::bad_request(*err);
  watch_params p;
  p.spec.resource = rt.resource;
  p.spec.ns = rt.ns;
  p.spec.filter = std::get<api::object_filter>(filter);
  p.spec.format = api::negotiate_format(req.accept, req.query);
  p.spec.bookmarks = param("allowWatchBookmarks") == "true";
  p.from = param("resourceVersion");
  if (auto t = param("timeoutSeconds"); !t.empty()) {
    int64_t secs = api::parse_resource_version(t);
    if (secs < 0) return api::bad_request("invalid timeoutSeconds: " + t);
    p.deadline = clock::now() + std::chrono::seconds(secs);
  }
  if (!p.from.empty() && p.from != "0" && api::parse_resource_version(p.from) < 0)
    return api::bad_request("invalid resourceVersion: " + p.from);
  return p;
}

// Registers a watch. The reply (with the watch id) is delivered before any event, so a subscriber that is also
// the requester learns the id first (one sender, one receiver: messages keep their order).
caf::result<api_response> handle_watch(self_ptr self, const api::route& rt, const api_request& req,
                                       const caf::actor& subscriber) {
  auto parsed = parse_watch(rt, req);
  if (auto* err = std::get_if<api_response>(&parsed)) return *err;
  auto p = std::move(std::get<watch_params>(parsed));
  if (self->state.subscriptions.size() >= self->state.opts.max_watches)
    return api::status_reply(429, "TooManyRequests", "too many watches on this apiserver");
  int64_t id = self->state.next_watch_id++;
  self->state.subscriptions.emplace(id, subscription{subscriber, p.deadline});
  self->monitor(subscriber);
  auto rp = self->make_response_promise<api_response>();
  rp.deliver(ok(200, "{\"watchId\":" + std::to_string(id) + "}"));
  if (!p.from.empty() && p.from != "0") {
    // Continue after a known revision, from the watch cache window.
    int64_t from = api::parse_resource_version(p.from);
    auto replay = self->state.hub.add(id, std::move(p.spec), from, clock::now());
    if (!replay) {
      caf::anon_send(subscriber, api_watch_event{id, "ERROR",
                                             api::status_object(410, "Expired",
                                                                "too old resource version: " + p.from + " (" +
                                                                    std::to_string(self->state.hub.oldest_rv()) + ")"),
                                             0, true});
      self->state.subscriptions.erase(id);
    } else {
      send_deliveries(self, *replay);
    }
    return rp;
  }
  // No resourceVersion (or 0): synthetic ADDED events for the current state, then changes after it.
  std::string key = api::collection_prefix(*rt.resource, rt.ns);
  std::string end = api::prefix_end(key);
  if (!p.spec.filter.required_name().empty() && (!rt.resource->namespaced || !rt.ns.empty())) {
    key = api::object_key(*rt.resource, rt.ns, p.spec.filter.required_name());
    end.clear();
  }
  auto spec = std::make_shared<api::watch_spec>(std::move(p.spec));
  self->request(self->state.store, self->state.opts.store_timeout, range_request{key, end, 0, 0, false})
      .then(
          [self, id, spec](const range_response& r) {
            auto it = self->state.subscriptions.find(id);
            if (it == self->state.subscriptions.end()) return;  // canceled meanwhile
            auto now = clock::now();
            for (const auto& kv : r.kvs) {
              if (!spec->filter.matches_json(kv.value)) continue;  // skipped objects are never decoded
              auto obj = parse_stored(kv.value);
              if (!obj) continue;
              caf::anon_send(it->second.subscriber,
                         api_watch_event{id, "ADDED", api::watch_hub::render(*spec, *obj, kv.mod_revision, now),
                                         kv.mod_revision, false});
            }
            auto replay = self->state.hub.add(id, *spec, r.revision, now);
            if (!replay) expire_watch(self, id, "the watch cache moved past the initial list");
            else send_deliveries(self, *replay);
          },
          [self, id](caf::error& err) {
            end_watch(self, id, "ERROR", api::status_object(504, "Timeout", caf::to_string(err)));
          });
  return rp;
}

void on_tick(self_ptr self) {
  send_deliveries(self, self->state.hub.bookmarks());
  auto now = clock::now();
  std::vector<int64_t> expired;
  for (const auto& [id, s] : self->state.subscriptions)
    if (s.deadline <= now) expired.push_back(id);
  for (auto id : expired) end_watch(self, id);
  self->delayed_send(self, self->state.opts.bookmark_interval, tick_atom::value);
}

// Compacts to the revision seen one interval ago, so history of at least one interval always remains.
void on_compact(self_ptr self) {
  int64_t target = self->state.compact_next;
  self->state.compact_next = self->state.hub.latest_rv();
  self->delayed_send(self, self->state.opts.compaction_interval, compact_atom::value);
  if (target <= 1) return;
  self->request(self->state.store, self->state.opts.store_timeout, compact_request{target})
      .then([](const compact_response&) {}, [](caf::error&) {});
}


void cancel_watch(self_ptr self, int64_t id) {
  self->state.subscriptions.erase(id);
  self->state.hub.remove(id);
}

void drop_subscriber(self_ptr self, const caf::actor_addr& subscriber) {
  std::vector<int64_t> gone;
  for (const auto& [id, s] : self->state.subscriptions)
    if (s.subscriber.address() == subscriber) gone.push_back(id);
  for (auto id : gone) cancel_watch(self, id);
}

}  // namespace navarch::apiserver::detail
