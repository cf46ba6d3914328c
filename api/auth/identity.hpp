// Who sent a request, as authentication established it (Kubernetes' user.Info).
#pragma once

#include <string>
#include <vector>

namespace navarch::api::auth {

struct user_info {
  std::string username;
  std::string uid;
  std::vector<std::string> groups;
};

inline constexpr const char* masters_group = "system:masters";
inline constexpr const char* authenticated_group = "system:authenticated";
inline constexpr const char* anonymous_user = "system:anonymous";

// The identity of a request with this user name and these groups (a client certificate's CN and O): an
// authenticated user also belongs to system:authenticated, as in Kubernetes; no name means system:anonymous.
user_info requester(const std::string& username, const std::vector<std::string>& groups);

bool in_group(const user_info& user, const std::string& group);

}  // namespace navarch::api::auth
