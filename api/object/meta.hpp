// What every component reads of an object's metadata and status conditions, over either representation:
// a Boost.JSON value (informer caches, the apiserver's documents) or a simdjson view (read-only decoding).
// String results point into the object and live as long as it does. Missing or mistyped fields read as absent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace navarch::api {

class object_view;

namespace meta {

std::string_view name(const boost::json::value& obj);
std::string_view name(const object_view& obj);
std::string_view namespace_of(const boost::json::value& obj);
std::string_view namespace_of(const object_view& obj);
std::string_view uid(const boost::json::value& obj);
std::string_view uid(const object_view& obj);
std::string_view resource_version(const boost::json::value& obj);
std::string_view resource_version(const object_view& obj);
int64_t generation(const boost::json::value& obj);  // 0 when unset
int64_t generation(const object_view& obj);

// "namespace/name", or "name" when cluster-scoped; "" without a name (client-go's MetaNamespaceKeyFunc).
std::string key(const boost::json::value& obj);
std::string key(const object_view& obj);

std::optional<std::string_view> label(const boost::json::value& obj, std::string_view key);
std::optional<std::string_view> label(const object_view& obj, std::string_view key);
std::optional<std::string_view> annotation(const boost::json::value& obj, std::string_view key);
std::optional<std::string_view> annotation(const object_view& obj, std::string_view key);

std::vector<std::string_view> finalizers(const boost::json::value& obj);
std::vector<std::string_view> finalizers(const object_view& obj);
bool has_finalizer(const boost::json::value& obj, std::string_view finalizer);
bool has_finalizer(const object_view& obj, std::string_view finalizer);

// metadata.deletionTimestamp ("" when unset) and whether deletion has begun.
std::string_view deletion_timestamp(const boost::json::value& obj);
std::string_view deletion_timestamp(const object_view& obj);
bool being_deleted(const boost::json::value& obj);
bool being_deleted(const object_view& obj);

struct owner_reference {
  std::string_view api_version, kind, name, uid;
  bool controller = false;
  bool block_owner_deletion = false;
};
std::vector<owner_reference> owner_references(const boost::json::value& obj);
std::vector<owner_reference> owner_references(const object_view& obj);
// The owner reference with controller: true (metav1.GetControllerOf).
std::optional<owner_reference> controller_of(const boost::json::value& obj);
std::optional<owner_reference> controller_of(const object_view& obj);

}  // namespace meta

// status.conditions[] entries (Pod, Node, Deployment, Job... all share the shape).
struct condition {
  std::string_view type, status, reason, message, last_transition_time;
};
std::optional<condition> find_condition(const boost::json::value& obj, std::string_view type);
std::optional<condition> find_condition(const object_view& obj, std::string_view type);
// "True", "False", "Unknown", or "" when the object has no such condition.
std::string_view condition_status(const boost::json::value& obj, std::string_view type);
std::string_view condition_status(const object_view& obj, std::string_view type);
bool condition_true(const boost::json::value& obj, std::string_view type);
bool condition_true(const object_view& obj, std::string_view type);

}  // namespace navarch::api
