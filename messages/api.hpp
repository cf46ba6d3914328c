// The API protocol: the same verbs as the HTTP API, for components (controllers, scheduler, kubelet) that talk
// to the apiserver by messages. Objects travel as compact JSON text.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <caf/meta/type_name.hpp>

namespace navarch::msg {

// One API call. `verb` is one of: get list create update patch delete deletecollection watch.
// `query` holds the HTTP query parameters by their Kubernetes names (labelSelector, fieldSelector,
// resourceVersion, limit, continue, dryRun, fieldManager, allowWatchBookmarks, timeoutSeconds, ...).
struct api_request {
  std::string verb;
  std::string group;    // "" for the core group
  std::string version;  // "v1"
  std::string resource; // plural, e.g. "pods"
  std::string subresource;  // "", "status" or "scale"
  std::string ns;
  std::string name;
  std::string body;          // JSON text (create, update, patch, delete options)
  std::string content_type;  // for patch: which patch type
  std::string accept;        // "application/json" or the Table media type
  std::map<std::string, std::string> query;
  std::string user;          // authenticated user name
  std::string user_agent;    // names the field manager of a write that gives none, as in Kubernetes
};

// The reply: an HTTP-like status code and a JSON body (the object, a list, a Table or a metav1.Status).
struct api_response {
  int32_t code = 200;
  std::string content_type = "application/json";
  std::string body;
};

// One watch event for a subscriber. `object` is the JSON of the object (or a Table, or a Status for ERROR).
struct api_watch_event {
  int64_t watch_id = 0;
  std::string type;  // ADDED MODIFIED DELETED BOOKMARK ERROR
  std::string object;
  int64_t resource_version = 0;
  bool closed = false;  // the apiserver ended this watch (timeout, expiry, shutdown); nothing follows
};

struct api_watch_cancel {
  int64_t watch_id = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, api_request& x) {
  return f(caf::meta::type_name("api_request"), x.verb, x.group, x.version, x.resource, x.subresource, x.ns,
           x.name, x.body, x.content_type, x.accept, x.query, x.user, x.user_agent);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, api_response& x) {
  return f(caf::meta::type_name("api_response"), x.code, x.content_type, x.body);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, api_watch_event& x) {
  return f(caf::meta::type_name("api_watch_event"), x.watch_id, x.type, x.object, x.resource_version, x.closed);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, api_watch_cancel& x) {
  return f(caf::meta::type_name("api_watch_cancel"), x.watch_id);
}

}  // namespace navarch::msg
