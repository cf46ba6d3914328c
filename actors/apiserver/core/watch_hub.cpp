#include "actors/apiserver/core/watch_hub.hpp"

#include <boost/json.hpp>

#include "api/registry/registry.hpp"
#include "api/registry/stored_form.hpp"

namespace navarch::api {

namespace json = boost::json;

std::optional<key_parts> parse_key(std::string_view key) {
  constexpr std::string_view root = "/registry/";
  if (!key.starts_with(root)) return std::nullopt;
  key.remove_prefix(root.size());
  size_t slash = key.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view plural = key.substr(0, slash);
  key.remove_prefix(slash + 1);
  key_parts parts;
  parts.resource = kind_registry().find_stored(plural);
  if (!parts.resource) return std::nullopt;
  if (parts.resource->namespaced) {
    slash = key.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    parts.ns = key.substr(0, slash);
    key.remove_prefix(slash + 1);
  }
  parts.name = key;
  return parts;
}

watch_hub::watch_hub(size_t window_capacity) : capacity_(window_capacity) {}

void watch_hub::reset(int64_t rv) {
  window_.clear();
  oldest_rv_ = rv;
  latest_rv_ = rv;
}

std::string watch_hub::render(const watch_spec& spec, const json::value& obj, int64_t rv, clock::time_point now) {
  return render_object(*spec.resource, served_form(*spec.resource, obj), rv, spec.format, now);
}

std::optional<std::vector<delivery>> watch_hub::add(int64_t id, watch_spec spec, int64_t from_rv,
                                                    clock::time_point now) {
  if (from_rv < oldest_rv_) return std::nullopt;
  watch w{std::move(spec), from_rv};
  std::vector<delivery> out;
  for (const auto& e : window_)
    if (e.rv > from_rv) match(id, w, e, now, out);
  watches_.emplace(id, std::move(w));
  return out;
}

void watch_hub::remove(int64_t id) { watches_.erase(id); }

void watch_hub::match(int64_t id, const watch& w, const cached_event& e, clock::time_point now,
                      std::vector<delivery>& out) const {
  // Kinds sharing a plural share their objects (/registry/<plural>/): an autoscaling/v1 watch sees the v2 objects.
  if (e.rv <= w.from_rv || e.resource->plural != w.spec.resource->plural) return;
  if (!w.spec.ns.empty() && e.ns != w.spec.ns) return;
  bool now_matches = !e.deleted && w.spec.filter.matches(*e.object);
  bool before_matched = e.prev && w.spec.filter.matches(*e.prev);
  const char* type = nullptr;
  if (e.deleted) type = before_matched ? "DELETED" : nullptr;
  else if (now_matches) type = before_matched ? "MODIFIED" : "ADDED";
  else if (before_matched) type = "DELETED";  // it no longer matches the selector: gone from this watch's view
  if (!type) return;
  out.push_back(delivery{id, type, render(w.spec, *e.object, e.rv, now), e.rv});
}

std::vector<delivery> watch_hub::push(const msg::watch_event& ev, clock::time_point now) {
  std::vector<delivery> out;
  auto parts = parse_key(ev.kv.key);
  int64_t rv = ev.kv.mod_revision;
  if (rv > latest_rv_) latest_rv_ = rv;
  if (!parts) return out;
  auto parse = [](const std::string& text) -> std::shared_ptr<const json::value> {
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) return nullptr;
    return std::make_shared<const json::value>(std::move(v));
  };
  cached_event e;
  e.resource = parts->resource;
  e.ns = std::move(parts->ns);
  e.name = std::move(parts->name);
  e.rv = rv;
  e.deleted = ev.type == msg::watch_event::del;
  if (ev.prev_kv.version > 0) e.prev = parse(ev.prev_kv.value);
  e.object = e.deleted ? e.prev : parse(ev.kv.value);
  if (!e.object) return out;  // a value that is not JSON (or a delete of an unknown value) is not an API event
  for (const auto& [id, w] : watches_) match(id, w, e, now, out);
  window_.push_back(std::move(e));
  while (window_.size() > capacity_) {
    oldest_rv_ = window_.front().rv;
    window_.pop_front();
  }
  return out;
}

std::vector<delivery> watch_hub::bookmarks() const {
  std::vector<delivery> out;
  for (const auto& [id, w] : watches_) {
    if (!w.spec.bookmarks) continue;
    json::object obj{{"kind", w.spec.resource->kind},
                     {"apiVersion", w.spec.resource->api_version()},
                     {"metadata", json::object{{"resourceVersion", std::to_string(latest_rv_)}}}};
    out.push_back(delivery{id, "BOOKMARK", json::serialize(obj), latest_rv_});
  }
  return out;
}

}  // namespace navarch::api
