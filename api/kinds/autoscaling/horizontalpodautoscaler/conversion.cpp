#include "api/kinds/autoscaling/horizontalpodautoscaler/conversion.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"

namespace navarch::api::hpa {

namespace json = boost::json;

namespace {

// The fields both versions share at the top of spec and status.
void copy_fields(const json::object& from, json::object& to, std::initializer_list<std::string_view> keys) {
  for (auto k : keys)
    if (const auto* v = from.if_contains(k)) to[k] = *v;
}

bool is_cpu_resource(const json::value& m) {
  return jv::string_at(m, {"type"}) == "Resource" && jv::string_at(m, {"resource", "name"}) == "cpu";
}

}  // namespace

json::object v1_to_v2(const json::object& v1) {
  json::object v2 = v1;
  v2["apiVersion"] = "autoscaling/v2";
  json::object spec;
  if (const auto* s = v1.if_contains("spec"); s && s->is_object()) {
    copy_fields(s->as_object(), spec, {"scaleTargetRef", "minReplicas", "maxReplicas"});
    if (const auto* cpu = s->as_object().if_contains("targetCPUUtilizationPercentage"); cpu && !cpu->is_null())
      spec["metrics"] = json::array{json::object{
          {"type", "Resource"},
          {"resource", json::object{{"name", "cpu"},
                                    {"target", json::object{{"type", "Utilization"}, {"averageUtilization", *cpu}}}}}}};
  }
  v2["spec"] = std::move(spec);
  if (const auto* st = v1.if_contains("status"); st && st->is_object()) {
    json::object status;
    copy_fields(st->as_object(), status, {"observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"});
    if (const auto* cpu = st->as_object().if_contains("currentCPUUtilizationPercentage"); cpu && !cpu->is_null())
      status["currentMetrics"] = json::array{json::object{
          {"type", "Resource"},
          {"resource", json::object{{"name", "cpu"}, {"current", json::object{{"averageUtilization", *cpu}}}}}}};
    v2["status"] = std::move(status);
  }
  return v2;
}

json::object v2_to_v1(const json::object& v2) {
  json::object v1 = v2;
  v1["apiVersion"] = "autoscaling/v1";
  json::object spec;
  if (const auto* s = v2.if_contains("spec"); s && s->is_object()) {
    copy_fields(s->as_object(), spec, {"scaleTargetRef", "minReplicas", "maxReplicas"});
    if (const auto* metrics = jv::array_at(*s, {"metrics"}))
      for (const auto& m : *metrics)
        if (is_cpu_resource(m) && jv::string_at(m, {"resource", "target", "type"}) == "Utilization")
          if (auto u = jv::int_at(m, {"resource", "target", "averageUtilization"})) spec["targetCPUUtilizationPercentage"] = *u;
  }
  v1["spec"] = std::move(spec);
  if (const auto* st = v2.if_contains("status"); st && st->is_object()) {
    json::object status;
    copy_fields(st->as_object(), status, {"observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"});
    if (const auto* metrics = jv::array_at(*st, {"currentMetrics"}))
      for (const auto& m : *metrics)
        if (is_cpu_resource(m))
          if (auto u = jv::int_at(m, {"resource", "current", "averageUtilization"}))
            status["currentCPUUtilizationPercentage"] = *u;
    v1["status"] = std::move(status);
  }
  return v1;
}

}  // namespace navarch::api::hpa
