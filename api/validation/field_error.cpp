#include "api/validation/field_error.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include <boost/json.hpp>

namespace navarch::api {

namespace json = boost::json;

std::string field_error::reason() const {
  switch (type) {
    case field_error_type::not_found: return "FieldValueNotFound";
    case field_error_type::required: return "FieldValueRequired";
    case field_error_type::duplicate: return "FieldValueDuplicate";
    case field_error_type::invalid: return "FieldValueInvalid";
    case field_error_type::not_supported: return "FieldValueNotSupported";
    case field_error_type::forbidden: return "FieldValueForbidden";
    case field_error_type::too_long: return "FieldValueTooLong";
    case field_error_type::too_many: return "FieldValueTooMany";
    case field_error_type::internal: return "InternalError";
    case field_error_type::type_invalid: return "FieldValueTypeInvalid";
  }
  return "FieldValueInvalid";
}

namespace {

std::string type_text(field_error_type t) {
  switch (t) {
    case field_error_type::not_found: return "Not found";
    case field_error_type::required: return "Required value";
    case field_error_type::duplicate: return "Duplicate value";
    case field_error_type::invalid: return "Invalid value";
    case field_error_type::not_supported: return "Unsupported value";
    case field_error_type::forbidden: return "Forbidden";
    case field_error_type::too_long: return "Too long";
    case field_error_type::too_many: return "Too many";
    case field_error_type::internal: return "Internal error";
    case field_error_type::type_invalid: return "Invalid value";
  }
  return "Invalid value";
}

field_error make(field_error_type t, std::string field, std::optional<std::string> value, std::string detail) {
  return field_error{t, std::move(field), std::move(value), std::move(detail)};
}

}  // namespace

std::string field_error::body() const {
  std::string s = type_text(type);
  // Required, Forbidden, TooLong and Internal never show the value (ErrorBody).
  bool shows_value = type != field_error_type::required && type != field_error_type::forbidden &&
                     type != field_error_type::too_long && type != field_error_type::internal;
  if (shows_value && value) s += ": " + *value;
  if (!detail.empty()) s += ": " + detail;
  return s;
}

std::string field_error::text() const { return field + ": " + body(); }

field_error required(std::string field, std::string detail) {
  return make(field_error_type::required, std::move(field), std::nullopt, std::move(detail));
}
field_error forbidden(std::string field, std::string detail) {
  return make(field_error_type::forbidden, std::move(field), std::nullopt, std::move(detail));
}
field_error invalid(std::string field, std::string_view value, std::string detail) {
  return make(field_error_type::invalid, std::move(field), go_quote(value), std::move(detail));
}
field_error invalid(std::string field, int64_t value, std::string detail) {
  return make(field_error_type::invalid, std::move(field), std::to_string(value), std::move(detail));
}
field_error invalid_raw(std::string field, std::string value_text, std::string detail) {
  return make(field_error_type::invalid, std::move(field), std::move(value_text), std::move(detail));
}
field_error duplicate(std::string field, std::string_view value) {
  return make(field_error_type::duplicate, std::move(field), go_quote(value), {});
}
field_error not_supported(std::string field, std::string_view value, const std::vector<std::string>& supported) {
  std::string detail;
  for (const auto& v : supported) detail += (detail.empty() ? "supported values: " : ", ") + go_quote(v);
  return make(field_error_type::not_supported, std::move(field), go_quote(value), std::move(detail));
}
field_error too_long(std::string field, int64_t max_bytes) {
  return make(field_error_type::too_long, std::move(field), std::nullopt,
              "must have at most " + std::to_string(max_bytes) + " bytes");
}
field_error field_immutable(std::string field, std::string_view value) {
  return invalid(std::move(field), value, "field is immutable");
}

std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string go_string_map(const json::object* labels) {
  std::vector<std::pair<std::string, std::string>> kv;
  if (labels)
    for (const auto& [k, v] : *labels)
      kv.emplace_back(std::string(k), v.is_string() ? std::string(v.get_string()) : json::serialize(v));
  std::sort(kv.begin(), kv.end());
  std::string out = "map[string]string{";
  for (size_t i = 0; i < kv.size(); ++i) {
    if (i) out += ", ";
    out += go_quote(kv[i].first) + ":" + go_quote(kv[i].second);
  }
  return out + "}";
}

std::string index_path(std::string_view path, size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}
std::string key_path(std::string_view path, std::string_view key) {
  return std::string(path) + "[" + std::string(key) + "]";
}

std::string aggregate_message(const field_errors& errs) {
  std::vector<std::string> texts;
  std::set<std::string> seen;
  for (const auto& e : errs)
    if (seen.insert(e.text()).second) texts.push_back(e.text());
  if (texts.size() == 1) return texts.front();
  std::string out = "[";
  for (size_t i = 0; i < texts.size(); ++i) out += (i ? ", " : "") + texts[i];
  return out + "]";
}

json::array status_causes(const field_errors& errs) {
  json::array causes;
  for (const auto& e : errs)
    causes.push_back(json::object{{"reason", e.reason()}, {"message", e.body()}, {"field", e.field}});
  return causes;
}

std::string invalid_message(std::string_view qualified_kind, std::string_view name, const field_errors& errs) {
  std::string s = std::string(qualified_kind) + " " + go_quote(name) + " is invalid";
  if (!errs.empty()) s += ": " + aggregate_message(errs);
  return s;
}

}  // namespace navarch::api
