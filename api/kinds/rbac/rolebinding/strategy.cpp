#include "api/kinds/rbac/rolebinding/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/rbac/rbac_rules.hpp"
#include "api/patch/smp_nodes.hpp"

namespace navarch::api {

kind_strategy role_binding_strategy() {
  kind_strategy s;
  s.group = rbac::group_name;
  s.kind = "RoleBinding";
  s.plural = "rolebindings";
  s.singular = "rolebinding";
  s.namespaced = true;
  s.name_rule = name_is_path_segment;
  s.defaults = rbac::default_binding;
  s.validate = [](const boost::json::value& obj, field_errors& errs) { rbac::validate_binding(obj, true, errs); };
  s.validate_update = rbac::validate_binding_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(), column("Role", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error."),
              age_column(), column("Users", "Users in the roleBinding", "string", 1), column("Groups", "Groups in the roleBinding", "string", 1),
              column("ServiceAccounts", "ServiceAccounts in the roleBinding", "string", 1)},
             rbac::binding_cells};
  return s;
}

}  // namespace navarch::api
