#include "api/kinds/core/volume_claims.hpp"

#include <boost/json.hpp>

#include "api/quantity/quantity.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api::volumes {

namespace json = boost::json;

namespace {

const std::vector<std::string> access_modes = {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"};

}  // namespace

void validate_access_modes(const json::value& spec, const std::string& path, std::string_view required_detail,
                           field_errors& errs) {
  const auto* modes = jv::array_at(spec, {"accessModes"});
  if (!modes || modes->empty()) {
    errs.push_back(required(path + ".accessModes", std::string(required_detail)));
    return;
  }
  bool once_pod = false, other = false;
  for (const auto& m : *modes) {
    std::string_view mode = m.is_string() ? std::string_view(m.get_string()) : std::string_view();
    if (!one_of(mode, access_modes)) errs.push_back(not_supported(path + ".accessModes", mode, access_modes));
    else if (mode == "ReadWriteOncePod") once_pod = true;
    else other = true;
  }
  if (once_pod && other)
    errs.push_back(forbidden(path + ".accessModes", "may not use ReadWriteOncePod with other access modes"));
}

void validate_class_and_mode(const json::value& spec, const std::string& path, field_errors& errs) {
  if (auto cls = jv::string_at(spec, {"storageClassName"}); !cls.empty())
    for (const auto& m : check_dns1123_subdomain(cls)) errs.push_back(invalid(path + ".storageClassName", cls, m));
  if (jv::has(spec, {"volumeMode"}))
    validate_enum(jv::string_at(spec, {"volumeMode"}), path + ".volumeMode", {"Block", "Filesystem"}, errs, false);
}

void validate_positive_quantity(const json::value* q, const std::string& path, field_errors& errs) {
  std::string text = quantity_text(q);
  auto parsed = parse_quantity_milli_value(text);
  if (!parsed.ok()) errs.push_back(invalid(path, text, parsed.error));
  else if (parsed.value <= 0) errs.push_back(invalid(path, text, "must be greater than zero"));
}

std::string access_modes_text(const json::value* modes) {
  auto has = [&](std::string_view mode) {
    if (const auto* a = modes ? modes->if_array() : nullptr)
      for (const auto& m : *a)
        if (m.is_string() && m.get_string() == mode) return true;
    return false;
  };
  std::string out;
  for (auto [mode, abbrev] : {std::pair{"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"},
                              {"ReadWriteOncePod", "RWOP"}})
    if (has(mode)) out += (out.empty() ? "" : ",") + std::string(abbrev);
  return out;
}

std::string storage_class_of(const json::value& obj) {
  if (const auto* a = jv::at(obj, {"metadata", "annotations", "volume.beta.kubernetes.io/storage-class"});
      a && a->is_string())
    return std::string(a->get_string());
  return std::string(jv::string_at(obj, {"spec", "storageClassName"}));
}

std::string quantity_text(const json::value* q) {
  if (!q || q->is_null()) return "0";
  if (q->is_string()) return std::string(q->get_string());
  return json::serialize(*q);
}

}  // namespace navarch::api::volumes
