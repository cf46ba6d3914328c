// The built-in kinds, in discovery order: adding a kind is its folder and one line here.
#include "api/kinds/apps/controllerrevision/strategy.hpp"
#include "api/kinds/apps/daemonset/strategy.hpp"
#include "api/kinds/apps/deployment/strategy.hpp"
#include "api/kinds/apps/replicaset/strategy.hpp"
#include "api/kinds/apps/statefulset/strategy.hpp"
#include "api/kinds/autoscaling/horizontalpodautoscaler/strategy.hpp"
#include "api/kinds/batch/cronjob/strategy.hpp"
#include "api/kinds/authentication/selfsubjectreview/strategy.hpp"
#include "api/kinds/authentication/tokenreview/strategy.hpp"
#include "api/kinds/authorization/selfsubjectaccessreview/strategy.hpp"
#include "api/kinds/authorization/selfsubjectrulesreview/strategy.hpp"
#include "api/kinds/authorization/subjectaccessreview/strategy.hpp"
#include "api/kinds/batch/job/strategy.hpp"
#include "api/kinds/coordination/lease/strategy.hpp"
#include "api/kinds/core/configmap/strategy.hpp"
#include "api/kinds/core/endpoints/strategy.hpp"
#include "api/kinds/core/event/strategy.hpp"
#include "api/kinds/core/limitrange/strategy.hpp"
#include "api/kinds/core/namespace/strategy.hpp"
#include "api/kinds/core/node/strategy.hpp"
#include "api/kinds/core/persistentvolume/strategy.hpp"
#include "api/kinds/core/persistentvolumeclaim/strategy.hpp"
#include "api/kinds/core/pod/strategy.hpp"
#include "api/kinds/core/podtemplate/strategy.hpp"
#include "api/kinds/core/replicationcontroller/strategy.hpp"
#include "api/kinds/core/resourcequota/strategy.hpp"
#include "api/kinds/core/secret/strategy.hpp"
#include "api/kinds/core/service/strategy.hpp"
#include "api/kinds/core/serviceaccount/strategy.hpp"
#include "api/kinds/discovery/endpointslice/strategy.hpp"
#include "api/kinds/events/event/strategy.hpp"
#include "api/kinds/networking/ingress/strategy.hpp"
#include "api/kinds/networking/ingressclass/strategy.hpp"
#include "api/kinds/networking/networkpolicy/strategy.hpp"
#include "api/kinds/policy/poddisruptionbudget/strategy.hpp"
#include "api/kinds/rbac/clusterrole/strategy.hpp"
#include "api/kinds/rbac/clusterrolebinding/strategy.hpp"
#include "api/kinds/rbac/role/strategy.hpp"
#include "api/kinds/rbac/rolebinding/strategy.hpp"
#include "api/kinds/scheduling/priorityclass/strategy.hpp"
#include "api/kinds/storage/csidriver/strategy.hpp"
#include "api/kinds/storage/csinode/strategy.hpp"
#include "api/kinds/storage/storageclass/strategy.hpp"
#include "api/kinds/storage/volumeattachment/strategy.hpp"
#include "api/registry/registry.hpp"

namespace navarch::api {

registry& kind_registry() {
  static registry r({
      namespace_strategy(),
      node_strategy(),
      pod_strategy(),
      service_strategy(),
      endpoints_strategy(),
      config_map_strategy(),
      secret_strategy(),
      event_strategy(),
      service_account_strategy(),
      deployment_strategy(),
      replica_set_strategy(),
      daemon_set_strategy(),
      job_strategy(),
      lease_strategy(),
      replication_controller_strategy(),
      pod_template_strategy(),
      persistent_volume_strategy(),
      persistent_volume_claim_strategy(),
      resource_quota_strategy(),
      limit_range_strategy(),
      stateful_set_strategy(),
      controller_revision_strategy(),
      cron_job_strategy(),
      horizontal_pod_autoscaler_v2_strategy(),
      horizontal_pod_autoscaler_v1_strategy(),
      pod_disruption_budget_strategy(),
      priority_class_strategy(),
      storage_class_strategy(),
      csi_driver_strategy(),
      csi_node_strategy(),
      volume_attachment_strategy(),
      endpoint_slice_strategy(),
      ingress_strategy(),
      ingress_class_strategy(),
      network_policy_strategy(),
      events_event_strategy(),
      role_strategy(),
      cluster_role_strategy(),
      role_binding_strategy(),
      cluster_role_binding_strategy(),
      token_review_strategy(),
      self_subject_review_strategy(),
      subject_access_review_strategy(),
      self_subject_access_review_strategy(),
      self_subject_rules_review_strategy(),
  });
  return r;
}

}  // namespace navarch::api
