#include "api/selectors/field_selector.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace navarch::api {

namespace json = boost::json;

namespace {

std::optional<selectable_field> find_field(const std::vector<selectable_field>& fields, std::string_view field) {
  if (field == "metadata.name") return selectable_field{std::string(field), {"metadata", "name"}, ""};
  if (field == "metadata.namespace") return selectable_field{std::string(field), {"metadata", "namespace"}, ""};
  for (const auto& f : fields)
    if (f.field == field) return f;
  return std::nullopt;
}

// Splits on ',' not preceded by an escaping '\' (fields.splitTerms).
std::vector<std::string> split_terms(std::string_view s) {
  std::vector<std::string> terms;
  std::string cur;
  bool escaped = false;
  for (char c : s) {
    if (escaped) {
      cur += '\\';
      cur += c;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == ',') {
      terms.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (escaped) cur += '\\';
  terms.push_back(std::move(cur));
  return terms;
}

// fields.UnescapeValue: only \\, \, and \= are escapes; a bare ',' or '=' is an error.
std::optional<std::string> unescape(std::string_view v, std::string& error) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (c == '\\') {
      if (i + 1 >= v.size() || (v[i + 1] != '\\' && v[i + 1] != ',' && v[i + 1] != '=')) {
        error = "invalid field selector: invalid escape sequence: \\" + std::string(v.substr(i + 1, 1));
        return std::nullopt;
      }
      out += v[++i];
    } else if (c == ',' || c == '=') {
      error = "invalid field selector: unescaped character '" + std::string(1, c) + "'";
      return std::nullopt;
    } else {
      out += c;
    }
  }
  return out;
}

std::string value_at(const json::value& obj, const field_requirement& r) {
  const json::value* v = &obj;
  for (const auto& key : r.path) {
    const auto* o = v->if_object();
    if (!o) return r.absent;
    v = o->if_contains(key);
    if (!v) return r.absent;
  }
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_bool()) return v->get_bool() ? "true" : "false";
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return r.absent;
}

}  // namespace

field_selector_result parse_field_selector(std::string_view text, const std::vector<selectable_field>& fields) {
  field_selector_result res;
  auto terms = split_terms(text);
  std::sort(terms.begin(), terms.end());
  for (const auto& term : terms) {
    if (term.empty()) continue;
    // The first operator found from the left wins, trying != then == then = at each position (splitTerm).
    size_t at = std::string::npos, len = 0;
    bool negated = false;
    for (size_t i = 0; i < term.size() && at == std::string::npos; ++i) {
      std::string_view rest = std::string_view(term).substr(i);
      if (rest.starts_with("!=")) at = i, len = 2, negated = true;
      else if (rest.starts_with("==")) at = i, len = 2;
      else if (rest.starts_with("=")) at = i, len = 1;
    }
    if (at == std::string::npos) {
      res.error = "invalid selector: '" + std::string(text) + "'; can't understand '" + term + "'";
      return {field_selector{}, res.error};
    }
    std::string field = term.substr(0, at);
    std::string err;
    auto value = unescape(std::string_view(term).substr(at + len), err);
    if (!value) return {field_selector{}, err};
    auto spec = find_field(fields, field);
    if (!spec) return {field_selector{}, "field label not supported: " + field};
    res.selector.requirements.push_back(
        field_requirement{field, negated, std::move(*value), spec->path, spec->absent});
  }
  return res;
}

bool matches(const field_selector& s, const json::value& obj) {
  return std::all_of(s.requirements.begin(), s.requirements.end(), [&](const field_requirement& r) {
    return (value_at(obj, r) == r.value) != r.negated;
  });
}

std::optional<std::string> required_value(const field_selector& s, std::string_view field) {
  for (const auto& r : s.requirements)
    if (!r.negated && r.field == field) return r.value;
  return std::nullopt;
}

}  // namespace navarch::api
