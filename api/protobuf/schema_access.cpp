// rbac.authorization.k8s.io/v1, networking.k8s.io/v1 Ingress, and the review kinds of authentication.k8s.io/v1
// and authorization.k8s.io/v1 (`kubectl create role|clusterrole|rolebinding|clusterrolebinding|ingress|token`,
// `kubectl auth can-i|whoami`).
#include "api/protobuf/schema.hpp"

namespace navarch::api::protobuf {

namespace {
using k = value_kind;
using meta::label_selector;
using meta::object_meta;
}  // namespace

namespace rbac {
namespace {
constexpr field policy_rule_fields[] = {strs(1, "verbs"), strs(2, "apiGroups"), strs(3, "resources"),
                                        strs(4, "resourceNames"), strs(5, "nonResourceURLs")};
constinit const message policy_rule{"PolicyRule", policy_rule_fields};
constexpr field aggregation_rule_fields[] = {msgs(1, "clusterRoleSelectors", &label_selector)};
constinit const message aggregation_rule{"AggregationRule", aggregation_rule_fields};
constexpr field subject_fields[] = {str(1, "kind"), str(2, "apiGroup"), str(3, "name"), str(4, "namespace")};
constinit const message subject{"Subject", subject_fields};
constexpr field role_ref_fields[] = {str(1, "apiGroup"), str(2, "kind"), str(3, "name")};
constinit const message role_ref{"RoleRef", role_ref_fields};
}  // namespace
constexpr field role_fields[] = {msg(1, "metadata", &object_meta), msgs(2, "rules", &policy_rule)};
constinit const message role{"Role", role_fields};
constexpr field cluster_role_fields[] = {msg(1, "metadata", &object_meta), msgs(2, "rules", &policy_rule),
                                         msg(3, "aggregationRule", &aggregation_rule)};
constinit const message cluster_role{"ClusterRole", cluster_role_fields};
constexpr field binding_fields[] = {msg(1, "metadata", &object_meta), msgs(2, "subjects", &subject),
                                    msg(3, "roleRef", &role_ref)};
constinit const message role_binding{"RoleBinding", binding_fields};
constinit const message cluster_role_binding{"ClusterRoleBinding", binding_fields};
}  // namespace rbac

namespace networking {
namespace {
constexpr field backend_port_fields[] = {str(1, "name"), i32(2, "number")};
constinit const message backend_port{"ServiceBackendPort", backend_port_fields};
constexpr field service_backend_fields[] = {str(1, "name"), msg(2, "port", &backend_port)};
constinit const message service_backend{"IngressServiceBackend", service_backend_fields};
constexpr field backend_fields[] = {msg(4, "service", &service_backend),
                                    msg(3, "resource", &core::typed_local_object_reference)};
constinit const message backend{"IngressBackend", backend_fields};
constexpr field http_path_fields[] = {str(1, "path"), strp(3, "pathType"), msg(2, "backend", &backend)};
constinit const message http_path{"HTTPIngressPath", http_path_fields};
constexpr field http_rule_fields[] = {msgs(1, "paths", &http_path)};
constinit const message http_rule{"HTTPIngressRuleValue", http_rule_fields};
constexpr field rule_value_fields[] = {msg(1, "http", &http_rule)};
constinit const message rule_value{"IngressRuleValue", rule_value_fields};
constexpr field rule_fields[] = {str(1, "host"), embedded(2, &rule_value)};
constinit const message rule{"IngressRule", rule_fields};
constexpr field tls_fields[] = {strs(1, "hosts"), str(2, "secretName")};
constinit const message tls{"IngressTLS", tls_fields};
constexpr field ingress_spec_fields[] = {strp(4, "ingressClassName"), msg(1, "defaultBackend", &backend),
                                         msgs(2, "tls", &tls), msgs(3, "rules", &rule)};
constinit const message ingress_spec{"IngressSpec", ingress_spec_fields};
constinit const message load_balancer{"IngressLoadBalancerStatus", {}};
constexpr field ingress_status_fields[] = {msg(1, "loadBalancer", &load_balancer)};
constinit const message ingress_status{"IngressStatus", ingress_status_fields};
}  // namespace
constexpr field ingress_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &ingress_spec),
                                    msg(3, "status", &ingress_status)};
constinit const message ingress{"Ingress", ingress_fields};
}  // namespace networking

namespace authentication {
namespace {
constexpr field user_info_fields[] = {str(1, "username"), str(2, "uid"), strs(3, "groups"),
                                      map_of(4, "extra", k::map_string_list)};
constinit const message user_info{"UserInfo", user_info_fields};
constexpr field bound_object_ref_fields[] = {str(1, "kind"), str(2, "apiVersion"), str(3, "name"), str(4, "uid")};
constinit const message bound_object_ref{"BoundObjectReference", bound_object_ref_fields};
constexpr field token_request_spec_fields[] = {strs(1, "audiences"), i64p(4, "expirationSeconds"),
                                               msg(3, "boundObjectRef", &bound_object_ref)};
constinit const message token_request_spec{"TokenRequestSpec", token_request_spec_fields};
constexpr field token_request_status_fields[] = {str(1, "token"), of_kind(2, "expirationTimestamp", k::time)};
constinit const message token_request_status{"TokenRequestStatus", token_request_status_fields};
constexpr field token_review_spec_fields[] = {str(1, "token"), strs(2, "audiences")};
constinit const message token_review_spec{"TokenReviewSpec", token_review_spec_fields};
constexpr field token_review_status_fields[] = {boolean(1, "authenticated"), msg(2, "user", &user_info),
                                                strs(4, "audiences"), str(3, "error")};
constinit const message token_review_status{"TokenReviewStatus", token_review_status_fields};
constexpr field self_subject_review_status_fields[] = {msg(1, "userInfo", &user_info)};
constinit const message self_subject_review_status{"SelfSubjectReviewStatus", self_subject_review_status_fields};
}  // namespace
constexpr field token_request_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &token_request_spec),
                                          msg(3, "status", &token_request_status)};
constinit const message token_request{"TokenRequest", token_request_fields};
constexpr field token_review_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &token_review_spec),
                                         msg(3, "status", &token_review_status)};
constinit const message token_review{"TokenReview", token_review_fields};
constexpr field self_subject_review_fields[] = {msg(1, "metadata", &object_meta),
                                                msg(2, "status", &self_subject_review_status)};
constinit const message self_subject_review{"SelfSubjectReview", self_subject_review_fields};
}  // namespace authentication

namespace authorization {
namespace {
constexpr field selector_requirement_fields[] = {str(1, "key"), str(2, "operator"), strs(3, "values")};
constinit const message selector_requirement{"SelectorRequirement", selector_requirement_fields};
constexpr field selector_attributes_fields[] = {str(1, "rawSelector"),
                                                msgs(2, "requirements", &selector_requirement)};
constinit const message selector_attributes{"SelectorAttributes", selector_attributes_fields};
constexpr field resource_attributes_fields[] = {
    str(1, "namespace"), str(2, "verb"), str(3, "group"), str(4, "version"), str(5, "resource"),
    str(6, "subresource"), str(7, "name"), msg(8, "fieldSelector", &selector_attributes),
    msg(9, "labelSelector", &selector_attributes)};
constinit const message resource_attributes{"ResourceAttributes", resource_attributes_fields};
constexpr field non_resource_attributes_fields[] = {str(1, "path"), str(2, "verb")};
constinit const message non_resource_attributes{"NonResourceAttributes", non_resource_attributes_fields};
constexpr field sar_spec_fields[] = {msg(1, "resourceAttributes", &resource_attributes),
                                     msg(2, "nonResourceAttributes", &non_resource_attributes), str(3, "user"),
                                     strs(4, "groups"), map_of(5, "extra", k::map_string_list),
                                     str(6, "uid")};
constinit const message sar_spec{"SubjectAccessReviewSpec", sar_spec_fields};
constexpr field self_sar_spec_fields[] = {msg(1, "resourceAttributes", &resource_attributes),
                                          msg(2, "nonResourceAttributes", &non_resource_attributes)};
constinit const message self_sar_spec{"SelfSubjectAccessReviewSpec", self_sar_spec_fields};
// A client sends the status empty; `allowed` has no omitempty, so it is kept even when false.
constexpr field sar_status_fields[] = {boolp(1, "allowed"), boolean(4, "denied"), str(2, "reason"),
                                       str(3, "evaluationError")};
constinit const message sar_status{"SubjectAccessReviewStatus", sar_status_fields};
constexpr field rules_spec_fields[] = {str(1, "namespace")};
constinit const message rules_spec{"SelfSubjectRulesReviewSpec", rules_spec_fields};
constinit const message rules_status{"SubjectRulesReviewStatus", {}};
}  // namespace
constexpr field sar_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &sar_spec),
                                msg(3, "status", &sar_status)};
constinit const message subject_access_review{"SubjectAccessReview", sar_fields};
constinit const message local_subject_access_review{"LocalSubjectAccessReview", sar_fields};
constexpr field self_sar_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &self_sar_spec),
                                     msg(3, "status", &sar_status)};
constinit const message self_subject_access_review{"SelfSubjectAccessReview", self_sar_fields};
constexpr field rules_review_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &rules_spec),
                                         msg(3, "status", &rules_status)};
constinit const message self_subject_rules_review{"SelfSubjectRulesReview", rules_review_fields};
}  // namespace authorization

}  // namespace navarch::api::protobuf
