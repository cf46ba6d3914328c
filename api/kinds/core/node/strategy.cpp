#include "api/kinds/core/node/strategy.hpp"

#include <set>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr patch::field_meta node_spec_fields[] = {patch::primitive_set("podCIDRs")};
constexpr patch::schema_node node_spec{node_spec_fields};
constexpr patch::field_meta node_status_fields[] = {patch::keyed_list("conditions", "type"),
                                                    patch::keyed_list("addresses", "type")};
constexpr patch::schema_node node_status{node_status_fields};
constexpr patch::field_meta node_fields[] = {patch::nested("metadata", patch::object_meta),
                                             patch::nested("spec", node_spec), patch::nested("status", node_status)};
constexpr patch::schema_node node_schema{node_fields};

void validate(const json::value& node, field_errors& errs) {
  static const std::vector<std::string> effects = {"NoSchedule", "PreferNoSchedule", "NoExecute"};
  const auto* taints = jv::array_at(node, {"spec", "taints"});
  if (!taints) return;
  for (size_t i = 0; i < taints->size(); ++i) {
    const auto& t = (*taints)[i];
    std::string tp = index_path("spec.taints", i);
    auto key = jv::string_at(t, {"key"});
    for (const auto& m : check_qualified_name(key)) errs.push_back(invalid(tp + ".key", key, m));
    if (auto v = jv::string_at(t, {"value"}); !v.empty())
      for (const auto& m : check_label_value(v)) errs.push_back(invalid(tp + ".value", v, m));
    auto effect = jv::string_at(t, {"effect"});
    if (effect.empty()) errs.push_back(required(tp + ".effect"));
    else if (!one_of(effect, effects)) errs.push_back(not_supported(tp + ".effect", effect, effects));
  }
}

std::string node_address(const json::value& node, std::string_view type) {
  if (const auto* addrs = jv::array_at(node, {"status", "addresses"}))
    for (const auto& a : *addrs)
      if (jv::string_at(a, {"type"}) == type) return std::string(jv::string_at(a, {"address"}));
  return "<none>";
}

std::string or_unknown(std::string_view s) { return s.empty() ? std::string("<unknown>") : std::string(s); }

void node_cells(const json::value& n, std::chrono::system_clock::time_point now, json::array& out) {
  std::string status = "Unknown";
  if (const auto* conds = jv::array_at(n, {"status", "conditions"}))
    for (const auto& c : *conds)
      if (jv::string_at(c, {"type"}) == "Ready") status = jv::string_at(c, {"status"}) == "True" ? "Ready" : "NotReady";
  if (jv::bool_at(n, {"spec", "unschedulable"})) status += ",SchedulingDisabled";
  std::set<std::string> roles;
  if (const auto* labels = jv::object_at(n, {"metadata", "labels"}))
    for (const auto& [k, v] : *labels) {
      constexpr std::string_view prefix = "node-role.kubernetes.io/";
      if (k.starts_with(prefix) && k.size() > prefix.size()) roles.insert(std::string(k.substr(prefix.size())));
      else if (k == "kubernetes.io/role" && v.is_string() && !v.get_string().empty())
        roles.insert(std::string(v.get_string()));
    }
  std::string role_text = roles.empty() ? "<none>" : cells::join({roles.begin(), roles.end()}, ",");
  out.push_back(json::string(cells::name_of(n)));
  out.push_back(json::string(status));
  out.push_back(json::string(role_text));
  out.push_back(json::string(cells::age_of(n, now)));
  out.push_back(json::string(jv::string_at(n, {"status", "nodeInfo", "kubeletVersion"})));
  out.push_back(json::string(node_address(n, "InternalIP")));
  out.push_back(json::string(node_address(n, "ExternalIP")));
  for (auto key : {"osImage", "kernelVersion", "containerRuntimeVersion"})
    out.push_back(json::string(or_unknown(jv::string_at(n, {"status", "nodeInfo", key}))));
}

printer node_printer() {
  return {{name_column(), column("Status", "The status of the node"), column("Roles", "The roles of the node"),
           age_column(), column("Version", "Kubelet Version reported by the node."),
           column("Internal-IP", "List of addresses reachable to the node.", "string", 1),
           column("External-IP", "List of addresses reachable to the node.", "string", 1),
           column("OS-Image", "OS Image reported by the node from /etc/os-release.", "string", 1),
           column("Kernel-Version", "Kernel Version reported by the node from 'uname -r'.", "string", 1),
           column("Container-Runtime", "ContainerRuntime Version reported by the node.", "string", 1)},
          node_cells};
}

}  // namespace

kind_strategy node_strategy() {
  kind_strategy k;
  k.kind = "Node";
  k.plural = "nodes";
  k.singular = "node";
  k.namespaced = false;
  k.short_names = {"no"};
  k.has_status = true;
  k.validate = validate;
  k.selectable_fields = {{"spec.unschedulable", {"spec", "unschedulable"}, "false"}};
  k.smp = &node_schema;
  k.table = node_printer();
  return k;
}

}  // namespace navarch::api
