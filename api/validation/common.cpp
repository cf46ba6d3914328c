#include "api/validation/common.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

bool one_of(std::string_view v, const std::vector<std::string>& set) {
  for (const auto& s : set)
    if (s == v) return true;
  return false;
}

const std::vector<std::string>& port_protocols() {
  static const std::vector<std::string> protocols = {"SCTP", "TCP", "UDP"};
  return protocols;
}

void validate_protocol(const boost::json::value& port, const std::string& path, field_errors& errs) {
  if (!jv::has(port, {"protocol"})) return;
  auto proto = jv::string_at(port, {"protocol"});
  if (!one_of(proto, port_protocols())) errs.push_back(not_supported(path + ".protocol", proto, port_protocols()));
}

void validate_non_negative(const boost::json::value& obj, std::string_view spec_field, field_errors& errs) {
  if (auto v = jv::int_at(obj, {"spec", spec_field}); v && *v < 0)
    errs.push_back(invalid("spec." + std::string(spec_field), *v, "must be greater than or equal to 0"));
}

void validate_non_negative(std::optional<int64_t> v, const std::string& path, field_errors& errs) {
  if (v && *v < 0) errs.push_back(invalid(path, *v, "must be greater than or equal to 0"));
}

void validate_label_selector(const json::value* sel, const std::string& path, field_errors& errs) {
  if (!sel || !sel->is_object()) return;
  if (const auto* ml = jv::object_at(*sel, {"matchLabels"})) {
    for (const auto& [k, v] : *ml) {
      for (const auto& m : check_qualified_name(k)) errs.push_back(invalid(path + ".matchLabels", k, m));
      std::string_view value = v.is_string() ? std::string_view(v.get_string()) : std::string_view();
      for (const auto& m : check_label_value(value)) errs.push_back(invalid(path + ".matchLabels", value, m));
    }
  }
  const auto* exprs = jv::array_at(*sel, {"matchExpressions"});
  if (!exprs) return;
  static const std::vector<std::string> ops = {"In", "NotIn", "Exists", "DoesNotExist"};
  for (size_t i = 0; i < exprs->size(); ++i) {
    const auto& e = (*exprs)[i];
    std::string ep = index_path(path + ".matchExpressions", i);
    auto op = jv::string_at(e, {"operator"});
    const auto* values = jv::array_at(e, {"values"});
    size_t n = values ? values->size() : 0;
    if (op == "In" || op == "NotIn") {
      if (n == 0) errs.push_back(required(ep + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op == "Exists" || op == "DoesNotExist") {
      if (n > 0)
        errs.push_back(forbidden(ep + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push_back(invalid(ep + ".operator", op, "not a valid selector operator"));
    }
    auto key = jv::string_at(e, {"key"});
    for (const auto& m : check_qualified_name(key)) errs.push_back(invalid(ep + ".key", key, m));
  }
}

void validate_int_or_percent(const json::value* v, const std::string& path, field_errors& errs) {
  if (!v || v->is_null()) return;
  if (!v->is_string()) {
    validate_non_negative(jv::int_at(*v, {}), path, errs);
    return;
  }
  // The value is printed as Go prints an intstr.IntOrString holding a string.
  std::string_view s = v->get_string();
  std::string shown = "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + go_quote(s) + "}";
  bool digits = s.size() >= 2 && s.back() == '%';
  for (size_t i = 0; digits && i + 1 < s.size(); ++i) digits = s[i] >= '0' && s[i] <= '9';
  if (!digits) {
    errs.push_back(invalid_raw(path, shown,
                               "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  "
                               "or '93%', regex used for validation is '[0-9]+%')"));
    return;
  }
  int64_t percent = 0;
  for (size_t i = 0; i + 1 < s.size() && percent <= 100; ++i) percent = percent * 10 + (s[i] - '0');
  if (percent > 100)
    errs.push_back(invalid_raw(path, shown, "must not be greater than 100%"));
}

std::string error_value_text(const json::value* v) {
  if (!v || v->is_null()) return "null";
  if (v->is_string()) return go_quote(v->get_string());
  return json::serialize(*v);
}

void validate_immutable(const json::value* now, const json::value* before, const std::string& path,
                        field_errors& errs) {
  static const json::value null_value;
  const json::value& a = now ? *now : null_value;
  const json::value& b = before ? *before : null_value;
  if (a != b) errs.push_back(invalid_raw(path, error_value_text(now), "field is immutable"));
}

void validate_enum(std::string_view v, const std::string& path, const std::vector<std::string>& supported,
                   field_errors& errs, bool required_when_empty) {
  if (v.empty()) {
    if (required_when_empty) errs.push_back(required(path));
    return;
  }
  if (!one_of(v, supported)) errs.push_back(not_supported(path, v, supported));
}

}  // namespace navarch::api
