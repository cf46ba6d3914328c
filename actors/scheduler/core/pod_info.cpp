#include "actors/scheduler/core/pod_info.hpp"

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/object/meta.hpp"
#include "api/quantity/quantity.hpp"

namespace navarch::scheduler {

namespace json = boost::json;
using api::jv::array_at;
using api::jv::bool_at;
using api::jv::object_at;
using api::jv::string_at;

namespace {

// A pod's cpu and memory requests, read from a ResourceList; `has_*` tell whether the entry was there at all
// (a container that sets cpu: 0 is not given the scoring default).
struct container_requests {
  resources amount;
  bool has_cpu = false;
  bool has_memory = false;

  resources nonzero() const {
    return {has_cpu ? amount.milli_cpu : default_milli_cpu_request,
            has_memory ? amount.memory : default_memory_request};
  }
};

std::string read_resource_list(const json::object* list, const std::string& path, container_requests& out) {
  if (!list) return {};
  for (std::string_view name : {"cpu", "memory"}) {
    const auto* v = list->if_contains(name);
    if (!v) continue;
    if (!v->is_string() && !v->is_number()) return path + "[" + std::string(name) + "]: must be a quantity";
    std::string text = v->is_string() ? std::string(v->get_string()) : json::serialize(*v);
    bool cpu = name == "cpu";
    auto q = cpu ? api::parse_quantity_milli_value(text) : api::parse_quantity_value(text);
    if (!q.ok()) return path + "[" + std::string(name) + "]: invalid quantity \"" + text + "\": " + q.error;
    if (q.value < 0) return path + "[" + std::string(name) + "]: must be greater than or equal to 0";
    (cpu ? out.amount.milli_cpu : out.amount.memory) = q.value;
    (cpu ? out.has_cpu : out.has_memory) = true;
  }
  return {};
}

resources max_of(const resources& a, const resources& b) {
  return {std::max(a.milli_cpu, b.milli_cpu), std::max(a.memory, b.memory)};
}

// Effective requests as Kubernetes computes them: regular containers and restartable init containers (sidecars)
// run together; each plain init container runs alone beside the sidecars started before it; the pod needs the
// larger of the two, plus its overhead.
std::string read_requests(const json::object* spec, pod_info& pod) {
  resources sum, sum_nz, init_peak, init_peak_nz, sidecars, sidecars_nz;
  auto each = [&](std::string_view field, auto&& add) -> std::string {
    const auto* list = array_at(spec, field);
    if (!list) return {};
    for (size_t i = 0; i < list->size(); ++i) {
      const auto* c = (*list)[i].if_object();
      container_requests r;
      std::string path = "spec." + std::string(field) + "[" + std::to_string(i) + "].resources.requests";
      if (auto err = read_resource_list(object_at(object_at(c, "resources"), "requests"), path, r); !err.empty())
        return err;
      add(c, r);
    }
    return {};
  };
  auto err = each("containers", [&](const json::object*, const container_requests& r) {
    sum += r.amount;
    sum_nz += r.nonzero();
  });
  if (!err.empty()) return err;
  err = each("initContainers", [&](const json::object* c, const container_requests& r) {
    if (string_at(c, "restartPolicy") == "Always") {
      sum += r.amount;
      sum_nz += r.nonzero();
      sidecars += r.amount;
      sidecars_nz += r.nonzero();
      init_peak = max_of(init_peak, sidecars);
      init_peak_nz = max_of(init_peak_nz, sidecars_nz);
    } else {
      resources step = r.amount, step_nz = r.nonzero();
      step += sidecars;
      step_nz += sidecars_nz;
      init_peak = max_of(init_peak, step);
      init_peak_nz = max_of(init_peak_nz, step_nz);
    }
  });
  if (!err.empty()) return err;
  container_requests overhead;
  if (err = read_resource_list(object_at(spec, "overhead"), "spec.overhead", overhead); !err.empty()) return err;
  pod.requests = max_of(sum, init_peak);
  pod.requests += overhead.amount;
  pod.nonzero_requests = max_of(sum_nz, init_peak_nz);
  pod.nonzero_requests += overhead.amount;
  return {};
}

bool is_integer(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

// One NodeSelectorRequirement on labels; false when it is malformed (which makes its term match nothing).
bool read_label_requirement(const json::object* e, api::label_requirement& out) {
  out.key = std::string(string_at(e, "key"));
  out.values = api::jv::strings_at(e, "values");
  std::string_view op = string_at(e, "operator");
  if (out.key.empty()) return false;
  if (op == "In" || op == "NotIn") {
    out.op = op == "In" ? api::label_op::in : api::label_op::not_in;
    if (out.values.empty()) return false;
  } else if (op == "Exists" || op == "DoesNotExist") {
    out.op = op == "Exists" ? api::label_op::exists : api::label_op::does_not_exist;
    if (!out.values.empty()) return false;
  } else if (op == "Gt" || op == "Lt") {
    out.op = op == "Gt" ? api::label_op::greater_than : api::label_op::less_than;
    if (out.values.size() != 1 || !is_integer(out.values[0])) return false;
  } else {
    return false;
  }
  std::sort(out.values.begin(), out.values.end());
  out.values.erase(std::unique(out.values.begin(), out.values.end()), out.values.end());
  return true;
}

node_selector_term read_term(const json::object* t) {
  node_selector_term term;
  const auto* exprs = array_at(t, "matchExpressions");
  const auto* fields = array_at(t, "matchFields");
  if ((!exprs || exprs->empty()) && (!fields || fields->empty())) {
    term.matches_nothing = true;
    return term;
  }
  if (exprs)
    for (const auto& e : *exprs) {
      api::label_requirement r;
      if (!read_label_requirement(e.if_object(), r)) {
        term.matches_nothing = true;
        return term;
      }
      term.labels.requirements.push_back(std::move(r));
    }
  if (fields)
    for (const auto& f : *fields) {
      const auto* fo = f.if_object();
      std::string_view op = string_at(fo, "operator");
      node_field_requirement r{op == "In", api::jv::strings_at(fo, "values")};
      // Only metadata.name is a node field a term may select on, with In or NotIn and one value.
      if (string_at(fo, "key") != "metadata.name" || (op != "In" && op != "NotIn") || r.values.size() != 1) {
        term.matches_nothing = true;
        return term;
      }
      term.name_requirements.push_back(std::move(r));
    }
  return term;
}

std::string read_tolerations(const json::object* spec, pod_info& pod) {
  const auto* list = array_at(spec, "tolerations");
  if (!list) return {};
  for (size_t i = 0; i < list->size(); ++i) {
    const auto* t = (*list)[i].if_object();
    std::string path = "spec.tolerations[" + std::to_string(i) + "]";
    toleration tol;
    tol.key = std::string(string_at(t, "key"));
    tol.value = std::string(string_at(t, "value"));
    std::string_view op = string_at(t, "operator");
    if (op == "Exists") tol.exists = true;
    else if (!op.empty() && op != "Equal") return path + ".operator: Unsupported value: \"" + std::string(op) + "\"";
    if (std::string_view e = string_at(t, "effect"); !e.empty()) {
      tol.effect = parse_taint_effect(e);
      if (!tol.effect) return path + ".effect: Unsupported value: \"" + std::string(e) + "\"";
    }
    pod.tolerations.push_back(std::move(tol));
  }
  return {};
}

std::string read_host_ports(const json::object* spec, pod_info& pod) {
  const auto* containers = array_at(spec, "containers");
  if (!containers) return {};
  bool host_network = bool_at(spec, "hostNetwork");
  for (size_t i = 0; i < containers->size(); ++i) {
    const auto* ports = array_at((*containers)[i].if_object(), "ports");
    if (!ports) continue;
    for (size_t j = 0; j < ports->size(); ++j) {
      const auto* p = (*ports)[j].if_object();
      std::string path = "spec.containers[" + std::to_string(i) + "].ports[" + std::to_string(j) + "]";
      auto int_at = [&](std::string_view key) { return api::jv::int_at(p, key).value_or(0); };
      int64_t port = int_at("hostPort");
      if (port == 0 && host_network) port = int_at("containerPort");  // host network: the container port is a host port
      if (port == 0) continue;
      if (port < 0 || port > 65535) return path + ".hostPort: must be between 1 and 65535";
      host_port hp;
      hp.port = int32_t(port);
      if (auto ip = string_at(p, "hostIP"); !ip.empty()) hp.ip = std::string(ip);
      std::string_view proto = string_at(p, "protocol");
      if (proto == "UDP") hp.protocol = port_protocol::udp;
      else if (proto == "SCTP") hp.protocol = port_protocol::sctp;
      else if (!proto.empty() && proto != "TCP") return path + ".protocol: Unsupported value: \"" + std::string(proto) + "\"";
      pod.host_ports.push_back(std::move(hp));
    }
  }
  return {};
}

void read_affinity(const json::object* spec, pod_info& pod) {
  const auto* na = object_at(object_at(spec, "affinity"), "nodeAffinity");
  if (const auto* req = object_at(na, "requiredDuringSchedulingIgnoredDuringExecution")) {
    pod.required_terms.emplace();
    if (const auto* terms = array_at(req, "nodeSelectorTerms"))
      for (const auto& t : *terms) pod.required_terms->push_back(read_term(t.if_object()));
  }
  if (const auto* pref = array_at(na, "preferredDuringSchedulingIgnoredDuringExecution"))
    for (const auto& p : *pref) {
      const auto* po = p.if_object();
      int64_t weight = api::jv::int_at(po, "weight").value_or(0);
      if (weight == 0) continue;  // a zero weight adds nothing
      pod.preferred_terms.push_back({int32_t(weight), read_term(object_at(po, "preference"))});
    }
}

}  // namespace

pod_info_result pod_info_from_json(const json::value& value) {
  pod_info_result res;
  const auto* o = value.if_object();
  if (!o) {
    res.error = "a pod must be a JSON object";
    return res;
  }
  const auto* spec = object_at(o, "spec");
  pod_info& pod = res.pod;
  pod.namespace_name = std::string(api::meta::namespace_of(value));
  if (pod.namespace_name.empty()) pod.namespace_name = "default";
  pod.name = std::string(api::meta::name(value));
  pod.uid = std::string(api::meta::uid(value));
  if (pod.name.empty()) {
    res.error = "metadata.name: Required value";
    return res;
  }
  if (auto owner = api::meta::controller_of(value)) pod.owner_uid = std::string(owner->uid);
  if (const auto* sel = object_at(spec, "nodeSelector")) {
    for (const auto& [k, v] : *sel) {
      if (!v.is_string()) {
        res.error = "spec.nodeSelector[" + std::string(k) + "]: must be a string";
        return res;
      }
      pod.node_selector.requirements.push_back({std::string(k), api::label_op::equals, {std::string(v.get_string())}});
    }
  }
  read_affinity(spec, pod);
  pod.preempt_never = string_at(spec, "preemptionPolicy") == "Never";
  for (auto* step : {read_requests, read_tolerations, read_host_ports})
    if (auto err = step(spec, pod); !err.empty()) {
      res.error = std::move(err);
      return res;
    }
  return res;
}

}  // namespace navarch::scheduler
