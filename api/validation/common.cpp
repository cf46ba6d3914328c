#include "api/validation/common.hpp"

#include <boost/json.hpp>

#include "api/validation/json_access.hpp"

namespace navarch::api {

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

}  // namespace navarch::api
