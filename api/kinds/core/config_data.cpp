#include "api/kinds/core/config_data.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

void validate_data_keys(const json::value& obj, std::string_view bag, const json::object* other,
                        std::string_view other_name, bool base64, int64_t& total, field_errors& errs) {
  const auto* data = jv::object_at(obj, {bag});
  if (!data) return;
  for (const auto& [k, v] : *data) {
    std::string path = key_path(bag, k);
    for (const auto& m : check_config_key(k)) errs.push_back(invalid(path, k, m));
    if (other && other->contains(k))
      errs.push_back(invalid(path, k, "duplicate of key present in " + std::string(other_name)));
    if (!v.is_string()) continue;
    auto size = static_cast<int64_t>(v.get_string().size());
    total += base64 ? size / 4 * 3 : size;
  }
}

void validate_immutable_data(const json::value& obj, const json::value& old, field_errors& errs) {
  if (!jv::bool_at(old, {"immutable"})) return;
  static const std::string why = "field is immutable when `immutable` is set";
  if (!jv::bool_at(obj, {"immutable"})) errs.push_back(forbidden("immutable", why));
  static const json::value null_value;
  for (std::string_view bag : {"data", "binaryData", "stringData"}) {
    const auto* now = jv::at(obj, {bag});
    const auto* was = jv::at(old, {bag});
    if ((now ? *now : null_value) != (was ? *was : null_value)) errs.push_back(forbidden(std::string(bag), why));
  }
}

}  // namespace navarch::api
