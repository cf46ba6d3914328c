#include "api/kinds/rbac/clusterrole/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/rbac/rbac_rules.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace {

void validate(const boost::json::value& obj, field_errors& errs) {
  rbac::validate_rules(obj, false, errs);
  if (!jv::has(obj, {"aggregationRule"})) return;
  const std::string path = "aggregationRule.clusterRoleSelectors";
  const auto* selectors = jv::array_at(obj, {"aggregationRule", "clusterRoleSelectors"});
  if (!selectors || selectors->empty())
    errs.push_back(required(path, "at least one clusterRoleSelector required if aggregationRule is non-nil"));
  else
    for (size_t i = 0; i < selectors->size(); ++i) validate_label_selector(&(*selectors)[i], index_path(path, i), errs);
}

}  // namespace

kind_strategy cluster_role_strategy() {
  kind_strategy s;
  s.group = rbac::group_name;
  s.kind = "ClusterRole";
  s.plural = "clusterroles";
  s.singular = "clusterrole";
  s.namespaced = false;
  s.name_rule = name_is_path_segment;
  s.validate = validate;
  s.smp = &patch::metadata_only;
  s.table = created_at_printer();
  return s;
}

}  // namespace navarch::api
