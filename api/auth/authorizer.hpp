// Who may do what. Navarch enforces no RBAC yet: the HTTPS front admits every request that carries a client
// certificate signed by the cluster CA, and components act by message. The answers here say exactly that, so
// `kubectl auth can-i` tells the truth: system:masters may do everything (as in Kubernetes); any other
// authenticated user may too, for now, and the reason says that authorization is not enforced yet; anonymous
// requests may only read /version and the health checks, which is what the front lets through.
#pragma once

#include <string>
#include <vector>

#include "api/auth/identity.hpp"

namespace navarch::api::auth {

// What a request does (authorization.k8s.io ResourceAttributes or NonResourceAttributes).
struct request_attributes {
  bool resource_request = true;
  std::string verb;
  // resource requests
  std::string ns, group, version, resource, subresource, name;
  // non-resource requests
  std::string path;
};

struct decision {
  bool allowed = false;
  bool denied = false;  // an explicit denial (no other authorizer may allow)
  std::string reason;
};

decision authorize(const user_info& user, const request_attributes& attrs);

// The rules a user has in a namespace (SelfSubjectRulesReview), as PolicyRule-like lists.
struct resource_rule {
  std::vector<std::string> verbs, api_groups, resources, resource_names;
};
struct non_resource_rule {
  std::vector<std::string> verbs, non_resource_urls;
};
struct rule_set {
  std::vector<resource_rule> resource_rules;
  std::vector<non_resource_rule> non_resource_rules;
  std::string evaluation_error;
};
rule_set rules_for(const user_info& user, const std::string& ns);

}  // namespace navarch::api::auth
