// The --datastore-endpoint value: a comma-separated list of plain-HTTP etcd client URLs. Pure.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "net/http/client.hpp"

namespace navarch::etcd {

// "http://HOST:PORT[,http://HOST:PORT...]" (a trailing "/" is allowed) → endpoints, or a one-line error.
std::variant<std::vector<http::endpoint>, std::string> parse_endpoints(std::string_view list);

}  // namespace navarch::etcd
