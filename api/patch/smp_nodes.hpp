// Strategic-merge schema nodes shared by several kinds: ObjectMeta, PodSpec and pod templates, the status of
// most kinds, and whole workloads. Each kind's own nodes live in its folder under api/kinds/.
// Transcribed from the patchStrategy/patchMergeKey tags of k8s.io/api and k8s.io/apimachinery meta/v1. Lists not
// named (tolerations, envFrom, taints, Endpoints subsets, containerStatuses, ...) have no strategy and are
// replaced. The retainKeys strategy is left out: only patch generation reads it; applying a patch obeys the
// $retainKeys directive wherever it appears.
#pragma once

#include "api/patch/smp_schema.hpp"

namespace navarch::patch {

constexpr field_meta nested(std::string_view name, const schema_node& type) { return {name, &type}; }
constexpr field_meta keyed_list(std::string_view name, std::string_view key, const schema_node* type = nullptr) {
  return {name, type, true, key};
}
constexpr field_meta primitive_set(std::string_view name) { return {name, nullptr, true, {}}; }

inline constexpr field_meta object_meta_fields[] = {keyed_list("ownerReferences", "uid"), primitive_set("finalizers")};
inline constexpr schema_node object_meta{object_meta_fields};

inline constexpr field_meta container_fields[] = {
    keyed_list("ports", "containerPort"), keyed_list("env", "name"), keyed_list("volumeMounts", "mountPath"),
    keyed_list("volumeDevices", "devicePath")};
inline constexpr schema_node container{container_fields};

inline constexpr field_meta pod_spec_fields[] = {keyed_list("containers", "name", &container),
                                                 keyed_list("initContainers", "name", &container),
                                                 keyed_list("ephemeralContainers", "name", &container),
                                                 keyed_list("volumes", "name"),
                                                 keyed_list("imagePullSecrets", "name"),
                                                 keyed_list("hostAliases", "ip"),
                                                 keyed_list("topologySpreadConstraints", "topologyKey"),
                                                 keyed_list("schedulingGates", "name"),
                                                 keyed_list("resourceClaims", "name")};
inline constexpr schema_node pod_spec{pod_spec_fields};

inline constexpr field_meta pod_template_fields[] = {nested("metadata", object_meta), nested("spec", pod_spec)};
inline constexpr schema_node pod_template{pod_template_fields};

// The status of most kinds: only conditions, merged by type.
inline constexpr field_meta conditions_status_fields[] = {keyed_list("conditions", "type")};
inline constexpr schema_node conditions_status{conditions_status_fields};

// Deployment, ReplicaSet, DaemonSet, StatefulSet and Job: a pod template under spec, conditions in status.
inline constexpr field_meta workload_spec_fields[] = {nested("template", pod_template)};
inline constexpr schema_node workload_spec{workload_spec_fields};
inline constexpr field_meta workload_fields[] = {nested("metadata", object_meta), nested("spec", workload_spec),
                                                 nested("status", conditions_status)};
inline constexpr schema_node workload{workload_fields};

// A Job template (as a CronJob holds one): metadata and a workload spec.
inline constexpr field_meta job_template_fields[] = {nested("metadata", object_meta), nested("spec", workload_spec)};
inline constexpr schema_node job_template{job_template_fields};

// Kinds whose only keyed lists are their metadata's and their status conditions (PersistentVolumeClaim,
// PodDisruptionBudget, HorizontalPodAutoscaler).
inline constexpr field_meta metadata_and_conditions_fields[] = {nested("metadata", object_meta),
                                                                nested("status", conditions_status)};
inline constexpr schema_node metadata_and_conditions{metadata_and_conditions_fields};

// Kinds with no list carrying a strategy outside their metadata (ConfigMap, Secret, Endpoints, Event, Lease).
inline constexpr field_meta metadata_only_fields[] = {nested("metadata", object_meta)};
inline constexpr schema_node metadata_only{metadata_only_fields};

}  // namespace navarch::patch
