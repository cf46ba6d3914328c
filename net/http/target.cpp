#include "net/http/target.hpp"

namespace navarch::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && c == '+') ? ' ' : c;
  }
  return out;
}

parsed_target parse_target(std::string_view target) {
  if (auto hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
  parsed_target out;
  auto q = target.find('?');
  out.path = percent_decode(target.substr(0, q), false);
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view param = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (param.empty()) continue;
    auto eq = param.find('=');
    std::string name = percent_decode(param.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string{} : percent_decode(param.substr(eq + 1), true);
    out.query.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

}  // namespace navarch::http
