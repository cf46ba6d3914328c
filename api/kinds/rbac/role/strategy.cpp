#include "api/kinds/rbac/role/strategy.hpp"

#include "api/kinds/rbac/rbac_rules.hpp"
#include "api/patch/smp_nodes.hpp"

namespace navarch::api {

kind_strategy role_strategy() {
  kind_strategy s;
  s.group = rbac::group_name;
  s.kind = "Role";
  s.plural = "roles";
  s.singular = "role";
  s.name_rule = name_is_path_segment;
  s.validate = [](const boost::json::value& obj, field_errors& errs) { rbac::validate_rules(obj, true, errs); };
  s.smp = &patch::metadata_only;
  s.table = created_at_printer();  // Kubernetes has no printer for roles: the default convertor's columns
  return s;
}

}  // namespace navarch::api
