#include "actors/store/etcd/endpoints.hpp"

#include <charconv>

namespace navarch::etcd {

namespace {

std::variant<http::endpoint, std::string> parse_one(std::string_view url) {
  const std::string quoted = "'" + std::string(url) + "'";
  if (url.starts_with("https://")) return "unsupported endpoint " + quoted + ": only http:// is supported";
  if (!url.starts_with("http://")) return "invalid endpoint " + quoted + ": want http://HOST:PORT";
  std::string_view rest = url.substr(7);
  if (rest.ends_with("/")) rest.remove_suffix(1);
  if (rest.find_first_of("/?#@") != std::string_view::npos)
    return "invalid endpoint " + quoted + ": want http://HOST:PORT without a path";
  std::string_view host, port;
  if (rest.starts_with("[")) {  // [IPv6]:PORT
    auto close = rest.find(']');
    if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
      return "invalid endpoint " + quoted + ": want http://[ADDRESS]:PORT";
    host = rest.substr(1, close - 1);
    port = rest.substr(close + 2);
  } else {
    auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) return "invalid endpoint " + quoted + ": missing :PORT";
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.empty()) return "invalid endpoint " + quoted + ": missing host";
  unsigned number = 0;
  auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (port.empty() || ec != std::errc{} || p != port.data() + port.size() || number == 0 || number > 65535)
    return "invalid endpoint " + quoted + ": port must be a number from 1 to 65535";
  return http::endpoint{std::string(host), static_cast<uint16_t>(number)};
}

}  // namespace

std::variant<std::vector<http::endpoint>, std::string> parse_endpoints(std::string_view list) {
  std::vector<http::endpoint> out;
  if (list.empty()) return std::string("no endpoint given: want http://HOST:PORT[,...]");
  std::size_t begin = 0;
  while (true) {
    auto comma = list.find(',', begin);
    auto one = parse_one(list.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin));
    if (auto* err = std::get_if<std::string>(&one)) return *err;
    out.push_back(std::get<http::endpoint>(std::move(one)));
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return out;
}

}  // namespace navarch::etcd
