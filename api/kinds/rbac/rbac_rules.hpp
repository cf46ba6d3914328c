// What the four RBAC kinds share (pkg/apis/rbac/validation): policy rules, role references, subjects, their
// defaults, and the binding Table cells.
#pragma once

#include <chrono>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api::rbac {

inline constexpr const char* group_name = "rbac.authorization.k8s.io";

// rules[i]: verbs required; resource rules name groups and resources; non-resource URLs only cluster-wide.
void validate_rules(const boost::json::value& obj, bool namespaced, field_errors& errs);

// A binding's roleRef (Role or ClusterRole in a RoleBinding, ClusterRole only in a ClusterRoleBinding) and
// subjects (a ServiceAccount needs a namespace in a ClusterRoleBinding).
void validate_binding(const boost::json::value& obj, bool namespaced, field_errors& errs);
// roleRef may not change: "cannot change roleRef".
void validate_binding_update(const boost::json::value& obj, const boost::json::value& old, field_errors& errs);
// roleRef.apiGroup and subjects[].apiGroup as SetDefaults_Subject fills them.
void default_binding(boost::json::object& obj);

// printRoleBinding / printClusterRoleBinding: Name, Role, Age, Users, Groups, ServiceAccounts.
void binding_cells(const boost::json::value& obj, std::chrono::system_clock::time_point now,
                   boost::json::array& out);

}  // namespace navarch::api::rbac
