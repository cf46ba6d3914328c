// Kubernetes metav1.Status replies: every failure the API returns is one of these, with its reason and code.
#pragma once

#include <string>
#include <string_view>

#include "messages/api.hpp"

namespace boost::json {
class array;
}

namespace navarch::api {

struct kind_strategy;

msg::api_response status_reply(int code, std::string_view reason, std::string_view message);
msg::api_response success_reply(const kind_strategy& r, std::string_view name, std::string_view uid);

msg::api_response not_found(const kind_strategy& r, std::string_view name);
msg::api_response namespace_not_found(std::string_view ns);
msg::api_response already_exists(const kind_strategy& r, std::string_view name);
msg::api_response conflict(const kind_strategy& r, std::string_view name);
msg::api_response conflict_message(const kind_strategy& r, std::string_view name, std::string_view why);
// 422 Invalid. `message` is the joined field errors, `causes` the details.causes array.
msg::api_response invalid_reply(const kind_strategy& r, std::string_view name, std::string_view message,
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
