#include "api/patch/smp_schema.hpp"

#include <algorithm>
#include <utility>

// Transcribed from the patchStrategy/patchMergeKey tags of k8s.io/api core/v1, apps/v1 and batch/v1 and of
// k8s.io/apimachinery meta/v1 ObjectMeta. Lists not named here (tolerations, envFrom, taints, Endpoints subsets,
// containerStatuses, ...) have no strategy and are replaced. The retainKeys strategy is left out: only patch
// generation reads it; applying a patch obeys the $retainKeys directive wherever it appears.

namespace navarch::patch {
namespace {

constexpr field_meta nested(std::string_view name, const schema_node& type) { return {name, &type}; }
constexpr field_meta keyed_list(std::string_view name, std::string_view key, const schema_node* type = nullptr) {
  return {name, type, true, key};
}
constexpr field_meta primitive_set(std::string_view name) { return {name, nullptr, true, {}}; }

constexpr field_meta object_meta_fields[] = {keyed_list("ownerReferences", "uid"), primitive_set("finalizers")};
constexpr schema_node object_meta{object_meta_fields};

constexpr field_meta container_fields[] = {keyed_list("ports", "containerPort"), keyed_list("env", "name"),
                                           keyed_list("volumeMounts", "mountPath"),
                                           keyed_list("volumeDevices", "devicePath")};
constexpr schema_node container{container_fields};

constexpr field_meta pod_spec_fields[] = {keyed_list("containers", "name", &container),
                                          keyed_list("initContainers", "name", &container),
                                          keyed_list("ephemeralContainers", "name", &container),
                                          keyed_list("volumes", "name"),
                                          keyed_list("imagePullSecrets", "name"),
                                          keyed_list("hostAliases", "ip"),
                                          keyed_list("topologySpreadConstraints", "topologyKey"),
                                          keyed_list("schedulingGates", "name"),
                                          keyed_list("resourceClaims", "name")};
constexpr schema_node pod_spec{pod_spec_fields};

constexpr field_meta pod_status_fields[] = {keyed_list("conditions", "type"), keyed_list("hostIPs", "ip"),
                                            keyed_list("podIPs", "ip"), keyed_list("resourceClaimStatuses", "name")};
constexpr schema_node pod_status{pod_status_fields};

constexpr field_meta pod_template_fields[] = {nested("metadata", object_meta), nested("spec", pod_spec)};
constexpr schema_node pod_template{pod_template_fields};

// The status of most kinds: only conditions, merged by type.
constexpr field_meta conditions_status_fields[] = {keyed_list("conditions", "type")};
constexpr schema_node conditions_status{conditions_status_fields};

// Deployment, ReplicaSet, DaemonSet, StatefulSet and Job: a pod template under spec, conditions in status.
constexpr field_meta workload_spec_fields[] = {nested("template", pod_template)};
constexpr schema_node workload_spec{workload_spec_fields};
constexpr field_meta workload_fields[] = {nested("metadata", object_meta), nested("spec", workload_spec),
                                          nested("status", conditions_status)};
constexpr schema_node workload{workload_fields};

constexpr field_meta job_template_fields[] = {nested("metadata", object_meta), nested("spec", workload_spec)};
constexpr schema_node job_template{job_template_fields};
constexpr field_meta cron_job_spec_fields[] = {nested("jobTemplate", job_template)};
constexpr schema_node cron_job_spec{cron_job_spec_fields};
constexpr field_meta cron_job_fields[] = {nested("metadata", object_meta), nested("spec", cron_job_spec)};
constexpr schema_node cron_job{cron_job_fields};

constexpr field_meta pod_fields[] = {nested("metadata", object_meta), nested("spec", pod_spec),
                                     nested("status", pod_status)};
constexpr schema_node pod{pod_fields};

constexpr field_meta service_spec_fields[] = {keyed_list("ports", "port")};
constexpr schema_node service_spec{service_spec_fields};
constexpr field_meta service_fields[] = {nested("metadata", object_meta), nested("spec", service_spec),
                                         nested("status", conditions_status)};
constexpr schema_node service{service_fields};

constexpr field_meta node_spec_fields[] = {primitive_set("podCIDRs")};
constexpr schema_node node_spec{node_spec_fields};
constexpr field_meta node_status_fields[] = {keyed_list("conditions", "type"), keyed_list("addresses", "type")};
constexpr schema_node node_status{node_status_fields};
constexpr field_meta node_fields[] = {nested("metadata", object_meta), nested("spec", node_spec),
                                      nested("status", node_status)};
constexpr schema_node node{node_fields};

constexpr field_meta namespace_fields[] = {nested("metadata", object_meta), nested("status", conditions_status)};
constexpr schema_node namespace_{namespace_fields};

constexpr field_meta service_account_fields[] = {nested("metadata", object_meta), keyed_list("secrets", "name")};
constexpr schema_node service_account{service_account_fields};

// ConfigMap, Secret, Endpoints, Event, Lease: no list with a strategy outside their metadata.
constexpr field_meta metadata_only_fields[] = {nested("metadata", object_meta)};
constexpr schema_node metadata_only{metadata_only_fields};

constexpr std::pair<std::string_view, const schema_node*> kinds[] = {
    {"Pod", &pod},
    {"Deployment", &workload},
    {"ReplicaSet", &workload},
    {"DaemonSet", &workload},
    {"StatefulSet", &workload},
    {"Job", &workload},
    {"CronJob", &cron_job},
    {"Service", &service},
    {"Node", &node},
    {"Namespace", &namespace_},
    {"ServiceAccount", &service_account},
    {"Endpoints", &metadata_only},
    {"ConfigMap", &metadata_only},
    {"Secret", &metadata_only},
    {"Event", &metadata_only},
    {"Lease", &metadata_only},
};

}  // namespace

const field_meta* schema_node::field(std::string_view name) const {
  auto it = std::find_if(fields.begin(), fields.end(), [&](const field_meta& f) { return f.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

const schema_node* smp_schema(std::string_view kind) {
  for (const auto& [name, schema] : kinds)
    if (name == kind) return schema;
  return nullptr;
}

}  // namespace navarch::patch
