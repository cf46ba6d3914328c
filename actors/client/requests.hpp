// Typed helpers for the component side of the API protocol (messages/api.hpp): build api_request messages for
// one resource, and read api_response replies, so components never assemble requests by hand. Building is
// pure; sending is the actor's job, always with a timeout (a dead remote apiserver only fails by timeout):
//   self->request(api, client::default_request_timeout, pods.get("default", "web")).then(...)
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "actors/client/object_cache.hpp"
#include "messages/api.hpp"

namespace navarch::client {

inline constexpr std::chrono::seconds default_request_timeout{10};

struct resource_ref {
  std::string group;    // "" for the core group
  std::string version;  // "v1"
  std::string resource; // plural: "pods"
};

struct list_options {
  std::string label_selector;
  std::string field_selector;
  std::string resource_version;  // "" = most recent; "0" = any (served from the cache)
  int64_t limit = 0;             // 0 = everything
  std::string continue_token;
};

struct watch_options {
  std::string label_selector;
  std::string field_selector;
  int64_t resource_version = 0;  // send only changes after this version (the List's resourceVersion)
  int64_t timeout_seconds = 0;   // 0 = the server's default
  bool allow_bookmarks = true;
};

enum class patch_type { merge, strategic_merge, json_patch, apply };

// The HTTP media type of a patch type ("application/merge-patch+json", ...).
std::string_view content_type(patch_type type);

// Builds the requests for one resource on behalf of one user (the component's identity, for authorization).
// `subresource` is "", "status" or "scale".
class resource_client {
 public:
  explicit resource_client(resource_ref resource, std::string user = {});

  msg::api_request get(std::string_view ns, std::string_view name, std::string_view subresource = {}) const;
  msg::api_request list(std::string_view ns, const list_options& options = {}) const;
  // The watch request; send it together with the subscriber actor.
  msg::api_request watch(std::string_view ns, const watch_options& options = {}) const;
  msg::api_request create(std::string_view ns, const boost::json::value& object) const;
  // Namespace and name come from the object's metadata; its metadata.resourceVersion makes the update
  // conditional (409 Conflict when stale).
  msg::api_request update(const boost::json::value& object, std::string_view subresource = {}) const;
  msg::api_request patch(std::string_view ns, std::string_view name, patch_type type, std::string_view patch,
                         std::string_view subresource = {}) const;
  // `options` is an optional DeleteOptions JSON text (preconditions, propagationPolicy, gracePeriodSeconds).
  msg::api_request remove(std::string_view ns, std::string_view name, std::string_view options = {}) const;

  const resource_ref& resource() const { return resource_; }

 private:
  msg::api_request make(std::string_view verb, std::string_view ns, std::string_view name) const;

  resource_ref resource_;
  std::string user_;
};

// Reading replies.
inline bool succeeded(const msg::api_response& r) { return r.code >= 200 && r.code < 300; }
// The object of a successful reply; nullptr when the reply failed or its body is not a JSON object.
object_ptr reply_object(const msg::api_response& r);
// A one-line reason for a failed reply: the Status message when there is one, else "HTTP <code>".
std::string reply_error(const msg::api_response& r);
// The watch id of a successful watch reply ({"watchId":N}); 0 when absent.
int64_t reply_watch_id(const msg::api_response& r);

}  // namespace navarch::client
