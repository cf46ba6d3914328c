#include "api/auth/authorizer.hpp"

#include <string_view>

namespace navarch::api::auth {

namespace {

constexpr std::string_view not_enforced =
    "Navarch does not enforce authorization yet (no RBAC): every authenticated user may do everything";

// The paths the HTTPS front serves without credentials (api::is_public_path).
const std::vector<std::string>& public_paths() {
  static const std::vector<std::string> paths{"/version", "/healthz", "/healthz/*", "/livez", "/livez/*",
                                              "/readyz", "/readyz/*"};
  return paths;
}

bool public_read(const request_attributes& a) {
  if (a.resource_request || (a.verb != "get" && a.verb != "head")) return false;
  for (std::string_view p : public_paths()) {
    if (p.ends_with("/*") ? a.path.starts_with(p.substr(0, p.size() - 1)) : a.path == p) return true;
  }
  return false;
}

}  // namespace

decision authorize(const user_info& user, const request_attributes& attrs) {
  if (in_group(user, masters_group))
    return {true, false, "the user is in group system:masters, which may do everything"};
  if (user.username != anonymous_user) return {true, false, std::string(not_enforced)};
  if (public_read(attrs)) return {true, false, "anyone may read /version and the health checks"};
  return {false, false, "anonymous requests may only read /version and the health checks"};
}

rule_set rules_for(const user_info& user, const std::string&) {
  rule_set rules;
  if (user.username == anonymous_user) {
    rules.non_resource_rules.push_back({{"get"}, public_paths()});
    return rules;
  }
  rules.resource_rules.push_back({{"*"}, {"*"}, {"*"}, {}});
  rules.non_resource_rules.push_back({{"*"}, {"*"}});
  if (!in_group(user, masters_group)) rules.evaluation_error = std::string(not_enforced);
  return rules;
}

}  // namespace navarch::api::auth
