#include "actors/apiserver/core/scale.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/validation_reply.hpp"
#include "api/registry/kind_strategy.hpp"
#include "api/selectors/label_selector.hpp"
#include "api/status/status.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

const json::value* value_at(const json::object& obj, const std::vector<std::string>& path) {
  const json::object* cur = &obj;
  const json::value* v = nullptr;
  for (const auto& key : path) {
    if (!cur) return nullptr;
    v = cur->if_contains(key);
    if (!v) return nullptr;
    cur = v->if_object();
  }
  return v;
}

int64_t int_at(const json::object& obj, const std::vector<std::string>& path) {
  const auto* v = value_at(obj, path);
  return v && v->is_int64() ? v->as_int64() : 0;
}

// The selector as labels.Selector.String() prints it ("" when absent or malformed).
std::string selector_string(const json::object& obj, const scale_mapping& scale) {
  const auto* sel = value_at(obj, scale.label_selector);
  if (!sel || !sel->is_object()) return {};
  json::value as_selector = scale.selector_is_label_map ? json::value(json::object{{"matchLabels", *sel}}) : *sel;
  auto parsed = label_selector_from_json(as_selector);
  return parsed.ok() ? to_string(parsed.selector) : std::string();
}

}  // namespace

json::object scale_of(const kind_strategy& r, const json::object& obj, int64_t rv) {
  json::object meta;
  if (auto it = obj.find("metadata"); it != obj.end() && it->value().is_object()) {
    const auto& m = it->value().as_object();
    for (auto field : {"name", "namespace", "uid", "creationTimestamp"})
      if (auto f = m.find(field); f != m.end()) meta[field] = f->value();
  }
  meta["resourceVersion"] = std::to_string(rv);
  return {{"kind", "Scale"},
          {"apiVersion", "autoscaling/v1"},
          {"metadata", meta},
          {"spec", json::object{{"replicas", int_at(obj, r.scale.spec_replicas)}}},
          {"status", json::object{{"replicas", int_at(obj, r.scale.status_replicas)},
                                  {"selector", selector_string(obj, r.scale)}}}};
}

plan_or_error apply_scale(const route& rt, const json::object& scale, const json::object& current, int64_t current_rv) {
  const kind_strategy& r = *rt.resource;
  if (auto it = scale.find("metadata"); it != scale.end() && it->value().is_object()) {
    auto rv = it->value().as_object().find("resourceVersion");
    if (rv != it->value().as_object().end() && rv->value().is_string() && !rv->value().get_string().empty() &&
        rv->value().get_string() != std::to_string(current_rv))
      return conflict(r, rt.name);
  }
  const json::value* replicas = value_at(scale, {"spec", "replicas"});
  if (!replicas || !replicas->is_int64() || replicas->as_int64() < 0)
    return invalid_fields(r, rt.name,
                          {field_error{field_error_type::invalid, "spec.replicas", std::nullopt,
                                       "must be greater than or equal to 0"}});
  // Writes spec.replicas at the kind's path, creating the objects on the way.
  json::object result = current;
  const auto& path = r.scale.spec_replicas;
  json::object* parent = &result;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    auto& next = (*parent)[path[i]];
    if (!next.is_object()) next = json::object{};
    parent = &next.as_object();
  }
  if (value_at(current, path) && int_at(current, path) == replicas->as_int64())
    return write_plan{write_plan::none, std::move(result)};
  (*parent)[path.back()] = replicas->as_int64();
  auto& meta = result["metadata"].as_object();
  meta["generation"] = (meta["generation"].is_int64() ? meta["generation"].as_int64() : 0) + 1;
  return write_plan{write_plan::put, std::move(result)};
}

}  // namespace navarch::api
