// Small checks several kinds share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api {

bool one_of(std::string_view v, const std::vector<std::string>& set);

// SCTP, TCP, UDP: the protocols of container, service and endpoint ports.
const std::vector<std::string>& port_protocols();
// An explicit `protocol` of a port must be one Kubernetes knows (SCTP, TCP, UDP); `path` names the port.
void validate_protocol(const boost::json::value& port, const std::string& path, field_errors& errs);

// spec.<field>, when set, is at least 0.
void validate_non_negative(const boost::json::value& obj, std::string_view spec_field, field_errors& errs);

}  // namespace navarch::api
