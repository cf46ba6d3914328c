#include "api/validation/workloads.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/selectors/label_selector.hpp"
#include "api/validation/pod.hpp"

namespace navarch::api {

namespace json = boost::json;

void validate_template_selector(std::string_view kind_word, const json::value& obj, field_errors& errs) {
  const auto* sel = jv::at(obj, {"spec", "selector"});
  if (!sel || sel->is_null()) {
    errs.push_back(required("spec.selector"));
    return;
  }
  auto parsed = label_selector_from_json(*sel);
  if (!parsed.ok()) {
    errs.push_back(invalid_raw("spec.selector", json::serialize(*sel), parsed.error));
    return;
  }
  if (parsed.selector.empty()) {
    errs.push_back(invalid_raw("spec.selector", json::serialize(*sel),
                               "empty selector is invalid for " + std::string(kind_word)));
    return;
  }
  const auto* labels = jv::object_at(obj, {"spec", "template", "metadata", "labels"});
  if (!matches(parsed.selector, labels))
    errs.push_back(invalid_raw("spec.template.metadata.labels", go_string_map(labels),
                               "`selector` does not match template `labels`"));
}

void validate_replicated_template(std::string_view kind, const json::value& obj, field_errors& errs) {
  const auto* tmpl = jv::at(obj, {"spec", "template"});
  validate_pod_template(tmpl, "spec.template", {"Always"}, errs);
  if (tmpl && jv::has(*tmpl, {"spec", "activeDeadlineSeconds"}))
    errs.push_back(forbidden("spec.template.spec.activeDeadlineSeconds",
                             "activeDeadlineSeconds in " + std::string(kind) + " is not Supported"));
}

void validate_selector_unchanged(const json::value& obj, const json::value& old, field_errors& errs) {
  const auto* sel = jv::at(obj, {"spec", "selector"});
  const auto* old_sel = jv::at(old, {"spec", "selector"});
  static const json::value null_value;
  if ((sel ? *sel : null_value) != (old_sel ? *old_sel : null_value))
    errs.push_back(invalid_raw("spec.selector", sel ? json::serialize(*sel) : "null", "field is immutable"));
}

}  // namespace navarch::api
