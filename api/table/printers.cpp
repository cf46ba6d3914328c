#include "api/table/printers.hpp"

#include <map>
#include <string>

#include "api/table/cells.hpp"
#include "api/table/columns.hpp"

namespace navarch::api {

namespace {

constexpr const column_def& name_col = name_column;
constexpr const column_def& age_col = age_column;
constexpr const column_def& containers_col = containers_column;
constexpr const column_def& images_col = images_column;
constexpr auto col = column;

std::map<std::string, printer, std::less<>> make_printers() {
  std::map<std::string, printer, std::less<>> p;
  p["pods"] = {{name_col, col("Ready", "The aggregate readiness state of this pod for accepting traffic."),
                col("Status", "The aggregate status of the containers in this pod."),
                col("Restarts", "The number of times the containers in this pod have been restarted and when the "
                                "last container in this pod has restarted."),
                age_col, col("IP", "podIP address allocated to the pod.", "string", 1),
                col("Node", "NodeName indicates in which node this pod is scheduled.", "string", 1),
                col("Nominated Node", "nominatedNodeName is set when this pod preempts other pods on the node.",
                    "string", 1),
                col("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.",
                    "string", 1)},
               cells::pod, cells::pod_conditions};
  p["nodes"] = {{name_col, col("Status", "The status of the node"), col("Roles", "The roles of the node"), age_col,
                 col("Version", "Kubelet Version reported by the node."),
                 col("Internal-IP", "List of addresses reachable to the node.", "string", 1),
                 col("External-IP", "List of addresses reachable to the node.", "string", 1),
                 col("OS-Image", "OS Image reported by the node from /etc/os-release.", "string", 1),
                 col("Kernel-Version", "Kernel Version reported by the node from 'uname -r'.", "string", 1),
                 col("Container-Runtime", "ContainerRuntime Version reported by the node.", "string", 1)},
                cells::node};
  p["namespaces"] = {{name_col, col("Status", "The status of the namespace"), age_col}, cells::namespace_};
  p["services"] = {{name_col, col("Type", "type determines how the Service is exposed."),
                    col("Cluster-IP", "clusterIP is the IP address of the service."),
                    col("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will "
                                       "also accept traffic for this service."),
                    col("Port(s)", "The list of ports that are exposed by this service."), age_col,
                    col("Selector", "Route service traffic to pods with label keys and values matching this "
                                    "selector.", "string", 1)},
                   cells::service};
  p["endpoints"] = {{name_col, col("Endpoints", "The set of all endpoints is the union of all subsets."), age_col},
                    cells::endpoints};
  p["configmaps"] = {{name_col, col("Data", "Data contains the configuration data."), age_col}, cells::configmap};
  p["secrets"] = {{name_col, col("Type", "Used to facilitate programmatic handling of secret data."),
                   col("Data", "Data contains the secret data."), age_col},
                  cells::secret};
  p["events"] = {{col("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
                  col("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
                  col("Reason", "This should be a short, machine understandable string that gives the reason for "
                                "the transition into the object's current status."),
                  col("Object", "The object that this event is about."),
                  col("Subobject", "The field of the object the event is about.", "string", 1),
                  col("Source", "The component reporting this event.", "string", 1),
                  col("Message", "A human-readable description of the status of this operation."),
                  col("First Seen", "The time at which the event was first recorded.", "string", 1),
                  col("Count", "The number of times this event has occurred.", "string", 1),
                  column_def{"Name", "string", "name", name_doc, 1}},
                 cells::event};
  p["serviceaccounts"] = {{name_col, col("Secrets", "Secrets is a list of the secrets used by this service account."),
                           age_col},
                          cells::service_account};
  p["leases"] = {{name_col, col("Holder", "holderIdentity contains the identity of the holder of a current lease."),
                  age_col},
                 cells::lease};
  p["deployments"] = {{name_col, col("Ready", "Number of the pod with ready state"),
                       col("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have "
                                         "the desired template spec."),
                       col("Available", "Total number of available pods (ready for at least minReadySeconds) "
                                        "targeted by this deployment."),
                       age_col, containers_col, images_col,
                       col("Selector", "Label selector for pods.", "string", 1)},
                      cells::deployment};
  p["replicasets"] = {{name_col, col("Desired", "Replicas is the number of desired replicas.", "integer"),
                       col("Current", "Replicas is the most recently observed number of replicas.", "integer"),
                       col("Ready", "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready "
                                    "Condition.", "integer"),
                       age_col, containers_col, images_col,
                       col("Selector", "Selector is a label query over pods that should match the replica count.",
                           "string", 1)},
                      cells::replica_set};
  p["daemonsets"] = {{name_col,
                      col("Desired", "The total number of nodes that should be running the daemon pod.", "integer"),
                      col("Current", "The number of nodes that are running at least 1 daemon pod.", "integer"),
                      col("Ready", "The number of nodes that should be running the daemon pod and have one or more "
                                   "of the daemon pod running and ready.", "integer"),
                      col("Up-to-date", "The total number of nodes that are running updated daemon pod", "integer"),
                      col("Available", "The number of nodes that should be running the daemon pod and have one or "
                                       "more of the daemon pod running and available.", "integer"),
                      col("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a "
                                           "node."),
                      age_col, containers_col, images_col,
                      col("Selector", "A label query over pods that are managed by the daemon set.", "string", 1)},
                     cells::daemon_set};
  p["jobs"] = {{name_col, col("Status", "Status of the job."),
                col("Completions", "The number of pods which reached phase Succeeded."),
                col("Duration", "Time required to complete the job."), age_col, containers_col, images_col,
                col("Selector", "A label query over pods that should match the pod count.", "string", 1)},
               cells::job};
  return p;
}

}  // namespace

printer created_at_printer() { return {{name_column, created_at_column}, cells::name_created_at}; }

const printer& printer_for(std::string_view resource) {
  static const auto printers = make_printers();
  static const printer fallback{{name_col, age_col}, cells::name_age};
  auto it = printers.find(resource);
  return it == printers.end() ? fallback : it->second;
}

}  // namespace navarch::api
