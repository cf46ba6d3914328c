// Which message table decodes each top-level kind, by apiVersion and kind.
#include "api/protobuf/schema.hpp"

namespace navarch::api::protobuf {

namespace {

struct kind_entry {
  std::string_view api_version, kind;
  const message* type;
};

const kind_entry kinds[] = {
    {"v1", "Namespace", &core::namespace_kind},
    {"v1", "ConfigMap", &core::config_map},
    {"v1", "Secret", &core::secret},
    {"v1", "Service", &core::service},
    {"v1", "ServiceAccount", &core::service_account},
    {"v1", "ResourceQuota", &core::resource_quota},
    {"v1", "Pod", &core::pod},
    {"apps/v1", "Deployment", &apps::deployment},
    {"batch/v1", "Job", &batch::job},
    {"batch/v1", "CronJob", &batch::cron_job},
    {"policy/v1", "PodDisruptionBudget", &policy::pod_disruption_budget},
    {"scheduling.k8s.io/v1", "PriorityClass", &scheduling::priority_class},
    {"rbac.authorization.k8s.io/v1", "Role", &rbac::role},
    {"rbac.authorization.k8s.io/v1", "ClusterRole", &rbac::cluster_role},
    {"rbac.authorization.k8s.io/v1", "RoleBinding", &rbac::role_binding},
    {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", &rbac::cluster_role_binding},
    {"networking.k8s.io/v1", "Ingress", &networking::ingress},
    {"authentication.k8s.io/v1", "TokenRequest", &authentication::token_request},
    {"authentication.k8s.io/v1", "TokenReview", &authentication::token_review},
    {"authentication.k8s.io/v1", "SelfSubjectReview", &authentication::self_subject_review},
    {"authorization.k8s.io/v1", "SubjectAccessReview", &authorization::subject_access_review},
    {"authorization.k8s.io/v1", "SelfSubjectAccessReview", &authorization::self_subject_access_review},
    {"authorization.k8s.io/v1", "LocalSubjectAccessReview", &authorization::local_subject_access_review},
    {"authorization.k8s.io/v1", "SelfSubjectRulesReview", &authorization::self_subject_rules_review},
};

}  // namespace

const message* find_kind(std::string_view api_version, std::string_view kind) {
  for (const auto& k : kinds)
    if (k.api_version == api_version && k.kind == kind) return k.type;
  return nullptr;
}

}  // namespace navarch::api::protobuf
