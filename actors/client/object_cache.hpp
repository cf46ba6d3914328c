// The pure core of an informer: a local cache of one resource's objects, fed by a List reply and by watch
// events, that reports what changed as deltas (the informer turns them into handler calls). No CAF, no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace navarch::client {

// Objects are immutable shared snapshots: handlers and readers may keep one while the cache moves on.
using object_ptr = std::shared_ptr<const boost::json::value>;

// The cache key of an object, as client-go's MetaNamespaceKeyFunc: "namespace/name", or "name" when
// cluster-scoped. Empty when the object has no metadata.name.
std::string object_key(const boost::json::value& object);
std::string object_key(std::string_view ns, std::string_view name);

struct cache_delta {
  enum kind_t { added, updated, deleted };
  kind_t kind = added;
  object_ptr old_object;  // updated: the previous state; deleted: the last cached state
  object_ptr object;      // added/updated: the new state; deleted: the final state (the watch event's object,
                          // or the last cached state when a relist found the object gone)
};

struct cache_result {
  std::vector<cache_delta> deltas;
  std::string error;  // non-empty: the input was rejected and the cache is unchanged
  bool ok() const { return error.empty(); }
};

class object_cache {
 public:
  // Replaces the whole content with a List reply body ({"metadata":{"resourceVersion":"N"},"items":[...]}) and
  // returns the deltas that take the old content to the new one: objects gone are deleted, new ones added, and
  // ones whose resourceVersion (or, without one, content) changed are updated. Unchanged objects keep their
  // snapshot and give no delta.
  cache_result apply_list(std::string_view body);

  // Applies one watch event: ADDED, MODIFIED, DELETED or BOOKMARK, with the object's JSON text and the event's
  // resourceVersion (0: take it from the object's metadata). ERROR events are the caller's business.
  // ADDED of a cached object is an update, MODIFIED of an unknown one an add; DELETED of an unknown object
  // only advances the resourceVersion.
  cache_result apply_event(std::string_view type, std::string_view object_json, int64_t resource_version);

  object_ptr get(std::string_view ns, std::string_view name) const;
  object_ptr get(const std::string& key) const;
  std::vector<object_ptr> list() const;                   // in key order
  std::vector<object_ptr> list(std::string_view ns) const;  // one namespace ("": all), in key order
  std::size_t size() const { return objects_.size(); }

  // The resourceVersion the cache reflects: the List's, then each event's. A watch resumes from here.
  int64_t resource_version() const { return resource_version_; }

 private:
  std::map<std::string, object_ptr, std::less<>> objects_;
  int64_t resource_version_ = 0;
};

// The resourceVersion of an object (metadata.resourceVersion) as a number; 0 when absent or not a number.
int64_t object_resource_version(const boost::json::value& object);

// The `code` of a metav1.Status JSON text (as carried by a watch ERROR event); 0 when it is not one.
int status_code(std::string_view status_json);

}  // namespace navarch::client
