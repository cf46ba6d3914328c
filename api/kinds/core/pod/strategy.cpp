#include "api/kinds/core/pod/strategy.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/defaults/pod_spec.hpp"
#include "api/kinds/core/pod/parts.hpp"
#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/validation/pod.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr patch::field_meta pod_status_fields[] = {
    patch::keyed_list("conditions", "type"), patch::keyed_list("hostIPs", "ip"), patch::keyed_list("podIPs", "ip"),
    patch::keyed_list("resourceClaimStatuses", "name")};
constexpr patch::schema_node pod_status{pod_status_fields};
constexpr patch::field_meta pod_fields[] = {patch::nested("metadata", patch::object_meta),
                                            patch::nested("spec", patch::pod_spec),
                                            patch::nested("status", pod_status)};
constexpr patch::schema_node pod_schema{pod_fields};

// The grace period a pod deletion gets: DeleteOptions.gracePeriodSeconds, else the pod's
// terminationGracePeriodSeconds; none for a pod no kubelet runs (unscheduled or already finished).
int64_t grace_period(const json::object& pod, const json::object& options) {
  auto field = [&](std::string_view part, std::string_view key) -> const json::value* {
    const auto* p = pod.if_contains(part);
    return p && p->is_object() ? p->as_object().if_contains(key) : nullptr;
  };
  auto text = [](const json::value* v) { return v && v->is_string() ? std::string_view(v->get_string()) : ""; };
  auto phase = text(field("status", "phase"));
  if (text(field("spec", "nodeName")).empty() || phase == "Succeeded" || phase == "Failed") return 0;
  if (const auto* g = options.if_contains("gracePeriodSeconds"); g && g->is_int64())
    return std::max<int64_t>(0, g->as_int64());
  if (const auto* g = field("spec", "terminationGracePeriodSeconds"); g && g->is_int64()) return g->as_int64();
  return 30;
}

// The field labels of pods (pkg/registry/core/pod: ToSelectableFields, and the conversion funcs).
std::vector<selectable_field> pod_fields_for_selectors() {
  return {
      {"spec.nodeName", {"spec", "nodeName"}, ""},
      {"spec.restartPolicy", {"spec", "restartPolicy"}, ""},
      {"spec.schedulerName", {"spec", "schedulerName"}, ""},
      {"spec.serviceAccountName", {"spec", "serviceAccountName"}, ""},
      {"spec.hostNetwork", {"spec", "hostNetwork"}, "false"},
      {"status.phase", {"status", "phase"}, ""},
      {"status.podIP", {"status", "podIP"}, ""},
      {"status.nominatedNodeName", {"status", "nominatedNodeName"}, ""},
  };
}

}  // namespace

kind_strategy pod_strategy() {
  kind_strategy k;
  k.kind = "Pod";
  k.plural = "pods";
  k.singular = "pod";
  k.short_names = {"po"};
  k.categories = {"all"};
  k.has_status = true;
  k.subresources = {{"log", "", "v1", "Pod", {"get"}},
                    {"exec", "", "v1", "PodExecOptions", {"create", "get"}},
                    {"binding", "", "v1", "Binding", {"create"}}};
  k.prepare_for_create = [](json::object& obj, const create_context&) {
    obj["status"] = json::object{{"phase", "Pending"}};
  };
  k.defaults = [](json::object& obj) { default_pod_spec(child(obj, "spec")); };
  k.validate = [](const json::value& obj, field_errors& errs) { validate_pod_spec(jv::at(obj, {"spec"}), "spec", errs); };
  k.validate_update = validate_pod_update;
  k.grace_period = grace_period;
  k.selectable_fields = pod_fields_for_selectors();
  k.smp = &pod_schema;
  k.table = pod_printer();
  return k;
}

}  // namespace navarch::api
