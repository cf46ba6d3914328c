#include "api/kinds/core/namespace/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr patch::field_meta namespace_fields[] = {patch::nested("metadata", patch::object_meta),
                                                  patch::nested("status", patch::conditions_status)};
constexpr patch::schema_node namespace_schema{namespace_fields};

void namespace_cells(const json::value& ns, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(ns)));
  out.push_back(json::string(jv::string_at(ns, {"status", "phase"})));
  out.push_back(json::string(cells::age_of(ns, now)));
}

// The namespaces every cluster keeps (the NamespaceLifecycle admission plugin refuses their deletion).
std::string delete_forbidden(const json::object& ns) {
  const auto* meta = ns.if_contains("metadata");
  const auto* name = meta && meta->is_object() ? meta->as_object().if_contains("name") : nullptr;
  if (name && name->is_string())
    for (std::string_view immortal : {"default", "kube-system", "kube-public"})
      if (name->get_string() == immortal) return "this namespace may not be deleted";
  return {};
}

}  // namespace

kind_strategy namespace_strategy() {
  kind_strategy k;
  k.kind = "Namespace";
  k.plural = "namespaces";
  k.singular = "namespace";
  k.namespaced = false;
  k.short_names = {"ns"};
  k.has_status = true;
  k.name_rule = name_is_dns1123_label;
  k.defaults = [](json::object& obj) {
    set_default(child(obj, "spec"), "finalizers", json::array{"kubernetes"});
    set_default(child(obj, "status"), "phase", "Active");
  };
  k.delete_forbidden = delete_forbidden;
  k.prepare_for_delete = [](json::object& obj) { child(obj, "status")["phase"] = "Terminating"; };
  k.finalized_by_apiserver = true;
  k.selectable_fields = {{"status.phase", {"status", "phase"}, ""}};
  k.smp = &namespace_schema;
  k.table = {{name_column(), column("Status", "The status of the namespace"), age_column()}, namespace_cells};
  return k;
}

}  // namespace navarch::api
