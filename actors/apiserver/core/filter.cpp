#include "actors/apiserver/core/filter.hpp"

#include <boost/json.hpp>

#include "api/object/object_view.hpp"
#include "api/registry/kind_strategy.hpp"
#include "api/selectors/field_selector.hpp"
#include "api/selectors/label_selector.hpp"

namespace navarch::api {

struct object_filter::impl {
  label_selector labels;
  field_selector fields;
  std::string name;
  std::vector<std::vector<std::string>> paths;  // what the selectors read: all matches_json converts
};

object_filter::object_filter() : impl_(std::make_shared<const impl>()) {}

std::variant<object_filter, std::string> object_filter::parse(std::string_view label_text, std::string_view field_text,
                                                              const kind_strategy& kind) {
  auto labels = parse_label_selector(label_text);
  if (!labels.ok()) return labels.error;
  auto fields = parse_field_selector(field_text, kind.selectable_fields);
  if (!fields.ok()) return fields.error;
  auto i = std::make_shared<impl>();
  i->labels = std::move(labels.selector);
  i->fields = std::move(fields.selector);
  if (auto name = required_value(i->fields, "metadata.name")) i->name = *name;
  if (!i->labels.empty()) i->paths.push_back({"metadata", "labels"});
  for (const auto& r : i->fields.requirements) i->paths.push_back(r.path);
  object_filter f;
  f.impl_ = std::move(i);
  return f;
}

bool object_filter::matches(const boost::json::value& obj) const {
  return matches_object(impl_->labels, obj) && api::matches(impl_->fields, obj);
}

bool object_filter::matches_json(std::string_view json) const {
  if (impl_->paths.empty() && !impl_->labels.nothing) return true;
  auto doc = parsed_json::parse(json);
  if (!doc.ok()) return false;
  // Only the fields the selectors read become Boost.JSON, so the selectors' own matching applies unchanged.
  return matches(project(doc.json->root(), impl_->paths));
}

bool object_filter::selects_everything() const {
  return impl_->labels.empty() && impl_->fields.requirements.empty();
}

const std::string& object_filter::required_name() const { return impl_->name; }

}  // namespace navarch::api
