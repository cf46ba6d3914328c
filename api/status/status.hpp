// Kubernetes metav1.Status replies, for every component that answers API calls (the apiserver, the kubelet's
// logs and exec): every failure is one of these, with its reason and code, as kubectl expects.
#pragma once

#include <string>
#include <string_view>

#include "messages/api.hpp"

namespace boost::json {
class array;
}

namespace navarch::api {

// The resource a Status names in its message and details. Made from any resource description that has group,
// plural and kind (the apiserver's resource_info), so callers pass theirs as is.
struct status_resource {
  std::string_view group;   // "" for the core group
  std::string_view plural;  // "pods"
  std::string_view kind;    // "Pod"

  status_resource(std::string_view g, std::string_view p, std::string_view k) : group(g), plural(p), kind(k) {}
  template <class R>
    requires requires(const R& r) {
      r.group;
      r.plural;
      r.kind;
    }
  status_resource(const R& r) : group(r.group), plural(r.plural), kind(r.kind) {}  // NOLINT: implicit on purpose

  // "pods" or "deployments.apps": how Kubernetes names a resource in error messages.
  std::string qualified_name() const;
};

msg::api_response status_reply(int code, std::string_view reason, std::string_view message);
msg::api_response success_reply(const status_resource& r, std::string_view name, std::string_view uid);

msg::api_response not_found(const status_resource& r, std::string_view name);
msg::api_response namespace_not_found(std::string_view ns);
msg::api_response already_exists(const status_resource& r, std::string_view name);
msg::api_response conflict(const status_resource& r, std::string_view name);
msg::api_response conflict_message(const status_resource& r, std::string_view name, std::string_view why);
// 422 Invalid. `message` is the joined field errors, `causes` the details.causes array.
msg::api_response invalid_reply(const status_resource& r, std::string_view name, std::string_view message,
                                const boost::json::array& causes);
msg::api_response bad_request(std::string_view message);
msg::api_response method_not_allowed(std::string_view message);
msg::api_response unsupported_media_type(std::string_view content_type);
msg::api_response expired(std::string_view message);
msg::api_response unauthorized();
msg::api_response path_not_found();
msg::api_response internal_error(std::string_view message);
msg::api_response service_unavailable(std::string_view message);
msg::api_response timeout(std::string_view message);

// The Status object itself (for watch ERROR events).
std::string status_object(int code, std::string_view reason, std::string_view message);

}  // namespace navarch::api
