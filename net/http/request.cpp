// The accessors of navarch::http::request (server.hpp); kept out of server.cpp so that users need no Beast.
#include <algorithm>
#include <cctype>

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

bool request::wants_websocket() const {
  std::string upgrade = header("upgrade");
  for (char& c : upgrade) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return method == "GET" && upgrade.find("websocket") != std::string::npos && !header("sec-websocket-key").empty();
}

std::vector<std::string> request::websocket_protocols() const {
  std::vector<std::string> out;
  for (const auto& [name, value] : headers) {
    if (name != "sec-websocket-protocol") continue;
    for (std::size_t start = 0; start <= value.size();) {
      auto comma = value.find(',', start);
      auto item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      auto first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
      if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace navarch::http
