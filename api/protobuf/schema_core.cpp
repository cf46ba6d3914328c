// core/v1 (k8s.io/api/core/v1/generated.proto): the generator kinds of the core group and the pod template
// every workload carries. Volume sources of cloud providers and alpha fields are left out (skipped as unknown).
#include "api/protobuf/schema.hpp"

namespace navarch::api::protobuf::core {

namespace {
using k = value_kind;
using meta::label_selector;
using meta::object_meta;
}  // namespace

constexpr field local_object_reference_fields[] = {str(1, "name")};
constinit const message local_object_reference{"LocalObjectReference", local_object_reference_fields};
constexpr field object_reference_fields[] = {str(1, "kind"), str(2, "namespace"), str(3, "name"), str(4, "uid"),
                                             str(5, "apiVersion"), str(6, "resourceVersion"), str(7, "fieldPath")};
constinit const message object_reference{"ObjectReference", object_reference_fields};
constexpr field typed_local_object_reference_fields[] = {strp(1, "apiGroup"), str(2, "kind"), str(3, "name")};
constinit const message typed_local_object_reference{"TypedLocalObjectReference",
                                                     typed_local_object_reference_fields};

namespace {

// --- containers ---------------------------------------------------------------------------------------------

constexpr field container_port_fields[] = {str(1, "name"), i32(2, "hostPort"), i32(3, "containerPort"),
                                           str(4, "protocol"), str(5, "hostIP")};
constinit const message container_port{"ContainerPort", container_port_fields};

constexpr field object_field_selector_fields[] = {str(1, "apiVersion"), str(2, "fieldPath")};
constinit const message object_field_selector{"ObjectFieldSelector", object_field_selector_fields};
constexpr field resource_field_selector_fields[] = {str(1, "containerName"), str(2, "resource"),
                                                    of_kind(3, "divisor", k::quantity)};
constinit const message resource_field_selector{"ResourceFieldSelector", resource_field_selector_fields};
constexpr field key_selector_fields[] = {embedded(1, &local_object_reference), str(2, "key"), boolp(3, "optional")};
constinit const message key_selector{"KeySelector", key_selector_fields};  // ConfigMap- and SecretKeySelector
constexpr field env_var_source_fields[] = {msg(1, "fieldRef", &object_field_selector),
                                           msg(2, "resourceFieldRef", &resource_field_selector),
                                           msg(3, "configMapKeyRef", &key_selector),
                                           msg(4, "secretKeyRef", &key_selector)};
constinit const message env_var_source{"EnvVarSource", env_var_source_fields};
constexpr field env_var_fields[] = {str(1, "name"), str(2, "value"), msg(3, "valueFrom", &env_var_source)};
constinit const message env_var{"EnvVar", env_var_fields};
constexpr field env_source_fields[] = {embedded(1, &local_object_reference), boolp(2, "optional")};
constinit const message env_source{"EnvSource", env_source_fields};  // ConfigMap- and SecretEnvSource
constexpr field env_from_source_fields[] = {str(1, "prefix"), msg(2, "configMapRef", &env_source),
                                            msg(3, "secretRef", &env_source)};
constinit const message env_from_source{"EnvFromSource", env_from_source_fields};

constexpr field resource_claim_fields[] = {str(1, "name"), str(2, "request")};
constinit const message resource_claim{"ResourceClaim", resource_claim_fields};
constexpr field resource_requirements_fields[] = {map_of(1, "limits", k::map_quantity),
                                                  map_of(2, "requests", k::map_quantity),
                                                  msgs(3, "claims", &resource_claim)};
constinit const message resource_requirements{"ResourceRequirements", resource_requirements_fields};
constexpr field container_resize_policy_fields[] = {str(1, "resourceName"), str(2, "restartPolicy")};
constinit const message container_resize_policy{"ContainerResizePolicy", container_resize_policy_fields};

constexpr field volume_mount_fields[] = {str(1, "name"), boolean(2, "readOnly"), strp(7, "recursiveReadOnly"),
                                         str(3, "mountPath"), str(4, "subPath"), strp(5, "mountPropagation"),
                                         str(6, "subPathExpr")};
constinit const message volume_mount{"VolumeMount", volume_mount_fields};
constexpr field volume_device_fields[] = {str(1, "name"), str(2, "devicePath")};
constinit const message volume_device{"VolumeDevice", volume_device_fields};

constexpr field exec_action_fields[] = {strs(1, "command")};
constinit const message exec_action{"ExecAction", exec_action_fields};
constexpr field http_header_fields[] = {str(1, "name"), str(2, "value")};
constinit const message http_header{"HTTPHeader", http_header_fields};
constexpr field http_get_action_fields[] = {str(1, "path"), of_kind(2, "port", k::int_or_string), str(3, "host"),
                                            str(4, "scheme"), msgs(5, "httpHeaders", &http_header)};
constinit const message http_get_action{"HTTPGetAction", http_get_action_fields};
constexpr field tcp_socket_action_fields[] = {of_kind(1, "port", k::int_or_string), str(2, "host")};
constinit const message tcp_socket_action{"TCPSocketAction", tcp_socket_action_fields};
constexpr field grpc_action_fields[] = {i32(1, "port"), strp(2, "service")};
constinit const message grpc_action{"GRPCAction", grpc_action_fields};
constexpr field sleep_action_fields[] = {i64(1, "seconds")};
constinit const message sleep_action{"SleepAction", sleep_action_fields};
constexpr field probe_handler_fields[] = {msg(1, "exec", &exec_action), msg(2, "httpGet", &http_get_action),
                                          msg(3, "tcpSocket", &tcp_socket_action), msg(4, "grpc", &grpc_action)};
constinit const message probe_handler{"ProbeHandler", probe_handler_fields};
constexpr field probe_fields[] = {embedded(1, &probe_handler), i32(2, "initialDelaySeconds"),
                                  i32(3, "timeoutSeconds"), i32(4, "periodSeconds"), i32(5, "successThreshold"),
                                  i32(6, "failureThreshold"), i64p(7, "terminationGracePeriodSeconds")};
constinit const message probe{"Probe", probe_fields};
constexpr field lifecycle_handler_fields[] = {msg(1, "exec", &exec_action), msg(2, "httpGet", &http_get_action),
                                              msg(3, "tcpSocket", &tcp_socket_action),
                                              msg(4, "sleep", &sleep_action)};
constinit const message lifecycle_handler{"LifecycleHandler", lifecycle_handler_fields};
constexpr field lifecycle_fields[] = {msg(1, "postStart", &lifecycle_handler), msg(2, "preStop", &lifecycle_handler),
                                      strp(3, "stopSignal")};
constinit const message lifecycle{"Lifecycle", lifecycle_fields};

constexpr field capabilities_fields[] = {strs(1, "add"), strs(2, "drop")};
constinit const message capabilities{"Capabilities", capabilities_fields};
constexpr field se_linux_options_fields[] = {str(1, "user"), str(2, "role"), str(3, "type"), str(4, "level")};
constinit const message se_linux_options{"SELinuxOptions", se_linux_options_fields};
constexpr field windows_options_fields[] = {strp(1, "gmsaCredentialSpecName"), strp(2, "gmsaCredentialSpec"),
                                            strp(3, "runAsUserName"), boolp(4, "hostProcess")};
constinit const message windows_options{"WindowsSecurityContextOptions", windows_options_fields};
constexpr field profile_fields[] = {str(1, "type"), strp(2, "localhostProfile")};
constinit const message profile{"Profile", profile_fields};  // SeccompProfile and AppArmorProfile
constexpr field security_context_fields[] = {
    msg(1, "capabilities", &capabilities), boolp(2, "privileged"), msg(3, "seLinuxOptions", &se_linux_options),
    msg(10, "windowsOptions", &windows_options), i64p(4, "runAsUser"), i64p(8, "runAsGroup"),
    boolp(5, "runAsNonRoot"), boolp(6, "readOnlyRootFilesystem"), boolp(7, "allowPrivilegeEscalation"),
    strp(9, "procMount"), msg(11, "seccompProfile", &profile), msg(12, "appArmorProfile", &profile)};
constinit const message security_context{"SecurityContext", security_context_fields};

constexpr field container_fields[] = {
    str(1, "name"), str(2, "image"), strs(3, "command"), strs(4, "args"), str(5, "workingDir"),
    msgs(6, "ports", &container_port), msgs(19, "envFrom", &env_from_source), msgs(7, "env", &env_var),
    msg(8, "resources", &resource_requirements), msgs(23, "resizePolicy", &container_resize_policy),
    strp(24, "restartPolicy"), msgs(9, "volumeMounts", &volume_mount), msgs(21, "volumeDevices", &volume_device),
    msg(10, "livenessProbe", &probe), msg(11, "readinessProbe", &probe), msg(22, "startupProbe", &probe),
    msg(12, "lifecycle", &lifecycle), str(13, "terminationMessagePath"), str(20, "terminationMessagePolicy"),
    str(14, "imagePullPolicy"), msg(15, "securityContext", &security_context), boolean(16, "stdin"),
    boolean(17, "stdinOnce"), boolean(18, "tty")};
constinit const message container{"Container", container_fields};

// --- volumes ------------------------------------------------------------------------------------------------

constexpr field key_to_path_fields[] = {str(1, "key"), str(2, "path"), i32p(3, "mode")};
constinit const message key_to_path{"KeyToPath", key_to_path_fields};
constexpr field host_path_fields[] = {str(1, "path"), strp(2, "type")};
constinit const message host_path{"HostPathVolumeSource", host_path_fields};
constexpr field empty_dir_fields[] = {str(1, "medium"), of_kind(2, "sizeLimit", k::quantity)};
constinit const message empty_dir{"EmptyDirVolumeSource", empty_dir_fields};
constexpr field secret_volume_fields[] = {str(1, "secretName"), msgs(2, "items", &key_to_path),
                                          i32p(3, "defaultMode"), boolp(4, "optional")};
constinit const message secret_volume{"SecretVolumeSource", secret_volume_fields};
constexpr field config_map_volume_fields[] = {embedded(1, &local_object_reference), msgs(2, "items", &key_to_path),
                                              i32p(3, "defaultMode"), boolp(4, "optional")};
constinit const message config_map_volume{"ConfigMapVolumeSource", config_map_volume_fields};
constexpr field pvc_volume_fields[] = {str(1, "claimName"), boolean(2, "readOnly")};
constinit const message pvc_volume{"PersistentVolumeClaimVolumeSource", pvc_volume_fields};
constexpr field downward_api_file_fields[] = {str(1, "path"), msg(2, "fieldRef", &object_field_selector),
                                              msg(3, "resourceFieldRef", &resource_field_selector),
                                              i32p(4, "mode")};
constinit const message downward_api_file{"DownwardAPIVolumeFile", downward_api_file_fields};
constexpr field downward_api_volume_fields[] = {msgs(1, "items", &downward_api_file), i32p(2, "defaultMode")};
constinit const message downward_api_volume{"DownwardAPIVolumeSource", downward_api_volume_fields};
constexpr field key_projection_fields[] = {embedded(1, &local_object_reference), msgs(2, "items", &key_to_path),
                                           boolp(4, "optional")};
constinit const message key_projection{"KeyProjection", key_projection_fields};  // Secret- and ConfigMapProjection
constexpr field downward_api_projection_fields[] = {msgs(1, "items", &downward_api_file)};
constinit const message downward_api_projection{"DownwardAPIProjection", downward_api_projection_fields};
constexpr field sa_token_projection_fields[] = {str(1, "audience"), i64p(2, "expirationSeconds"), str(3, "path")};
constinit const message sa_token_projection{"ServiceAccountTokenProjection", sa_token_projection_fields};
constexpr field volume_projection_fields[] = {msg(1, "secret", &key_projection),
                                              msg(2, "downwardAPI", &downward_api_projection),
                                              msg(3, "configMap", &key_projection),
                                              msg(4, "serviceAccountToken", &sa_token_projection)};
constinit const message volume_projection{"VolumeProjection", volume_projection_fields};
constexpr field projected_volume_fields[] = {msgs(1, "sources", &volume_projection), i32p(2, "defaultMode")};
constinit const message projected_volume{"ProjectedVolumeSource", projected_volume_fields};
constexpr field volume_source_fields[] = {
    msg(1, "hostPath", &host_path), msg(2, "emptyDir", &empty_dir), msg(6, "secret", &secret_volume),
    msg(10, "persistentVolumeClaim", &pvc_volume), msg(16, "downwardAPI", &downward_api_volume),
    msg(19, "configMap", &config_map_volume), msg(26, "projected", &projected_volume)};
constinit const message volume_source{"VolumeSource", volume_source_fields};
constexpr field volume_fields[] = {str(1, "name"), embedded(2, &volume_source)};
constinit const message volume{"Volume", volume_fields};

// --- scheduling ---------------------------------------------------------------------------------------------

constexpr field node_selector_requirement_fields[] = {str(1, "key"), str(2, "operator"), strs(3, "values")};
constinit const message node_selector_requirement{"NodeSelectorRequirement", node_selector_requirement_fields};
constexpr field node_selector_term_fields[] = {msgs(1, "matchExpressions", &node_selector_requirement),
                                               msgs(2, "matchFields", &node_selector_requirement)};
constinit const message node_selector_term{"NodeSelectorTerm", node_selector_term_fields};
constexpr field node_selector_fields[] = {msgs(1, "nodeSelectorTerms", &node_selector_term)};
constinit const message node_selector{"NodeSelector", node_selector_fields};
constexpr field preferred_term_fields[] = {i32(1, "weight"), msg(2, "preference", &node_selector_term)};
constinit const message preferred_term{"PreferredSchedulingTerm", preferred_term_fields};
constexpr field node_affinity_fields[] = {msg(1, "requiredDuringSchedulingIgnoredDuringExecution", &node_selector),
                                          msgs(2, "preferredDuringSchedulingIgnoredDuringExecution",
                                               &preferred_term)};
constinit const message node_affinity{"NodeAffinity", node_affinity_fields};
constexpr field pod_affinity_term_fields[] = {msg(1, "labelSelector", &label_selector), strs(2, "namespaces"),
                                              str(3, "topologyKey"), msg(4, "namespaceSelector", &label_selector),
                                              strs(5, "matchLabelKeys"), strs(6, "mismatchLabelKeys")};
constinit const message pod_affinity_term{"PodAffinityTerm", pod_affinity_term_fields};
constexpr field weighted_term_fields[] = {i32(1, "weight"), msg(2, "podAffinityTerm", &pod_affinity_term)};
constinit const message weighted_term{"WeightedPodAffinityTerm", weighted_term_fields};
constexpr field pod_affinity_fields[] = {msgs(1, "requiredDuringSchedulingIgnoredDuringExecution",
                                              &pod_affinity_term),
                                         msgs(2, "preferredDuringSchedulingIgnoredDuringExecution",
                                              &weighted_term)};
constinit const message pod_affinity{"PodAffinity", pod_affinity_fields};  // and PodAntiAffinity
constexpr field affinity_fields[] = {msg(1, "nodeAffinity", &node_affinity), msg(2, "podAffinity", &pod_affinity),
                                     msg(3, "podAntiAffinity", &pod_affinity)};
constinit const message affinity{"Affinity", affinity_fields};
constexpr field toleration_fields[] = {str(1, "key"), str(2, "operator"), str(3, "value"), str(4, "effect"),
                                       i64p(5, "tolerationSeconds")};
constinit const message toleration{"Toleration", toleration_fields};
constexpr field topology_spread_fields[] = {i32(1, "maxSkew"), str(2, "topologyKey"),
                                            str(3, "whenUnsatisfiable"), msg(4, "labelSelector", &label_selector),
                                            i32p(5, "minDomains"), strp(6, "nodeAffinityPolicy"),
                                            strp(7, "nodeTaintsPolicy"), strs(8, "matchLabelKeys")};
constinit const message topology_spread{"TopologySpreadConstraint", topology_spread_fields};

// --- the pod ------------------------------------------------------------------------------------------------

constexpr field sysctl_fields[] = {str(1, "name"), str(2, "value")};
constinit const message sysctl{"Sysctl", sysctl_fields};
constexpr field pod_security_context_fields[] = {
    msg(1, "seLinuxOptions", &se_linux_options), msg(8, "windowsOptions", &windows_options),
    i64p(2, "runAsUser"), i64p(6, "runAsGroup"), boolp(3, "runAsNonRoot"), i64s(4, "supplementalGroups"),
    strp(12, "supplementalGroupsPolicy"), i64p(5, "fsGroup"), msgs(7, "sysctls", &sysctl),
    strp(9, "fsGroupChangePolicy"), msg(10, "seccompProfile", &profile), msg(11, "appArmorProfile", &profile),
    strp(13, "seLinuxChangePolicy")};
constinit const message pod_security_context{"PodSecurityContext", pod_security_context_fields};
constexpr field host_alias_fields[] = {str(1, "ip"), strs(2, "hostnames")};
constinit const message host_alias{"HostAlias", host_alias_fields};
constexpr field dns_option_fields[] = {str(1, "name"), strp(2, "value")};
constinit const message dns_option{"PodDNSConfigOption", dns_option_fields};
constexpr field dns_config_fields[] = {strs(1, "nameservers"), strs(2, "searches"), msgs(3, "options", &dns_option)};
constinit const message dns_config{"PodDNSConfig", dns_config_fields};
constexpr field readiness_gate_fields[] = {str(1, "conditionType")};
constinit const message readiness_gate{"PodReadinessGate", readiness_gate_fields};
constexpr field pod_os_fields[] = {str(1, "name")};
constinit const message pod_os{"PodOS", pod_os_fields};
constexpr field scheduling_gate_fields[] = {str(1, "name")};
constinit const message scheduling_gate{"PodSchedulingGate", scheduling_gate_fields};
constexpr field pod_resource_claim_fields[] = {str(1, "name"), strp(3, "resourceClaimName"),
                                               strp(4, "resourceClaimTemplateName")};
constinit const message pod_resource_claim{"PodResourceClaim", pod_resource_claim_fields};

constexpr field pod_spec_fields[] = {
    msgs(1, "volumes", &volume), msgs(20, "initContainers", &container), msgs(2, "containers", &container),
    str(3, "restartPolicy"), i64p(4, "terminationGracePeriodSeconds"), i64p(5, "activeDeadlineSeconds"),
    str(6, "dnsPolicy"), map_of(7, "nodeSelector", k::map_string), str(8, "serviceAccountName"),
    str(9, "serviceAccount"), boolp(21, "automountServiceAccountToken"), str(10, "nodeName"),
    boolean(11, "hostNetwork"), boolean(12, "hostPID"), boolean(13, "hostIPC"),
    boolp(27, "shareProcessNamespace"), msg(14, "securityContext", &pod_security_context),
    msgs(15, "imagePullSecrets", &local_object_reference), str(16, "hostname"), str(17, "subdomain"),
    msg(18, "affinity", &affinity), str(19, "schedulerName"), msgs(22, "tolerations", &toleration),
    msgs(23, "hostAliases", &host_alias), str(24, "priorityClassName"), i32p(25, "priority"),
    msg(26, "dnsConfig", &dns_config), msgs(28, "readinessGates", &readiness_gate), strp(29, "runtimeClassName"),
    boolp(30, "enableServiceLinks"), strp(31, "preemptionPolicy"), map_of(32, "overhead", k::map_quantity),
    msgs(33, "topologySpreadConstraints", &topology_spread), boolp(35, "setHostnameAsFQDN"),
    msg(36, "os", &pod_os), boolp(37, "hostUsers"), msgs(38, "schedulingGates", &scheduling_gate),
    msgs(39, "resourceClaims", &pod_resource_claim), msg(40, "resources", &resource_requirements)};
constinit const message pod_spec{"PodSpec", pod_spec_fields};

}  // namespace

constexpr field pod_template_spec_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &pod_spec)};
constinit const message pod_template_spec{"PodTemplateSpec", pod_template_spec_fields};

// --- the core kinds kubectl's generators send -----------------------------------------------------------------

namespace {

constexpr field namespace_spec_fields[] = {strs(1, "finalizers")};
constinit const message namespace_spec{"NamespaceSpec", namespace_spec_fields};
constexpr field namespace_status_fields[] = {str(1, "phase")};
constinit const message namespace_status{"NamespaceStatus", namespace_status_fields};

constexpr field client_ip_config_fields[] = {i32p(1, "timeoutSeconds")};
constinit const message client_ip_config{"ClientIPConfig", client_ip_config_fields};
constexpr field session_affinity_config_fields[] = {msg(1, "clientIP", &client_ip_config)};
constinit const message session_affinity_config{"SessionAffinityConfig", session_affinity_config_fields};
constexpr field service_port_fields[] = {str(1, "name"), str(2, "protocol"), strp(6, "appProtocol"),
                                         i32(3, "port"), of_kind(4, "targetPort", k::int_or_string),
                                         i32(5, "nodePort")};
constinit const message service_port{"ServicePort", service_port_fields};
constexpr field service_spec_fields[] = {
    msgs(1, "ports", &service_port), map_of(2, "selector", k::map_string), str(3, "clusterIP"),
    strs(18, "clusterIPs"), str(4, "type"), strs(5, "externalIPs"), str(7, "sessionAffinity"),
    str(8, "loadBalancerIP"), strs(9, "loadBalancerSourceRanges"), str(10, "externalName"),
    str(11, "externalTrafficPolicy"), i32(12, "healthCheckNodePort"), boolean(13, "publishNotReadyAddresses"),
    msg(14, "sessionAffinityConfig", &session_affinity_config), strs(19, "ipFamilies"), strp(17, "ipFamilyPolicy"),
    boolp(20, "allocateLoadBalancerNodePorts"), strp(21, "loadBalancerClass"), strp(22, "internalTrafficPolicy"),
    strp(23, "trafficDistribution")};
constinit const message service_spec{"ServiceSpec", service_spec_fields};
constinit const message load_balancer_status{"LoadBalancerStatus", {}};  // what a client sends is empty
constexpr field service_status_fields[] = {msg(1, "loadBalancer", &load_balancer_status)};
constinit const message service_status{"ServiceStatus", service_status_fields};

constexpr field scoped_requirement_fields[] = {str(1, "scopeName"), str(2, "operator"), strs(3, "values")};
constinit const message scoped_requirement{"ScopedResourceSelectorRequirement", scoped_requirement_fields};
constexpr field scope_selector_fields[] = {msgs(1, "matchExpressions", &scoped_requirement)};
constinit const message scope_selector{"ScopeSelector", scope_selector_fields};
constexpr field resource_quota_spec_fields[] = {map_of(1, "hard", k::map_quantity), strs(2, "scopes"),
                                                msg(3, "scopeSelector", &scope_selector)};
constinit const message resource_quota_spec{"ResourceQuotaSpec", resource_quota_spec_fields};
constexpr field resource_quota_status_fields[] = {map_of(1, "hard", k::map_quantity),
                                                  map_of(2, "used", k::map_quantity)};
constinit const message resource_quota_status{"ResourceQuotaStatus", resource_quota_status_fields};

}  // namespace

constexpr field namespace_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &namespace_spec),
                                      msg(3, "status", &namespace_status)};
constinit const message namespace_kind{"Namespace", namespace_fields};
constexpr field config_map_fields[] = {msg(1, "metadata", &object_meta), boolp(4, "immutable"),
                                       map_of(2, "data", k::map_string), map_of(3, "binaryData", k::map_bytes)};
constinit const message config_map{"ConfigMap", config_map_fields};
constexpr field secret_fields[] = {msg(1, "metadata", &object_meta), boolp(5, "immutable"),
                                   map_of(2, "data", k::map_bytes), map_of(4, "stringData", k::map_string),
                                   str(3, "type")};
constinit const message secret{"Secret", secret_fields};
constexpr field service_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &service_spec),
                                    msg(3, "status", &service_status)};
constinit const message service{"Service", service_fields};
constexpr field service_account_fields[] = {msg(1, "metadata", &object_meta), msgs(2, "secrets", &object_reference),
                                            msgs(3, "imagePullSecrets", &local_object_reference),
                                            boolp(4, "automountServiceAccountToken")};
constinit const message service_account{"ServiceAccount", service_account_fields};
constexpr field resource_quota_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &resource_quota_spec),
                                           msg(3, "status", &resource_quota_status)};
constinit const message resource_quota{"ResourceQuota", resource_quota_fields};
constexpr field pod_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &pod_spec)};
constinit const message pod{"Pod", pod_fields};  // status is the kubelet's; a client sends none worth keeping

}  // namespace navarch::api::protobuf::core
