#include "api/auth/identity.hpp"

#include <algorithm>

namespace navarch::api::auth {

user_info requester(const std::string& username, const std::vector<std::string>& groups) {
  if (username.empty() || username == anonymous_user) return {anonymous_user, "", {"system:unauthenticated"}};
  user_info u{username, "", groups};
  if (!in_group(u, authenticated_group)) u.groups.push_back(authenticated_group);
  return u;
}

bool in_group(const user_info& user, const std::string& group) {
  return std::find(user.groups.begin(), user.groups.end(), group) != user.groups.end();
}

}  // namespace navarch::api::auth
