// Sets of fields, as server-side apply tracks ownership (structured-merge-diff's fieldpath.Set): the leaves of
// an object, keyed list elements by their merge key, set members by value. metadata.managedFields stores them
// as FieldsV1 trees ("f:spec": {"f:replicas": {}}); here a set is flat, one path per owned field, so union,
// difference and intersection are plain set operations.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "api/patch/smp_schema.hpp"

namespace navarch::api::fields {

// FieldsV1 keys from the root: {"f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:image"}.
using path = std::vector<std::string>;
using field_set = std::set<path>;

// The fields a configuration sets (apiVersion, kind, status and server-set metadata are the server's). A keyed
// list element owns itself and its fields; an unkeyed (atomic) list and an empty map are single leaves.
field_set fields_of(const boost::json::object& obj, const patch::schema_node* schema);

// The fields whose value differs between two versions of an object: set, changed or removed.
field_set changed_fields(const boost::json::object& before, const boost::json::object& after,
                         const patch::schema_node* schema);

// The value at a path (list elements found by key or value); nullptr when absent.
const boost::json::value* value_at(const boost::json::value& doc, const path& p);
// Removes the field or list element at a path, if there.
void erase_at(boost::json::value& doc, const path& p);

field_set from_fields_v1(const boost::json::object& fields_v1);
boost::json::object to_fields_v1(const field_set& set);

// ".spec.template.spec.containers[name=\"web\"].image", as Kubernetes names a field in conflicts.
std::string path_string(const path& p);

field_set set_union(const field_set& a, const field_set& b);
field_set set_difference(const field_set& a, const field_set& b);
field_set set_intersection(const field_set& a, const field_set& b);

}  // namespace navarch::api::fields
