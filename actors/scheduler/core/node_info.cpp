#include "actors/scheduler/core/node_info.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/quantity/quantity.hpp"

namespace navarch::scheduler {

namespace json = boost::json;
using api::jv::array_at;
using api::jv::bool_at;
using api::jv::object_at;
using api::jv::string_at;

namespace {

std::string read_allocatable(const json::object* list, node_info& node) {
  if (!list) return {};
  struct entry {
    std::string_view name;
    bool milli;
    int64_t* out;
  };
  for (const auto& e : {entry{"cpu", true, &node.allocatable.milli_cpu}, entry{"memory", false, &node.allocatable.memory},
                        entry{"pods", false, &node.allowed_pods}}) {
    const auto* v = list->if_contains(e.name);
    if (!v) continue;
    std::string path = "status.allocatable[" + std::string(e.name) + "]";
    if (!v->is_string() && !v->is_number()) return path + ": must be a quantity";
    std::string text = v->is_string() ? std::string(v->get_string()) : json::serialize(*v);
    auto q = e.milli ? api::parse_quantity_milli_value(text) : api::parse_quantity_value(text);
    if (!q.ok()) return path + ": invalid quantity \"" + text + "\": " + q.error;
    *e.out = q.value < 0 ? 0 : q.value;
  }
  return {};
}

}  // namespace

node_info_result node_info_from_json(const json::value& value) {
  node_info_result res;
  const auto* o = value.if_object();
  if (!o) {
    res.error = "a node must be a JSON object";
    return res;
  }
  const auto* meta = object_at(o, "metadata");
  const auto* spec = object_at(o, "spec");
  node_info& node = res.node;
  node.name = std::string(string_at(meta, "name"));
  if (node.name.empty()) {
    res.error = "metadata.name: Required value";
    return res;
  }
  if (const auto* labels = object_at(meta, "labels")) node.labels = *labels;
  std::string_view region = string_at(&node.labels, "topology.kubernetes.io/region");
  std::string_view zone = string_at(&node.labels, "topology.kubernetes.io/zone");
  if (!region.empty() || !zone.empty()) node.zone = std::string(region) + ":" + std::string(zone);
  node.unschedulable = bool_at(spec, "unschedulable");
  if (const auto* taints = array_at(spec, "taints"))
    for (size_t i = 0; i < taints->size(); ++i) {
      const auto* t = (*taints)[i].if_object();
      auto effect = parse_taint_effect(string_at(t, "effect"));
      if (!effect) {
        res.error = "spec.taints[" + std::to_string(i) + "].effect: Unsupported value: \"" +
                    std::string(string_at(t, "effect")) + "\"";
        return res;
      }
      node.taints.push_back({std::string(string_at(t, "key")), std::string(string_at(t, "value")), *effect});
    }
  if (auto err = read_allocatable(object_at(object_at(o, "status"), "allocatable"), node); !err.empty())
    res.error = std::move(err);
  return res;
}

}  // namespace navarch::scheduler
