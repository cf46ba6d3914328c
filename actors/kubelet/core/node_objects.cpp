#include "actors/kubelet/core/node_objects.hpp"

#include <boost/json.hpp>

#include "api/time/rfc3339.hpp"

namespace navarch::kubelet {

namespace json = boost::json;
using clock = std::chrono::system_clock;

namespace {


json::object resources(const node_identity& id, const machine_info& m) {
  return {{"cpu", std::to_string(m.cpu_millis / 1000)},
          {"memory", std::to_string(m.memory_bytes / 1024) + "Ki"},
          {"pods", std::to_string(id.max_pods)}};
}

json::object condition(const char* type, const char* status, const char* reason, const char* message,
                       const std::string& heartbeat, const std::string& transition) {
  return {{"type", type},
          {"status", status},
          {"lastHeartbeatTime", heartbeat},
          {"lastTransitionTime", transition},
          {"reason", reason},
          {"message", message}};
}

json::object status(const node_identity& id, const machine_info& m, clock::time_point now,
                    clock::time_point ready_since) {
  std::string hb = api::rfc3339(now), since = api::rfc3339(ready_since);
  json::array conditions{
      condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available",
                hb, since),
      condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", hb, since),
      condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", hb, since),
      condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", hb, since)};
  json::object info{{"machineID", m.machine_id},
                    {"systemUUID", m.machine_id},
                    {"bootID", m.boot_id},
                    {"kernelVersion", m.kernel_version},
                    {"osImage", m.os_image},
                    {"containerRuntimeVersion", id.runtime_version},
                    {"kubeletVersion", id.kubelet_version},
                    {"kubeProxyVersion", id.kubelet_version},
                    {"operatingSystem", "linux"},
                    {"architecture", m.architecture}};
  return {{"capacity", resources(id, m)},
          {"allocatable", resources(id, m)},
          {"conditions", conditions},
          {"addresses", json::array{json::object{{"type", "InternalIP"}, {"address", id.internal_ip}},
                                    json::object{{"type", "Hostname"}, {"address", id.name}}}},
          {"daemonEndpoints", json::object{{"kubeletEndpoint", json::object{{"Port", 10250}}}}},
          {"nodeInfo", info}};
}

}  // namespace


json::object node_object(const node_identity& id, const machine_info& m, clock::time_point now) {
  json::object labels{{"kubernetes.io/hostname", id.name},
                      {"kubernetes.io/os", "linux"},
                      {"kubernetes.io/arch", m.architecture},
                      {"beta.kubernetes.io/os", "linux"},
                      {"beta.kubernetes.io/arch", m.architecture}};
  json::object spec;
  if (!id.runs_pods)
    spec["taints"] = json::array{json::object{{"key", no_runtime_taint}, {"effect", "NoSchedule"}}};
  if (!id.pod_cidr.empty()) {
    spec["podCIDR"] = id.pod_cidr;
    spec["podCIDRs"] = json::array{json::value(id.pod_cidr)};
  }
  json::object metadata{{"name", id.name}, {"labels", labels}};
  if (id.rootless)
    metadata["annotations"] = json::object{
        {rootless_annotation, "pods run without root: on the node's network, without resource limits"}};
  return {{"apiVersion", "v1"},
          {"kind", "Node"},
          {"metadata", std::move(metadata)},
          {"spec", spec},
          {"status", status(id, m, now, now)}};
}

json::object node_status_patch(const node_identity& id, const machine_info& m, clock::time_point now,
                               clock::time_point ready_since) {
  return {{"status", status(id, m, now, ready_since)}};
}

json::object node_lease(const std::string& node, int lease_seconds, clock::time_point now) {
  return {{"apiVersion", "coordination.k8s.io/v1"},
          {"kind", "Lease"},
          {"metadata", json::object{{"name", node}, {"namespace", "kube-node-lease"}}},
          {"spec", json::object{{"holderIdentity", node},
                                {"leaseDurationSeconds", lease_seconds},
                                {"renewTime", api::rfc3339_micro(now)}}}};
}

}  // namespace navarch::kubelet
