#include "api/kinds/autoscaling/horizontalpodautoscaler/strategy.hpp"

#include <set>

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/kinds/autoscaling/horizontalpodautoscaler/conversion.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/quantity/quantity.hpp"
#include "api/table/cells.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

const std::vector<std::string> metric_types = {"Object", "Pods", "Resource", "External", "ContainerResource"};

// Each metric type and the field that carries its source.
std::string_view source_field(std::string_view type) {
  if (type == "Object") return "object";
  if (type == "Pods") return "pods";
  if (type == "Resource") return "resource";
  if (type == "External") return "external";
  if (type == "ContainerResource") return "containerResource";
  return {};
}

json::object scaling_rules(int64_t* stabilization, json::array policies) {
  json::object rules{{"selectPolicy", "Max"}, {"policies", std::move(policies)}};
  if (stabilization) rules["stabilizationWindowSeconds"] = *stabilization;
  return rules;
}

json::object policy(std::string_view type, int64_t value) {
  return json::object{{"type", type}, {"value", value}, {"periodSeconds", 15}};
}

// GenerateHPAScaleUpRules / ScaleDownRules: a rule set's unset fields come from the defaults.
void default_rules(json::object& behavior, std::string_view key, json::object defaults) {
  auto it = behavior.find(key);
  if (it != behavior.end() && it->value().is_object())
    for (auto field : {"selectPolicy", "stabilizationWindowSeconds", "policies"})
      if (const auto* v = it->value().as_object().if_contains(field); v && !v->is_null()) defaults[field] = *v;
  behavior[key] = std::move(defaults);
}

void defaults_v2(json::object& hpa) {
  auto& spec = child(hpa, "spec");
  set_default(spec, "minReplicas", 1);
  const auto* metrics = jv::array_at(spec, {"metrics"});
  if (!metrics || metrics->empty())
    spec["metrics"] = json::array{json::object{
        {"type", "Resource"},
        {"resource", json::object{{"name", "cpu"},
                                  {"target", json::object{{"type", "Utilization"}, {"averageUtilization", 80}}}}}}};
  if (jv::object_at(spec, {"behavior"})) {
    auto& behavior = child(spec, "behavior");
    int64_t zero = 0;
    default_rules(behavior, "scaleUp", scaling_rules(&zero, {policy("Pods", 4), policy("Percent", 100)}));
    default_rules(behavior, "scaleDown", scaling_rules(nullptr, {policy("Percent", 100)}));
  }
}

void validate_target(const json::value& target, const std::string& path, field_errors& errs) {
  auto type = jv::string_at(target, {"type"});
  if (type.empty()) errs.push_back(required(path + ".type", "must specify a metric target type"));
  if (type != "Utilization" && type != "Value" && type != "AverageValue")
    errs.push_back(invalid(path + ".type", type, "must be either Utilization, Value, or AverageValue"));
  for (auto key : {"value", "averageValue"})
    if (jv::has(target, {key})) {
      const auto* q = jv::at(target, {key});
      std::string text = q->is_string() ? std::string(q->get_string()) : json::serialize(*q);
      auto parsed = parse_quantity_milli_value(text);
      if (!parsed.ok() || parsed.value <= 0) errs.push_back(invalid(path + "." + key, text, "must be positive"));
    }
  if (auto u = jv::int_at(target, {"averageUtilization"}); u && *u < 1)
    errs.push_back(invalid(path + ".averageUtilization", *u, "must be greater than 0"));
}

void validate_resource_source(const json::value& src, const std::string& path, bool container, field_errors& errs) {
  if (jv::string_at(src, {"name"}).empty()) errs.push_back(required(path + ".name", "must specify a resource name"));
  if (container && jv::string_at(src, {"container"}).empty())
    errs.push_back(required(path + ".container", "must specify a container"));
  static const json::value empty = json::object{};
  const auto* target = jv::at(src, {"target"});
  validate_target(target ? *target : empty, path + ".target", errs);
  bool utilization = jv::has(src, {"target", "averageUtilization"});
  bool average = jv::has(src, {"target", "averageValue"});
  if (!utilization && !average)
    errs.push_back(required(path + ".target.averageUtilization", "must set either a target raw value or a target utilization"));
  if (utilization && average)
    errs.push_back(forbidden(path + ".target.averageValue", "may not set both a target raw value and a target utilization"));
}

void validate_metric(const json::value& m, const std::string& path, field_errors& errs) {
  auto type = jv::string_at(m, {"type"});
  if (type.empty()) errs.push_back(required(path + ".type", "must specify a metric source type"));
  bool known = false;
  for (const auto& t : metric_types) known = known || t == type;
  if (!known) errs.push_back(not_supported(path + ".type", type, metric_types));
  std::set<std::string_view> present;
  for (const auto& t : metric_types)
    if (jv::has(m, {source_field(t)})) present.insert(source_field(t));
  auto expected = source_field(type);
  if (known && !jv::has(m, {expected}))
    errs.push_back(required(path + "." + std::string(expected), "must populate information for the given metric source"));
  if (present.size() != 1)
    for (auto f : present)
      if (f != expected) errs.push_back(forbidden(path + "." + std::string(f), "must populate the given metric source only"));
  if (known && jv::has(m, {expected}) && (type == "Resource" || type == "ContainerResource"))
    validate_resource_source(*jv::at(m, {expected}), path + "." + std::string(expected), type == "ContainerResource", errs);
}

void validate_v2(const json::value& hpa, field_errors& errs) {
  auto min = jv::int_at(hpa, {"spec", "minReplicas"});
  auto max = jv::int_at(hpa, {"spec", "maxReplicas"}).value_or(0);
  if (min && *min < 1) errs.push_back(invalid("spec.minReplicas", *min, "must be greater than or equal to 1"));
  if (max < 1) errs.push_back(invalid("spec.maxReplicas", max, "must be greater than 0"));
  if (min && max < *min) errs.push_back(invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
  field_errors ref_errs;
  for (auto key : {"kind", "name"}) {
    auto v = jv::string_at(hpa, {"spec", "scaleTargetRef", key});
    std::string path = "spec.scaleTargetRef." + std::string(key);
    if (v.empty()) ref_errs.push_back(required(path));
    else
      for (const auto& msg : name_is_path_segment(v, false)) ref_errs.push_back(invalid(path, v, msg));
  }
  if (!ref_errs.empty()) {
    errs.insert(errs.end(), ref_errs.begin(), ref_errs.end());
    return;
  }
  if (const auto* metrics = jv::array_at(hpa, {"spec", "metrics"}))
    for (size_t i = 0; i < metrics->size(); ++i) validate_metric((*metrics)[i], index_path("spec.metrics", i), errs);
}

// formatHPAMetrics: at most two "current/target" entries, then "+ N more...".
std::string format_metrics(const json::value& hpa) {
  const auto* specs = jv::array_at(hpa, {"spec", "metrics"});
  if (!specs || specs->empty()) return "<none>";
  const auto* statuses = jv::array_at(hpa, {"status", "currentMetrics"});
  auto status_at = [&](size_t i, std::string_view field) -> const json::value* {
    if (!statuses || i >= statuses->size()) return nullptr;
    const auto* s = jv::at((*statuses)[i], {field});
    return s && !s->is_null() ? s : nullptr;
  };
  auto text = [](const json::value* q) {
    if (!q || q->is_null()) return std::string("<unknown>");
    return q->is_string() ? std::string(q->get_string()) : json::serialize(*q);
  };
  std::vector<std::string> list;
  for (size_t i = 0; i < specs->size(); ++i) {
    const auto& spec = (*specs)[i];
    auto type = jv::string_at(spec, {"type"});
    auto field = source_field(type);
    if (field.empty()) {
      list.emplace_back("<unknown type>");
      continue;
    }
    const auto* status = status_at(i, field);
    bool resource = type == "Resource" || type == "ContainerResource";
    std::string prefix = resource ? std::string(jv::string_at(spec, {field, "name"})) + ": " : "";
    if (type == "Pods") {
      list.push_back(text(status ? jv::at(*status, {"current", "averageValue"}) : nullptr) + "/" +
                     text(jv::at(spec, {field, "target", "averageValue"})));
    } else if (jv::has(spec, {field, "target", "averageValue"})) {
      list.push_back(prefix + text(status ? jv::at(*status, {"current", "averageValue"}) : nullptr) + "/" +
                     text(jv::at(spec, {field, "target", "averageValue"})) + (resource ? "" : " (avg)"));
    } else if (resource) {
      std::string current = "<unknown>";
      if (auto u = status ? jv::int_at(*status, {"current", "averageUtilization"}) : std::nullopt)
        current = std::to_string(*u) + "%";
      std::string target = "<auto>";
      if (auto u = jv::int_at(spec, {field, "target", "averageUtilization"})) target = std::to_string(*u) + "%";
      list.push_back(prefix + current + "/" + target);
    } else {
      list.push_back(text(status ? jv::at(*status, {"current", "value"}) : nullptr) + "/" +
                     text(jv::at(spec, {field, "target", "value"})));
    }
  }
  constexpr size_t max = 2;
  if (list.size() <= max) return cells::join(list, ", ");
  size_t more = list.size() - max;
  list.resize(max);
  return cells::join(list, ", ") + " + " + std::to_string(more) + " more...";
}

void cells_v2(const json::value& hpa, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(hpa)));
  out.push_back(json::string(std::string(jv::string_at(hpa, {"spec", "scaleTargetRef", "kind"})) + "/" +
                             std::string(jv::string_at(hpa, {"spec", "scaleTargetRef", "name"}))));
  out.push_back(json::string(format_metrics(hpa)));
  auto min = jv::int_at(hpa, {"spec", "minReplicas"});
  out.push_back(json::string(min ? std::to_string(*min) : "<unset>"));
  out.push_back(jv::int_at(hpa, {"spec", "maxReplicas"}).value_or(0));
  out.push_back(jv::int_at(hpa, {"status", "currentReplicas"}).value_or(0));
  out.push_back(json::string(cells::age_of(hpa, now)));
}

// A v1 object is printed and validated as the v2 object it stands for.
json::value as_v2(const json::value& v1) {
  json::object v2 = hpa::v1_to_v2(v1.is_object() ? v1.as_object() : json::object{});
  defaults_v2(v2);
  return v2;
}

void cells_v1(const json::value& hpa, std::chrono::system_clock::time_point now, json::array& out) {
  cells_v2(as_v2(hpa), now, out);
}

printer hpa_printer(cell_fn cells) {
  return {{name_column(),
           column("Reference", "scaleTargetRef points to the target resource to scale, and is used to the pods for "
                               "which metrics should be collected, as well as to actually change the replica count."),
           column("Targets", "metrics contains the specifications for which to use to calculate the desired replica "
                             "count (the maximum replica count across all metrics will be used)."),
           column("MinPods", "minReplicas is the lower limit for the number of replicas to which the autoscaler can "
                             "scale down."),
           column("MaxPods", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can "
                             "scale up."),
           column("Replicas", "currentReplicas is current number of replicas of pods managed by this autoscaler, as "
                              "last seen by the autoscaler."),
           age_column()},
          cells};
}

kind_strategy common() {
  kind_strategy s;
  s.group = "autoscaling";
  s.kind = "HorizontalPodAutoscaler";
  s.plural = "horizontalpodautoscalers";
  s.singular = "horizontalpodautoscaler";
  s.short_names = {"hpa"};
  s.categories = {"all"};
  s.has_status = true;
  s.prepare_for_create = clear_status;
  return s;
}

}  // namespace

kind_strategy horizontal_pod_autoscaler_v2_strategy() {
  kind_strategy s = common();
  s.version = "v2";
  s.defaults = defaults_v2;
  s.validate = validate_v2;
  s.smp = &patch::metadata_and_conditions;
  s.table = hpa_printer(cells_v2);
  return s;
}

kind_strategy horizontal_pod_autoscaler_v1_strategy() {
  kind_strategy s = common();
  s.defaults = [](json::object& hpa) { set_default(child(hpa, "spec"), "minReplicas", 1); };
  s.validate = [](const json::value& hpa, field_errors& errs) { validate_v2(as_v2(hpa), errs); };
  s.stored_api_version = "autoscaling/v2";
  s.to_stored = [](const json::object& v1) { return as_v2(v1).as_object(); };
  s.from_stored = hpa::v2_to_v1;
  s.smp = &patch::metadata_only;
  s.table = hpa_printer(cells_v1);
  return s;
}

}  // namespace navarch::api
