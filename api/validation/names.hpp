// Syntax checks for names, label keys and values, config keys, ports and IPs, with Kubernetes' exact messages
// (k8s.io/apimachinery/pkg/util/validation). Each returns the list of problems; empty means valid.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace navarch::api {

using messages = std::vector<std::string>;

messages check_dns1123_subdomain(std::string_view value);  // most object names
messages check_dns1123_label(std::string_view value);      // namespace names, container names
messages check_dns1035_label(std::string_view value);      // service names
messages check_qualified_name(std::string_view value);     // label and annotation keys: [prefix/]name
messages check_label_value(std::string_view value);
messages check_config_key(std::string_view value);  // ConfigMap and Secret data keys
messages check_port_number(int64_t port);
messages check_port_name(std::string_view value);  // IANA_SVC_NAME, as in named container and target ports
messages check_ip(std::string_view value);

// ASCII lowercase, as strings.ToLower on the names Kubernetes lowercases before checking or printing them.
std::string ascii_lowercase(std::string_view value);

// A name checker as each kind uses for metadata.name; `prefix` checks a generateName (trailing '-' allowed).
using name_check = messages (*)(std::string_view value, bool prefix);
messages name_is_dns1123_subdomain(std::string_view value, bool prefix);
messages name_is_dns1123_label(std::string_view value, bool prefix);
messages name_is_dns1035_label(std::string_view value, bool prefix);
// path.IsValidPathSegmentName (RBAC objects): not "." or "..", no '/' or '%'.
messages name_is_path_segment(std::string_view value, bool prefix);

}  // namespace navarch::api
