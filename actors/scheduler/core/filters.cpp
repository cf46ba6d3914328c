#include "actors/scheduler/core/filters.hpp"

#include <algorithm>

namespace navarch::scheduler {

bool tolerates(const toleration& t, const taint& taint) {
  if (t.effect && *t.effect != taint.effect) return false;
  if (!t.key.empty() && t.key != taint.key) return false;
  return t.exists || t.value == taint.value;
}

bool tolerates_any(const std::vector<toleration>& tolerations, const taint& taint) {
  return std::any_of(tolerations.begin(), tolerations.end(), [&](const toleration& t) { return tolerates(t, taint); });
}

bool passes_unschedulable(const pod_info& pod, const node_info& node) {
  if (!node.unschedulable) return true;
  static const taint cordon{"node.kubernetes.io/unschedulable", "", taint_effect::no_schedule};
  return tolerates_any(pod.tolerations, cordon);
}

const taint* untolerated_taint(const pod_info& pod, const node_info& node) {
  for (const auto& t : node.taints)
    if (t.effect != taint_effect::prefer_no_schedule && !tolerates_any(pod.tolerations, t)) return &t;
  return nullptr;
}

bool matches_term(const node_selector_term& term, const node_info& node) {
  if (term.matches_nothing) return false;
  for (const auto& f : term.name_requirements) {
    bool listed = std::find(f.values.begin(), f.values.end(), node.name) != f.values.end();
    if (listed != f.in) return false;
  }
  return term.labels.requirements.empty() || api::matches(term.labels, &node.labels);
}

bool matches_node_affinity(const pod_info& pod, const node_info& node) {
  if (!pod.node_selector.requirements.empty() && !api::matches(pod.node_selector, &node.labels)) return false;
  if (!pod.required_terms) return true;
  const auto& terms = *pod.required_terms;
  return std::any_of(terms.begin(), terms.end(), [&](const node_selector_term& t) { return matches_term(t, node); });
}

namespace {

bool ports_clash(const host_port& want, const host_port& used) {
  if (want.port != used.port || want.protocol != used.protocol) return false;
  return want.ip == used.ip || want.ip == "0.0.0.0" || used.ip == "0.0.0.0";
}

}  // namespace

bool host_ports_conflict(const pod_info& pod, const node_info& node) {
  for (const auto& want : pod.host_ports)
    for (const auto& used : node.used_ports)
      if (ports_clash(want, used)) return true;
  return false;
}

uint8_t insufficient_resources(const pod_info& pod, const node_info& node) {
  uint8_t short_of = 0;
  if (node.pod_count + 1 > node.allowed_pods) short_of |= too_many_pods;
  const resources& want = pod.requests;
  if (want.milli_cpu > 0 && want.milli_cpu > node.allocatable.milli_cpu - node.requested.milli_cpu)
    short_of |= insufficient_cpu;
  if (want.memory > 0 && want.memory > node.allocatable.memory - node.requested.memory)
    short_of |= insufficient_memory;
  return short_of;
}

filter_status run_filters(const pod_info& pod, const node_info& node) {
  filter_status s;
  if (!passes_unschedulable(pod, node)) {
    s.code = filter_code::unschedulable;
  } else if (const taint* t = untolerated_taint(pod, node)) {
    s.code = filter_code::untolerated_taint;
    s.failed_taint = t;
  } else if (!matches_node_affinity(pod, node)) {
    s.code = filter_code::node_affinity;
  } else if (host_ports_conflict(pod, node)) {
    s.code = filter_code::host_ports;
  } else if (uint8_t short_of = insufficient_resources(pod, node)) {
    s.code = filter_code::resources;
    s.insufficient = short_of;
  }
  return s;
}

bool filter_status::unresolvable() const {
  return code == filter_code::unschedulable || code == filter_code::untolerated_taint ||
         code == filter_code::node_affinity;
}

std::vector<std::string> filter_status::reasons() const {
  switch (code) {
    case filter_code::fits: return {};
    case filter_code::unschedulable: return {"node(s) were unschedulable"};
    case filter_code::untolerated_taint:
      return {"node(s) had untolerated taint {" + failed_taint->key + ": " + failed_taint->value + "}"};
    case filter_code::node_affinity: return {"node(s) didn't match Pod's node affinity/selector"};
    case filter_code::host_ports: return {"node(s) didn't have free ports for the requested pod ports"};
    case filter_code::resources: {
      std::vector<std::string> r;
      if (insufficient & too_many_pods) r.push_back("Too many pods");
      if (insufficient & insufficient_cpu) r.push_back("Insufficient cpu");
      if (insufficient & insufficient_memory) r.push_back("Insufficient memory");
      return r;
    }
  }
  return {};
}

}  // namespace navarch::scheduler
