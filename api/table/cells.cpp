#include "api/table/cells.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/selectors/label_selector.hpp"
#include "api/table/age.hpp"

namespace navarch::api::cells {

namespace json = boost::json;

std::string name_of(const value& obj) { return std::string(jv::string_at(obj, {"metadata", "name"})); }

std::string age_of(const value& obj, time_point now) {
  return age_since(jv::string_at(obj, {"metadata", "creationTimestamp"}), now);
}

void name_age(const value& obj, time_point now, array& out) {
  out.push_back(json::string(name_of(obj)));
  out.push_back(json::string(age_of(obj, now)));
}

void name_created_at(const value& obj, time_point, array& out) {
  out.push_back(json::string(name_of(obj)));
  auto ts = jv::string_at(obj, {"metadata", "creationTimestamp"});
  out.push_back(json::string(ts.empty() ? std::string_view("0001-01-01T00:00:00Z") : ts));  // Go's zero time
}

std::pair<std::string, std::string> containers_and_images(const value* pod_spec) {
  std::string names, images;
  if (const auto* ctrs = pod_spec ? jv::array_at(*pod_spec, {"containers"}) : nullptr)
    for (size_t i = 0; i < ctrs->size(); ++i) {
      if (i) {
        names += ",";
        images += ",";
      }
      names += jv::string_at((*ctrs)[i], {"name"});
      images += jv::string_at((*ctrs)[i], {"image"});
    }
  return {names, images};
}

void template_wide_cells(const value& obj, std::string selector_text, array& out) {
  auto [names, images] = containers_and_images(jv::at(obj, {"spec", "template", "spec"}));
  out.push_back(json::string(names));
  out.push_back(json::string(images));
  out.push_back(json::string(selector_text));
}

std::string label_selector_text(const value* sel) {
  // A missing selector prints as "<none>" (FormatLabelSelector of nil), as an empty one does.
  static const value empty = json::object{};
  auto parsed = label_selector_from_json(sel && !sel->is_null() ? *sel : empty);
  if (!parsed.ok()) return "<error>";
  auto text = to_string(parsed.selector);
  return text.empty() ? "<none>" : text;
}

std::string spec_selector_text(const value& obj) { return label_selector_text(jv::at(obj, {"spec", "selector"})); }

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? std::string(sep) : "") + parts[i];
  return s;
}

}  // namespace navarch::api::cells
