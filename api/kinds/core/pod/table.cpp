// printPod: READY, STATUS and RESTARTS summarise container states the way kubectl users know them.
#include <boost/json.hpp>

#include "api/kinds/core/pod/parts.hpp"
#include "api/object/json_access.hpp"
#include "api/table/age.hpp"
#include "api/table/cells.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

using cells::array;
using cells::time_point;
using cells::value;

const json::array empty_array;

const json::array& array_or_empty(const json::value& v, jv::path p) {
  const auto* a = jv::array_at(v, p);
  return a ? *a : empty_array;
}

bool condition_true(const json::value& pod, std::string_view type) {
  for (const auto& c : array_or_empty(pod, {"status", "conditions"}))
    if (jv::string_at(c, {"type"}) == type) return jv::string_at(c, {"status"}) == "True";
  return false;
}

// A sidecar: an init container with restartPolicy Always keeps running beside the app containers.
bool restartable_init(const json::value& pod, std::string_view name) {
  for (const auto& c : array_or_empty(pod, {"spec", "initContainers"}))
    if (jv::string_at(c, {"name"}) == name) return jv::string_at(c, {"restartPolicy"}) == "Always";
  return false;
}

struct restart_clock {
  std::optional<std::chrono::system_clock::time_point> last;
  void see(const json::value& status) {
    auto t = parse_rfc3339(jv::string_at(status, {"lastState", "terminated", "finishedAt"}));
    if (t && (!last || *t > *last)) last = t;
  }
};

std::string terminated_reason(const json::value& term, std::string_view prefix) {
  auto reason = jv::string_at(term, {"reason"});
  if (!reason.empty()) return std::string(prefix) + std::string(reason);
  if (auto sig = jv::int_at(term, {"signal"}).value_or(0); sig != 0)
    return std::string(prefix) + "Signal:" + std::to_string(sig);
  return std::string(prefix) + "ExitCode:" + std::to_string(jv::int_at(term, {"exitCode"}).value_or(0));
}

void pod_cells(const value& p, time_point now, array& out) {
  const auto& init_specs = array_or_empty(p, {"spec", "initContainers"});
  int64_t total = static_cast<int64_t>(array_or_empty(p, {"spec", "containers"}).size());
  for (const auto& c : init_specs)
    if (jv::string_at(c, {"restartPolicy"}) == "Always") ++total;
  int64_t ready = 0, restarts = 0, sidecar_restarts = 0;
  restart_clock all, sidecars;

  auto phase = jv::string_at(p, {"status", "phase"});
  std::string reason(phase);
  if (auto r = jv::string_at(p, {"status", "reason"}); !r.empty()) reason = r;
  for (const auto& c : array_or_empty(p, {"status", "conditions"}))
    if (jv::string_at(c, {"type"}) == "PodScheduled" && jv::string_at(c, {"reason"}) == "SchedulingGated")
      reason = "SchedulingGated";

  bool initializing = false;
  const auto& init_statuses = array_or_empty(p, {"status", "initContainerStatuses"});
  for (size_t i = 0; i < init_statuses.size(); ++i) {
    const auto& c = init_statuses[i];
    restarts += jv::int_at(c, {"restartCount"}).value_or(0);
    all.see(c);
    bool sidecar = restartable_init(p, jv::string_at(c, {"name"}));
    if (sidecar) {
      sidecar_restarts += jv::int_at(c, {"restartCount"}).value_or(0);
      sidecars.see(c);
    }
    const auto* term = jv::object_at(c, {"state", "terminated"});
    auto waiting = jv::string_at(c, {"state", "waiting", "reason"});
    if (term && jv::int_at(c, {"state", "terminated", "exitCode"}).value_or(0) == 0) continue;
    if (sidecar && jv::bool_at(c, {"started"})) {
      if (jv::bool_at(c, {"ready"})) ++ready;
      continue;
    }
    if (term) reason = terminated_reason(*jv::at(c, {"state", "terminated"}), "Init:");
    else if (!waiting.empty() && waiting != "PodInitializing") reason = "Init:" + std::string(waiting);
    else reason = "Init:" + std::to_string(i) + "/" + std::to_string(init_specs.size());
    initializing = true;
    break;
  }

  if (!initializing || condition_true(p, "Initialized")) {
    restarts = sidecar_restarts;
    all = sidecars;
    bool has_running = false;
    const auto& statuses = array_or_empty(p, {"status", "containerStatuses"});
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
      const auto& c = *it;
      restarts += jv::int_at(c, {"restartCount"}).value_or(0);
      all.see(c);
      auto waiting = jv::string_at(c, {"state", "waiting", "reason"});
      const auto* term = jv::at(c, {"state", "terminated"});
      if (!waiting.empty()) reason = waiting;
      else if (term && term->is_object()) reason = terminated_reason(*term, "");
      else if (jv::bool_at(c, {"ready"}) && jv::object_at(c, {"state", "running"})) {
        has_running = true;
        ++ready;
      }
    }
    // A container that completed beside one still running leaves the pod Running (or NotReady).
    if (reason == "Completed" && has_running) reason = condition_true(p, "Ready") ? "Running" : "NotReady";
  }

  if (jv::has(p, {"metadata", "deletionTimestamp"})) {
    if (jv::string_at(p, {"status", "reason"}) == "NodeLost") reason = "Unknown";
    else if (phase != "Succeeded" && phase != "Failed") reason = "Terminating";
  }

  std::string restarts_text = std::to_string(restarts);
  if (restarts != 0 && all.last) restarts_text += " (" + human_duration(now - *all.last) + " ago)";

  std::string ip;
  if (const auto* ips = jv::array_at(p, {"status", "podIPs"}); ips && !ips->empty())
    ip = jv::string_at(ips->front(), {"ip"});
  if (ip.empty()) ip = jv::string_at(p, {"status", "podIP"});
  auto or_none = [](std::string_view s) { return s.empty() ? std::string("<none>") : std::string(s); };

  std::string gates = "<none>";
  if (const auto* rg = jv::array_at(p, {"spec", "readinessGates"}); rg && !rg->empty()) {
    int64_t true_count = 0;
    for (const auto& g : *rg)
      if (condition_true(p, jv::string_at(g, {"conditionType"}))) ++true_count;
    gates = std::to_string(true_count) + "/" + std::to_string(rg->size());
  }

  out.push_back(json::string(cells::name_of(p)));
  out.push_back(json::string(std::to_string(ready) + "/" + std::to_string(total)));
  out.push_back(json::string(reason));
  out.push_back(json::string(restarts_text));
  out.push_back(json::string(cells::age_of(p, now)));
  out.push_back(json::string(or_none(ip)));
  out.push_back(json::string(or_none(jv::string_at(p, {"spec", "nodeName"}))));
  out.push_back(json::string(or_none(jv::string_at(p, {"status", "nominatedNodeName"}))));
  out.push_back(json::string(gates));
}

void pod_conditions(const value& p, array& out) {
  auto phase = jv::string_at(p, {"status", "phase"});
  if (phase != "Succeeded" && phase != "Failed") return;
  out.push_back(json::object{
      {"type", "Completed"},
      {"status", "True"},
      {"reason", phase},
      {"message", phase == "Succeeded" ? "The pod has completed successfully." : "The pod failed."}});
}

}  // namespace

printer pod_printer() {
  return {{name_column(), column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
           column("Status", "The aggregate status of the containers in this pod."),
           column("Restarts", "The number of times the containers in this pod have been restarted and when the last "
                              "container in this pod has restarted."),
           age_column(), column("IP", "podIP address allocated to the pod.", "string", 1),
           column("Node", "NodeName indicates in which node this pod is scheduled.", "string", 1),
           column("Nominated Node", "nominatedNodeName is set when this pod preempts other pods on the node.",
                  "string", 1),
           column("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.",
                  "string", 1)},
          pod_cells, pod_conditions};
}

}  // namespace navarch::api
