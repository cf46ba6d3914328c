#include "actors/apiserver/actor/apiserver_actor.hpp"

#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/apiserver/core/bootstrap.hpp"
#include "actors/apiserver/core/filter.hpp"
#include "actors/apiserver/core/reads.hpp"
#include "actors/apiserver/core/resources.hpp"
#include "actors/apiserver/core/route.hpp"
#include "actors/apiserver/core/scale.hpp"
#include "actors/apiserver/core/service_ips.hpp"
#include "actors/apiserver/core/status.hpp"
#include "actors/apiserver/core/watch_hub.hpp"
#include "actors/apiserver/core/writes.hpp"

namespace navarch::apiserver {

namespace json = boost::json;
using namespace navarch::msg;
using api::clock;

namespace {

using tick_atom = caf::atom_constant<caf::atom("tick")>;
using compact_atom = caf::atom_constant<caf::atom("compact")>;

using apiserver_impl =
    api_actor::extend<caf::reacts_to<watch_batch>, caf::reacts_to<tick_atom>, caf::reacts_to<compact_atom>>;

constexpr int max_write_attempts = 8;  // optimistic-concurrency retries for writes without a precondition

struct subscription {
  caf::actor subscriber;
  clock::time_point deadline = clock::time_point::max();
};

struct state {
  state() = default;  // not an aggregate: CAF would otherwise try to build the state from the actor pointer
  store_actor store;
  apiserver_options opts;
  api::watch_hub hub{50000};
  std::map<int64_t, subscription> subscriptions;
  int64_t next_watch_id = 1;
  int64_t store_watch_id = 0;
  int64_t compact_next = 0;  // the revision the next compaction goes to (seen one interval ago)
  static inline const char* name = "apiserver";
};

using self_ptr = apiserver_impl::stateful_pointer<state>;
// Where a handler's answer goes: a response promise for requests, or a continuation (deletecollection).
using reply_fn = std::function<void(api_response)>;

std::string query_param(const api_request& req, const char* key) {
  auto it = req.query.find(key);
  return it == req.query.end() ? std::string{} : it->second;
}

// dryRun=All comes as a query parameter, or for deletes inside the DeleteOptions body.
bool dry_run(const api_request& req) {
  if (query_param(req, "dryRun") == "All") return true;
  if (req.verb != "delete" && req.verb != "deletecollection") return false;
  json::error_code ec;
  auto options = json::parse(req.body, ec);
  if (ec || !options.is_object()) return false;
  const auto* dr = options.as_object().if_contains("dryRun");
  if (!dr || !dr->is_array()) return false;
  for (const auto& v : dr->as_array())
    if (v == json::value("All")) return true;
  return false;
}

std::shared_ptr<json::value> parse_stored(const std::string& text) {
  json::error_code ec;
  auto v = std::make_shared<json::value>(json::parse(text, ec));
  if (ec || !v->is_object()) return nullptr;
  return v;
}

api_response ok(int code, std::string body, std::string_view content_type = "application/json") {
  return api_response{code, std::string(content_type), std::move(body)};
}

// Replies with the object after a write: the object itself, or its Scale for the scale subresource.
api_response written(const api::route& rt, const api_request& req, json::object obj, int64_t rv, int code) {
  if (rt.subresource == "binding")
    return ok(201, R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201})");
  if (rt.subresource == "scale")
    return ok(code, json::serialize(api::scale_of(*rt.resource, obj, rv)));
  auto fmt = api::negotiate_format(req.accept, req.query);
  return ok(code, api::render_object(*rt.resource, json::value(std::move(obj)), rv, fmt, clock::now()),
            api::content_type_of(fmt));
}

api_response store_failure(const caf::error& err) {
  return api::timeout("the store did not answer: " + caf::to_string(err));
}

request_op put_op(std::string key, std::string value) {
  request_op op;
  op.kind = request_op::put;
  op.key = std::move(key);
  op.value = std::move(value);
  return op;
}

request_op delete_op(std::string key, std::string range_end = {}) {
  request_op op;
  op.kind = request_op::del;
  op.key = std::move(key);
  op.range_end = std::move(range_end);
  return op;
}

request_op range_op(std::string key) {
  request_op op;
  op.kind = request_op::range;
  op.key = std::move(key);
  return op;
}

compare mod_equals(std::string key, int64_t rv) {
  compare c;
  c.key = std::move(key);
  c.target = compare::mod;
  c.result = compare::equal;
  c.number = rv;
  return c;
}

compare version_compare(std::string key, uint8_t result, int64_t n) {
  compare c;
  c.key = std::move(key);
  c.target = compare::version;
  c.result = result;
  c.number = n;
  return c;
}

std::string namespace_key(std::string_view ns) {
  return api::object_key(*api::find_resource("", "v1", "namespaces"), "", ns);
}

// ---- watches ----------------------------------------------------------------------------------------------

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

void start_store_watch(self_ptr self, int64_t after_rv);

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
  auto filter = api::object_filter::parse(param("labelSelector"), param("fieldSelector"), rt.resource->plural);
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
              auto obj = parse_stored(kv.value);
              if (!obj || !spec->filter.matches(*obj)) continue;
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

// ---- reads ------------------------------------------------------------------------------------------------

void handle_get(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp) {
  std::string key = api::object_key(*rt.resource, rt.ns, rt.name);
  self->request(self->state.store, self->state.opts.store_timeout, range_request{key, {}, 0, 0, false})
      .then(
          [rt, req, rp](const range_response& r) mutable {
            if (r.error != store_ok || r.kvs.empty()) return rp(api::not_found(*rt.resource, rt.name));
            auto obj = parse_stored(r.kvs[0].value);
            if (!obj) return rp(api::internal_error("stored object is not valid JSON"));
            rp(written(rt, req, std::move(obj->as_object()), r.kvs[0].mod_revision, 200));
          },
          [rp](caf::error& err) { rp(store_failure(err)); });
}

void handle_list(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp) {
  auto param = [&](const char* k) { return query_param(req, k); };
  auto filter_or = api::object_filter::parse(param("labelSelector"), param("fieldSelector"), rt.resource->plural);
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
  self->request(self->state.store, self->state.opts.store_timeout, range_request{key, end, revision, 0, false})
      .then(
          [rt, req, rp, filter, limit, revision](const range_response& r) mutable {
            if (r.error == store_compacted)
              return rp(api::expired(
                  "The provided continue parameter is too old to display a consistent list result. You can start "
                  "a new list without the continue parameter."));
            if (r.error != store_ok) return rp(api::internal_error("store range failed"));
            std::vector<api::list_item> items;
            std::string token;
            for (size_t i = 0; i < r.kvs.size(); ++i) {
              auto obj = parse_stored(r.kvs[i].value);
              if (!obj || !filter.matches(*obj)) continue;
              if (limit > 0 && static_cast<int64_t>(items.size()) == limit) {
                token = api::encode_continue(r.revision, r.kvs[i - 1].key);
                break;
              }
              items.push_back({std::move(obj), r.kvs[i].mod_revision});
            }
            auto fmt = api::negotiate_format(req.accept, req.query);
            int64_t list_rv = revision ? revision : r.revision;
            rp(ok(200, api::render_list(*rt.resource, items, list_rv, token, fmt, clock::now()),
                          api::content_type_of(fmt)));
          },
          [rp](caf::error& err) { rp(store_failure(err)); });
}

// ---- writes -----------------------------------------------------------------------------------------------

void finalize_namespace(self_ptr self, const std::string& ns);

// Stores a new object: the key must be free, the namespace (for namespaced kinds) must exist, and so must be
// every claimed key (a Service's ClusterIP). A picked claim that lost a race is re-picked through `again`.
void store_new(self_ptr self, const api::route& rt, const api_request& req, api::write_plan plan, reply_fn rp,
               std::function<void()> again) {
  auto name = std::string(api::string_field(api::metadata_of(json::value(plan.object)), "name"));
  std::string key = api::object_key(*rt.resource, rt.ns, name);
  if (dry_run(req)) return rp(written(rt, req, std::move(plan.object), 0, 201));
  txn_request txn;
  txn.compares.push_back(version_compare(key, compare::equal, 0));
  txn.failure.push_back(range_op(key));
  if (rt.resource->namespaced) {
    txn.compares.push_back(version_compare(namespace_key(rt.ns), compare::greater, 0));
    txn.failure.push_back(range_op(namespace_key(rt.ns)));
  }
  txn.success.push_back(put_op(key, json::serialize(plan.object)));
  for (const auto& claim : plan.claims) {
    txn.compares.push_back(version_compare(claim, compare::equal, 0));
    txn.success.push_back(put_op(claim, key));
  }
  self->request(self->state.store, self->state.opts.store_timeout, std::move(txn))
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
            if (plan.claim_requested)
              return rp(api::status_reply(422, "Invalid",
                                          "Service \"" + name + "\" is invalid: spec.clusterIPs: Invalid value: " +
                                              "failed to allocate IP: provided IP is already allocated"));
            again();
          },
          [rp](caf::error& err) { rp(store_failure(err)); });
}

void handle_create(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp, int attempt = 0) {
  auto plan = api::prepare_create(rt, req.body, clock::now());
  if (auto* err = std::get_if<api_response>(&plan)) return rp(*err);
  store_new(self, rt, req, std::move(std::get<api::write_plan>(plan)), rp, [=] {
    if (attempt + 1 >= max_write_attempts) return rp(api::internal_error("could not allocate a free ClusterIP"));
    handle_create(self, rt, req, rp, attempt + 1);
  });
}

// Read, decide with a pure function, write if unchanged since the read; retry when another write won the race.
using decide_fn = std::function<api::plan_or_error(const json::object& current, int64_t rv)>;

void read_modify_write(self_ptr self, api::route rt, api_request req, decide_fn decide, reply_fn rp, int attempt) {
  std::string key = api::object_key(*rt.resource, rt.ns, rt.name);
  self->request(self->state.store, self->state.opts.store_timeout, range_request{key, {}, 0, 0, false})
      .then(
          [self, rt, req, decide, rp, attempt, key](const range_response& r) mutable {
            if (r.error != store_ok) return rp(api::internal_error("store read failed"));
            if (r.kvs.empty()) {
              if (req.verb == "patch" && api::is_apply_patch(req.content_type) && rt.subresource.empty()) {
                auto plan = api::prepare_apply_create(rt, req.body, query_param(req, "fieldManager"), clock::now());
                if (auto* err = std::get_if<api_response>(&plan)) return rp(*err);
                return store_new(self, rt, req, std::move(std::get<api::write_plan>(plan)), rp,
                                 [=] { read_modify_write(self, rt, req, decide, rp, attempt + 1); });
              }
              return rp(api::not_found(*rt.resource, rt.name));
            }
            auto current = parse_stored(r.kvs[0].value);
            if (!current) return rp(api::internal_error("stored object is not valid JSON"));
            int64_t rv = r.kvs[0].mod_revision;
            auto decided = decide(current->as_object(), rv);
            if (auto* err = std::get_if<api_response>(&decided)) return rp(*err);
            auto plan = std::move(std::get<api::write_plan>(decided));
            if (plan.action == api::write_plan::none || dry_run(req))
              return rp(written(rt, req, std::move(plan.object), rv, 200));
            txn_request txn;
            txn.compares.push_back(mod_equals(key, rv));
            bool removing = plan.action == api::write_plan::remove;
            txn.success.push_back(removing ? delete_op(key) : put_op(key, json::serialize(plan.object)));
            if (removing)
              for (const auto& released : plan.releases) txn.success.push_back(delete_op(released));
            self->request(self->state.store, self->state.opts.store_timeout, std::move(txn))
                .then(
                    [self, rt, req, decide, rp, attempt, rv, removing,
                     obj = std::move(plan.object)](const txn_response& t) mutable {
                      if (t.error == store_too_large)
                        return rp(
                            api::status_reply(413, "RequestEntityTooLarge", "the object is too large to store"));
                      if (t.error != store_ok) return rp(api::internal_error("store write failed"));
                      if (!t.succeeded) {
                        if (attempt + 1 >= max_write_attempts)
                          return rp(api::conflict(*rt.resource, rt.name));
                        return read_modify_write(self, rt, req, decide, rp, attempt + 1);
                      }
                      bool terminating_ns = rt.resource->kind == "Namespace" && !removing &&
                                            obj["metadata"].as_object().contains("deletionTimestamp");
                      rp(written(rt, req, std::move(obj), removing ? rv : t.revision, 200));
                      if (terminating_ns) finalize_namespace(self, rt.name);
                    },
                    [rp](caf::error& err) { rp(store_failure(err)); });
          },
          [rp](caf::error& err) { rp(store_failure(err)); });
}

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

void handle_deletecollection(self_ptr self, const api::route& rt, const api_request& req, reply_fn rp) {
  auto param = [&](const char* k) { return query_param(req, k); };
  auto filter_or = api::object_filter::parse(param("labelSelector"), param("fieldSelector"), rt.resource->plural);
  if (auto* err = std::get_if<std::string>(&filter_or)) return rp(api::bad_request(*err)), void();
  auto filter = std::get<api::object_filter>(filter_or);
  std::string prefix = api::collection_prefix(*rt.resource, rt.ns);
  self->request(self->state.store, self->state.opts.store_timeout,
                range_request{prefix, api::prefix_end(prefix), 0, 0, false})
      .then(
          [self, rt, req, rp, filter](const range_response& r) mutable {
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
                                [rp, remaining, deleted, header](api_response r) {
                                  if (r.code == 200) {
                                    json::error_code ec;
                                    auto v = json::parse(r.body, ec);
                                    if (!ec) deleted->push_back(std::move(v));
                                  }
                                  if (--*remaining > 0) return;
                                  (*header)["items"] = std::move(*deleted);
                                  rp(ok(200, json::serialize(*header)));
                                },
                                0);
            }
          },
          [rp](caf::error& err) { rp(store_failure(err)); });
}

caf::result<api_response> handle(self_ptr self, const api_request& req) {
  auto routed = api::resolve(req);
  if (auto* err = std::get_if<api_response>(&routed)) return *err;
  const auto& rt = std::get<api::route>(routed);
  if (req.verb == "watch") return api::bad_request("a watch needs a subscriber");
  bool json_body = req.content_type.empty() || req.content_type.starts_with("application/json");
  if ((req.verb == "create" || req.verb == "update") && !json_body)
    return api::unsupported_media_type(req.content_type);
  auto promise = self->make_response_promise<api_response>();
  reply_fn rp = [promise](api_response r) mutable { promise.deliver(std::move(r)); };
  if (req.verb == "get") {
    handle_get(self, rt, req, rp);
  } else if (req.verb == "list") {
    handle_list(self, rt, req, rp);
  } else if (req.verb == "create" && rt.subresource == "binding") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t) {
                        return api::prepare_binding(rt, body, cur, clock::now());
                      },
                      rp, 0);
  } else if (req.verb == "create") {
    handle_create(self, rt, req, rp);
  } else if (req.verb == "update") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t rv) {
                        return api::prepare_update(rt, body, cur, rv, clock::now());
                      },
                      rp, 0);
  } else if (req.verb == "patch") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body, ct = req.content_type,
                       manager = query_param(req, "fieldManager")](const json::object& cur, int64_t rv) {
                        return api::prepare_patch(rt, ct, manager, body, cur, rv, clock::now());
                      },
                      rp, 0);
  } else if (req.verb == "delete") {
    read_modify_write(self, rt, req,
                      [rt, body = req.body](const json::object& cur, int64_t rv) {
                        return api::prepare_delete(rt, body, cur, rv, clock::now());
                      },
                      rp, 0);
  } else {
    handle_deletecollection(self, rt, req, rp);
  }
  return promise;
}

apiserver_impl::behavior_type apiserver(self_ptr self, store_actor store, apiserver_options opts, int64_t start_rv) {
  self->state.store = store;
  self->state.opts = opts;
  self->state.hub = api::watch_hub(opts.watch_window);
  self->state.hub.reset(start_rv);
  start_store_watch(self, start_rv);
  self->set_down_handler([self](const caf::down_msg& dm) {
    if (dm.source == self->state.store.address()) {
      self->quit(dm.reason);
      return;
    }
    std::vector<int64_t> gone;
    for (const auto& [id, s] : self->state.subscriptions)
      if (s.subscriber.address() == dm.source) gone.push_back(id);
    for (auto id : gone) {
      self->state.subscriptions.erase(id);
      self->state.hub.remove(id);
    }
  });
  self->monitor(store);
  self->delayed_send(self, opts.bookmark_interval, tick_atom::value);
  self->state.compact_next = start_rv;
  self->delayed_send(self, opts.compaction_interval, compact_atom::value);
  // Namespaces left Terminating by a crash are finished by the next apiserver that starts.
  self->request(store, opts.store_timeout, range_request{namespace_key(""), api::prefix_end(namespace_key("")), 0, 0, false})
      .then([self](const range_response& r) {
        for (const auto& kv : r.kvs) {
          auto obj = parse_stored(kv.value);
          const auto* meta = obj ? api::metadata_of(*obj) : nullptr;
          if (meta && meta->contains("deletionTimestamp"))
            finalize_namespace(self, std::string(api::string_field(meta, "name")));
        }
      });
  return {
      [self](const api_request& req) -> caf::result<api_response> { return handle(self, req); },
      [self](const api_request& req, const caf::actor& subscriber) -> caf::result<api_response> {
        if (req.verb != "watch") return handle(self, req);
        auto routed = api::resolve(req);
        if (auto* err = std::get_if<api_response>(&routed)) return *err;
        return handle_watch(self, std::get<api::route>(routed), req, subscriber);
      },
      [self](const api_watch_cancel& c) {
        self->state.subscriptions.erase(c.watch_id);
        self->state.hub.remove(c.watch_id);
      },
      [self](const watch_batch& batch) { on_store_batch(self, batch); },
      [self](tick_atom) { on_tick(self); },
      [self](compact_atom) { on_compact(self); },
  };
}

}  // namespace

api_actor spawn_apiserver(caf::actor_system& sys, store_actor store, apiserver_options opts) {
  // Bootstrap synchronously: the built-in namespaces exist before the first request, and the watch cache starts
  // at a known revision.
  caf::scoped_actor self{sys};
  auto ask = [&](auto msg, auto& out) {
    bool ok = false;
    self->request(store, opts.store_timeout, std::move(msg))
        .receive([&](std::decay_t<decltype(out)>& r) { out = std::move(r), ok = true; },
                 [&](caf::error& err) { throw std::runtime_error("store did not answer: " + caf::to_string(err)); });
    return ok;
  };
  for (const auto& txn : api::bootstrap_transactions(clock::now())) {
    txn_response r;
    ask(txn, r);
    if (r.error != store_ok) throw std::runtime_error("bootstrap write failed");
  }
  range_response head;
  ask(range_request{"/registry/", api::prefix_end("/registry/"), 0, 1, true}, head);
  return caf::actor_cast<api_actor>(sys.spawn(apiserver, store, opts, head.revision));
}

}  // namespace navarch::apiserver
