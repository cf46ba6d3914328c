#include "actors/apiserver/core/scale.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/resources.hpp"
#include "api/status/status.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

int64_t int_at(const json::object& o, std::string_view a, std::string_view b) {
  auto it = o.find(a);
  if (it == o.end() || !it->value().is_object()) return 0;
  auto jt = it->value().as_object().find(b);
  return jt != it->value().as_object().end() && jt->value().is_int64() ? jt->value().as_int64() : 0;
}

std::string selector_string(const json::object& obj) {
  std::string out;
  auto spec = obj.find("spec");
  if (spec == obj.end() || !spec->value().is_object()) return out;
  auto sel = spec->value().as_object().find("selector");
  if (sel == spec->value().as_object().end() || !sel->value().is_object()) return out;
  auto ml = sel->value().as_object().find("matchLabels");
  if (ml == sel->value().as_object().end() || !ml->value().is_object()) return out;
  for (const auto& kv : ml->value().as_object()) {
    if (!out.empty()) out += ',';
    out += kv.key();
    out += '=';
    if (kv.value().is_string()) out += kv.value().get_string();
  }
  return out;
}

}  // namespace

json::object scale_of(const resource_info&, const json::object& obj, int64_t rv) {
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
          {"spec", json::object{{"replicas", int_at(obj, "spec", "replicas")}}},
          {"status", json::object{{"replicas", int_at(obj, "status", "replicas")}, {"selector", selector_string(obj)}}}};
}

plan_or_error apply_scale(const route& rt, const json::object& scale, const json::object& current, int64_t current_rv) {
  if (auto it = scale.find("metadata"); it != scale.end() && it->value().is_object()) {
    auto rv = it->value().as_object().find("resourceVersion");
    if (rv != it->value().as_object().end() && rv->value().is_string() && !rv->value().get_string().empty() &&
        rv->value().get_string() != std::to_string(current_rv))
      return conflict(*rt.resource, rt.name);
  }
  auto spec = scale.find("spec");
  const json::value* replicas = nullptr;
  if (spec != scale.end() && spec->value().is_object()) replicas = spec->value().as_object().if_contains("replicas");
  if (!replicas || !replicas->is_int64() || replicas->as_int64() < 0) {
    json::array causes{json::object{{"reason", "FieldValueInvalid"},
                                    {"message", "Invalid value: must be greater than or equal to 0"},
                                    {"field", "spec.replicas"}}};
    return invalid_reply(*rt.resource, rt.name, "spec.replicas: Invalid value: must be greater than or equal to 0",
                   causes);
  }
  json::object result = current;
  auto& s = result["spec"];
  if (!s.is_object()) s = json::object{};
  int64_t before = int_at(current, "spec", "replicas");
  if (before == replicas->as_int64() && s.as_object().contains("replicas"))
    return write_plan{write_plan::none, std::move(result)};
  s.as_object()["replicas"] = replicas->as_int64();
  auto& meta = result["metadata"].as_object();
  meta["generation"] = (meta["generation"].is_int64() ? meta["generation"].as_int64() : 0) + 1;
  return write_plan{write_plan::put, std::move(result)};
}

}  // namespace navarch::api
