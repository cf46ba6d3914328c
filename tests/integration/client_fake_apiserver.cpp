#include "tests/integration/client_fake_apiserver.hpp"

#include <charconv>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <caf/all.hpp>

namespace navarch::test {
namespace json = boost::json;

namespace {

struct fake_state {
  struct event {
    int64_t rv;
    std::string type;
    std::string object;
    std::string ns;
  };
  struct watcher {
    caf::actor subscriber;
    std::string ns;
  };
  std::map<std::string, json::value> objects;  // by namespace/name
  int64_t rv = 0;
  int64_t compacted = 0;  // watches from an older resourceVersion get 410
  std::vector<event> history;
  std::map<int64_t, watcher> watches;
  int64_t next_watch = 1;
  bool paused = false;
  bool silent = false;
  bool events_first = false;
  std::vector<caf::typed_response_promise<msg::api_response>> unanswered;  // kept while silent
  int64_t lists = 0, watch_requests = 0, cancels = 0, last_watch_rv = -1;
  json::object last_list_query;
};

using fake_actor = msg::api_actor::stateful_pointer<fake_state>;

msg::api_response reply(int code, const json::value& body) {
  return {code, "application/json", json::serialize(body)};
}

msg::api_response status(int code, std::string_view reason, std::string_view message) {
  return reply(code, json::object{{"kind", "Status"}, {"apiVersion", "v1"}, {"status", "Failure"},
                                  {"reason", reason}, {"message", message}, {"code", code}});
}

std::string key_of(std::string_view ns, std::string_view name) {
  return std::string(ns) + "/" + std::string(name);
}

void deliver(int64_t id, const fake_state::watcher& w, const fake_state::event& e) {
  if (w.ns.empty() || w.ns == e.ns)
    caf::anon_send(w.subscriber, msg::api_watch_event{id, e.type, e.object, e.rv, false});
}

void record(fake_actor self, std::string type, const json::value& object, std::string ns) {
  auto& st = self->state;
  st.history.push_back({st.rv, std::move(type), json::serialize(object), std::move(ns)});
  if (st.paused || st.silent) return;
  for (const auto& [id, w] : st.watches) deliver(id, w, st.history.back());
}

msg::api_response write(fake_actor self, const msg::api_request& r) {
  auto& st = self->state;
  json::error_code ec;
  auto body = r.body.empty() ? json::value() : json::parse(r.body, ec);
  if (r.verb == "create" || r.verb == "update") {
    if (ec || !body.is_object()) return status(400, "BadRequest", "body is not a JSON object");
    auto& meta_value = body.as_object()["metadata"];
    if (!meta_value.is_object()) meta_value.emplace_object();
    auto& meta = meta_value.get_object();
    if (!meta.contains("name") || !meta["name"].is_string()) return status(422, "Invalid", "name required");
    const std::string name(meta["name"].as_string());
    const auto key = key_of(r.ns, name);
    const bool exists = st.objects.count(key) > 0;
    if (r.verb == "create" && exists) return status(409, "AlreadyExists", name + " already exists");
    if (r.verb == "update" && !exists) return status(404, "NotFound", name + " not found");
    if (!r.ns.empty()) meta["namespace"] = r.ns;
    meta["resourceVersion"] = std::to_string(++st.rv);
    st.objects[key] = body;
    record(self, exists ? "MODIFIED" : "ADDED", body, r.ns);
    return reply(exists ? 200 : 201, body);
  }
  // delete
  auto it = st.objects.find(key_of(r.ns, r.name));
  if (it == st.objects.end()) return status(404, "NotFound", r.name + " not found");
  auto obj = std::move(it->second);
  st.objects.erase(it);
  obj.as_object()["metadata"].as_object()["resourceVersion"] = std::to_string(++st.rv);
  record(self, "DELETED", obj, r.ns);
  return reply(200, obj);
}

msg::api_response list(fake_actor self, const msg::api_request& r) {
  auto& st = self->state;
  ++st.lists;
  st.last_list_query.clear();
  for (const auto& [k, v] : r.query) st.last_list_query[k] = v;
  json::array items;
  for (const auto& [key, obj] : st.objects) {
    if (r.ns.empty() || key.starts_with(r.ns + "/")) items.push_back(obj);
  }
  return reply(200, json::object{{"kind", "PodList"}, {"apiVersion", "v1"},
                                 {"metadata", {{"resourceVersion", std::to_string(st.rv)}}},
                                 {"items", std::move(items)}});
}

msg::api_response control(fake_actor self, const msg::api_request& r) {
  auto& st = self->state;
  if (r.verb == "x-pause") {
    st.paused = true;
  } else if (r.verb == "x-expire") {
    const auto gone = status(410, "Expired", "too old resource version").body;
    for (const auto& [id, w] : st.watches)
      caf::anon_send(w.subscriber, msg::api_watch_event{id, "ERROR", gone, 0, false});
    st.watches.clear();
    st.compacted = st.rv;
    st.paused = false;
  } else if (r.verb == "x-close") {
    for (const auto& [id, w] : st.watches) caf::anon_send(w.subscriber, msg::api_watch_event{id, "", "", 0, true});
    st.watches.clear();
    st.paused = false;
  } else if (r.verb == "x-silent") {
    st.silent = r.body == "true";
    if (!st.silent) st.unanswered.clear();
  } else if (r.verb == "x-events-first") {
    st.events_first = r.body == "true";
  } else if (r.verb == "x-stats") {
    return reply(200, json::object{{"lists", st.lists}, {"watches", st.watch_requests}, {"cancels", st.cancels},
                                   {"activeWatches", st.watches.size()}, {"lastWatchRv", st.last_watch_rv},
                                   {"lastListQuery", st.last_list_query}});
  } else {
    return status(405, "MethodNotAllowed", "unknown verb " + r.verb);
  }
  return reply(200, json::object{});
}

msg::api_actor::behavior_type fake_apiserver(fake_actor self, int64_t start_rv) {
  self->state.rv = start_rv;
  self->state.compacted = start_rv;
  return {
      [=](msg::api_request& r) -> caf::result<msg::api_response> {
        if (r.verb.starts_with("x-")) return control(self, r);
        if (self->state.silent) {
          self->state.unanswered.push_back(self->make_response_promise<msg::api_response>());
          return self->state.unanswered.back();
        }
        if (r.verb == "list") return list(self, r);
        if (r.verb == "get") {
          auto it = self->state.objects.find(key_of(r.ns, r.name));
          if (it == self->state.objects.end()) return status(404, "NotFound", r.name + " not found");
          return reply(200, it->second);
        }
        if (r.verb == "create" || r.verb == "update" || r.verb == "delete") return write(self, r);
        return status(405, "MethodNotAllowed", "unsupported verb " + r.verb);
      },
      [=](msg::api_request& r, caf::actor subscriber) -> caf::result<msg::api_response> {
        auto& st = self->state;
        if (st.silent) {
          st.unanswered.push_back(self->make_response_promise<msg::api_response>());
          return st.unanswered.back();
        }
        ++st.watch_requests;
        if (r.verb != "watch") return status(400, "BadRequest", "a subscriber comes only with watch");
        int64_t from = 0;
        if (auto it = r.query.find("resourceVersion"); it != r.query.end()) {
          const auto& v = it->second;
          if (std::from_chars(v.data(), v.data() + v.size(), from).ec != std::errc{})
            return status(400, "BadRequest", "invalid resourceVersion " + v);
        }
        st.last_watch_rv = from;
        if (from < st.compacted) return status(410, "Expired", "too old resource version");
        const auto id = st.next_watch++;
        st.watches[id] = {subscriber, r.ns};
        auto catch_up = [&] {
          if (st.paused) return;
          for (const auto& e : st.history)
            if (e.rv > from) deliver(id, st.watches[id], e);
        };
        // The protocol sends the reply first; events_first plays an apiserver whose events overtake it.
        if (st.events_first) catch_up();
        auto rp = self->make_response_promise<msg::api_response>();
        rp.deliver(reply(200, json::object{{"watchId", id}}));
        if (!st.events_first) catch_up();
        return rp;
      },
      [=](msg::api_watch_cancel& c) {
        ++self->state.cancels;
        self->state.watches.erase(c.watch_id);
      },
      [](const msg::node_agent&) {},  // kubelets are of no interest to the informer tests
  };
}

}  // namespace

msg::api_actor spawn_fake_apiserver(caf::actor_system& sys, int64_t start_rv) {
  return sys.spawn(fake_apiserver, start_rv);
}

}  // namespace navarch::test
