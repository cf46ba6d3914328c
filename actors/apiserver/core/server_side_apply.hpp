// Server-side apply, simplified: each field manager owns the fields of its last applied configuration
// (recorded in metadata.managedFields as FieldsV1), so a field it stops applying is removed, while fields set by
// others stay. Conflicts between managers are not detected yet: the applier always wins, as with --force-conflicts.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "api/patch/smp_schema.hpp"

namespace navarch::api {

struct apply_result {
  bool ok = true;
  boost::json::object object;
  std::string error;
};

// `live` is the stored object (empty when creating); `applied` the configuration sent by `manager`; `schema` the
// kind's strategic-merge schema.
apply_result server_side_apply(const boost::json::object& live, const boost::json::object& applied,
                               std::string_view manager, const patch::schema_node* schema, std::string_view time);

}  // namespace navarch::api
