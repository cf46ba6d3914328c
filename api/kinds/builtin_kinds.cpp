// The built-in kinds, in discovery order: adding a kind is its folder and one line here.
#include "api/kinds/apps/daemonset/strategy.hpp"
#include "api/kinds/apps/deployment/strategy.hpp"
#include "api/kinds/apps/replicaset/strategy.hpp"
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
#include "api/kinds/core/namespace/strategy.hpp"
#include "api/kinds/core/node/strategy.hpp"
#include "api/kinds/core/pod/strategy.hpp"
#include "api/kinds/core/secret/strategy.hpp"
#include "api/kinds/core/service/strategy.hpp"
#include "api/kinds/core/serviceaccount/strategy.hpp"
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
      token_review_strategy(),
      self_subject_review_strategy(),
      subject_access_review_strategy(),
      self_subject_access_review_strategy(),
      self_subject_rules_review_strategy(),
  });
  return r;
}

}  // namespace navarch::api
