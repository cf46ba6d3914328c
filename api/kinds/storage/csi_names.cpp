#include "api/kinds/storage/csi_names.hpp"

namespace navarch::api::storage {

void validate_csi_driver_name(std::string_view name, const std::string& path, field_errors& errs) {
  if (name.empty()) errs.push_back(required(path));
  if (name.size() > 63) errs.push_back(too_long(path, 63));
  for (const auto& m : check_dns1123_subdomain(ascii_lowercase(name))) errs.push_back(invalid(path, name, m));
}

messages csi_driver_name(std::string_view name, bool prefix) {
  messages out = name_is_dns1123_subdomain(ascii_lowercase(name), prefix);
  if (name.size() > 63) out.push_back("must be no more than 63 characters");
  return out;
}

}  // namespace navarch::api::storage
