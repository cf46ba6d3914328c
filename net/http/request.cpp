// The accessors of navarch::http::request (server.hpp); kept out of server.cpp so that users need no Beast.
#include <algorithm>

#include "net/http/server.hpp"

namespace navarch::http {
namespace {

const std::string& find_first(const std::vector<std::pair<std::string, std::string>>& pairs, const std::string& key) {
  static const std::string none;
  auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == key; });
  return it == pairs.end() ? none : it->second;
}

}  // namespace

const std::string& request::header(const std::string& name) const { return find_first(headers, name); }

const std::string& request::query_param(const std::string& name) const { return find_first(query, name); }

bool request::has_query(const std::string& name) const {
  return std::any_of(query.begin(), query.end(), [&](const auto& p) { return p.first == name; });
}

}  // namespace navarch::http
