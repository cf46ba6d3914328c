#include "api/kinds/core/limitrange/strategy.hpp"

#include <map>
#include <set>

#include <boost/json.hpp>

#include "api/kinds/core/volume_claims.hpp"
#include "api/defaults/defaulting.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/quantity/quantity.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

using bound_map = std::map<std::string, std::pair<std::string, int64_t>>;  // resource -> (text, milli value)

// One bound (max, min, default, ...) of one limit: resource names checked, quantities parsed.
bound_map read_bound(const json::value& limit, std::string_view key, const std::string& path, field_errors& errs) {
  bound_map out;
  const auto* o = jv::object_at(limit, {key});
  if (!o) return out;
  for (const auto& [k, v] : *o) {
    std::string p = key_path(path + "." + std::string(key), k);
    for (const auto& m : check_qualified_name(k)) errs.push_back(invalid(p, k, m));
    std::string text = volumes::quantity_text(&v);
    auto q = parse_quantity_milli_value(text);
    if (!q.ok()) errs.push_back(invalid(p, text, q.error));
    else out[std::string(k)] = {text, q.value};
  }
  return out;
}

void compare(const bound_map& lower, const bound_map& upper, std::string_view resource, const std::string& path,
             bool report_upper, std::string_view lower_word, std::string_view upper_word, field_errors& errs) {
  auto lo = lower.find(std::string(resource));
  auto hi = upper.find(std::string(resource));
  if (lo == lower.end() || hi == upper.end() || lo->second.second <= hi->second.second) return;
  const auto& shown = report_upper ? hi->second.first : lo->second.first;
  errs.push_back(invalid(path, shown,
                         std::string(lower_word) + " value " + lo->second.first + " is greater than " +
                             std::string(upper_word) + " value " + hi->second.first));
}

void validate_limit(const json::value& limit, const std::string& path, std::set<std::string>& types,
                    field_errors& errs) {
  auto type = jv::string_at(limit, {"type"});
  for (const auto& m : check_qualified_name(type)) errs.push_back(invalid(path + ".type", type, m));
  if (!types.insert(std::string(type)).second) errs.push_back(duplicate(path + ".type", type));
  auto max = read_bound(limit, "max", path, errs);
  auto min = read_bound(limit, "min", path, errs);
  auto def = read_bound(limit, "default", path, errs);
  auto def_req = read_bound(limit, "defaultRequest", path, errs);
  read_bound(limit, "maxLimitRequestRatio", path, errs);
  if (type == "Pod") {
    if (!def.empty()) errs.push_back(forbidden(path + ".default", "may not be specified when `type` is 'Pod'"));
    if (!def_req.empty())
      errs.push_back(forbidden(path + ".defaultRequest", "may not be specified when `type` is 'Pod'"));
  }
  if (type == "PersistentVolumeClaim" && !min.count("storage") && !max.count("storage"))
    errs.push_back(required(path + ".limits", "either minimum or maximum storage value is required, but neither was provided"));
  std::set<std::string> keys;
  for (const auto* m : {&max, &min, &def, &def_req})
    for (const auto& [k, v] : *m) keys.insert(k);
  for (const auto& k : keys) {
    compare(min, max, k, key_path(path + ".min", k), false, "min", "max", errs);
    compare(min, def_req, k, key_path(path + ".defaultRequest", k), true, "min", "default request", errs);
    compare(def_req, max, k, key_path(path + ".defaultRequest", k), false, "default request", "max", errs);
    compare(def_req, def, k, key_path(path + ".defaultRequest", k), false, "default request", "default limit", errs);
    compare(min, def, k, key_path(path + ".default", k), false, "min", "default", errs);
    compare(def, max, k, key_path(path + ".default", k), true, "default", "max", errs);
  }
}

void validate(const json::value& lr, field_errors& errs) {
  std::set<std::string> types;
  if (const auto* limits = jv::array_at(lr, {"spec", "limits"}))
    for (size_t i = 0; i < limits->size(); ++i) validate_limit((*limits)[i], index_path("spec.limits", i), types, errs);
}

// SetDefaults_LimitRangeItem: a container's default limit comes from max, its default request from the default
// limit, then from min.
void defaults(json::object& lr) {
  for_each_object(child(lr, "spec"), "limits", [](json::object& limit) {
    if (jv::string_at(limit, {"type"}) != "Container") return;
    auto fill = [&](std::string_view target, std::string_view source) {
      const auto* from = jv::object_at(limit, {source});
      if (!from || from->empty()) return;
      json::object from_copy = *from;
      auto& to = child(limit, target);
      for (const auto& [k, v] : from_copy) set_default(to, k, v);
    };
    fill("default", "max");
    fill("defaultRequest", "default");
    fill("defaultRequest", "min");
  });
}

}  // namespace

kind_strategy limit_range_strategy() {
  kind_strategy s;
  s.kind = "LimitRange";
  s.plural = "limitranges";
  s.singular = "limitrange";
  s.short_names = {"limits"};
  s.defaults = defaults;
  s.validate = validate;
  s.smp = &patch::metadata_only;
  s.table = created_at_printer();  // no printer in Kubernetes: the default convertor's Name and Created At
  return s;
}

}  // namespace navarch::api
