// metadata.managedFields: who owns which fields of an object. Every write records its manager: an Update
// (create, update, every patch but apply) takes the fields it changed from the other managers; an Apply owns
// exactly the fields of its configuration and conflicts with other managers on fields whose values it changes,
// unless forced. kubectl's move from client-side to server-side apply is kept consistent as Kubernetes keeps it
// (its last-applied-configuration annotation).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "api/fieldmanager/field_set.hpp"

namespace navarch::api::fields {

struct manager_entry {
  std::string manager;
  std::string operation;  // "Apply" or "Update"
  std::string api_version;
  std::string time;
  std::string subresource;  // "" or "status", "scale"
  field_set fields;
};

std::vector<manager_entry> read_managed_fields(const boost::json::object& obj);
// Replaces metadata.managedFields; entries that own nothing are dropped, as Kubernetes drops them.
void write_managed_fields(boost::json::object& obj, const std::vector<manager_entry>& entries);

// Who writes, and through which resource version and subresource.
struct writer {
  std::string_view manager;
  std::string_view api_version;
  std::string_view subresource;
  std::string_view time;
};

// Records an Update on `after` (the object about to be stored): the writer's entry gains the fields changed
// since `before` (nullptr on create: every field), the other entries lose them.
void record_update(boost::json::object& after, const boost::json::object* before, const writer& who,
                   const patch::schema_node* schema);

struct conflict {
  std::string manager;  // as Kubernetes prints it: "\"kubectl-edit\" using apps/v1"
  std::string field;    // ".spec.replicas"
};

struct apply_outcome {
  bool ok = true;
  std::string error;                // a malformed configuration
  std::vector<conflict> conflicts;  // not empty: refused (409) and nothing changed
  boost::json::object object;       // the object to store
};

// Server-side apply of `applied` by `who` onto `live` (empty when creating). With `force`, conflicting fields
// change hands; without it, any conflict refuses the apply.
apply_outcome apply(const boost::json::object& live, const boost::json::object& applied, const writer& who,
                    bool force, const patch::schema_node* schema);

// "Apply failed with 1 conflict: conflict with \"m\" using v1: .data.a", as kube-apiserver words it.
std::string conflict_message(const std::vector<conflict>& conflicts);

}  // namespace navarch::api::fields
