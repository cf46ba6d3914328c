#include "api/kinds/core/resourcequota/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/core/volume_claims.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/quantity/quantity.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

const std::vector<std::string> standard_quota_resources = {
    "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims",
    "services.nodeports", "services.loadbalancers", "cpu", "memory", "ephemeral-storage", "requests.cpu",
    "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
    "limits.ephemeral-storage"};
const std::vector<std::string> scopes = {"Terminating", "NotTerminating", "BestEffort", "NotBestEffort",
                                         "PriorityClass", "CrossNamespacePodAffinity"};

bool is_quota_resource(std::string_view name) {
  return one_of(name, standard_quota_resources) || name.starts_with("count/") || name.starts_with("hugepages-") ||
         name.starts_with("requests.hugepages-") || name.find('/') != std::string_view::npos;
}

// Object counts and the like are whole numbers; cpu, memory and storage may be fractional.
bool is_integer_resource(std::string_view name) {
  return !(name == "cpu" || name == "memory" || name.ends_with(".cpu") || name.ends_with(".memory") ||
           name.ends_with("storage") || name.find("hugepages-") != std::string_view::npos);
}

void validate(const json::value& rq, field_errors& errs) {
  if (const auto* hard = jv::object_at(rq, {"spec", "hard"}))
    for (const auto& [k, v] : *hard) {
      std::string path = key_path("spec.hard", k);
      for (const auto& m : check_qualified_name(k)) errs.push_back(invalid(path, k, m));
      if (!is_quota_resource(k)) errs.push_back(invalid(path, k, "must be a standard resource for quota"));
      std::string text = volumes::quantity_text(&v);
      auto milli = parse_quantity_milli_value(text);
      if (!milli.ok()) errs.push_back(invalid(path, text, milli.error));
      else if (milli.value < 0) errs.push_back(invalid(path, text, "must be greater than or equal to 0"));
      else if (is_integer_resource(k) && milli.value % 1000 != 0) errs.push_back(invalid(path, text, "must be an integer"));
    }
  if (const auto* list = jv::array_at(rq, {"spec", "scopes"}))
    for (const auto& sc : *list) {
      std::string_view scope = sc.is_string() ? std::string_view(sc.get_string()) : std::string_view();
      if (!one_of(scope, scopes)) errs.push_back(invalid("spec.scopes", scope, "unsupported scope"));
    }
}

// printResourceQuota: "name: used/hard" pairs from status, sorted by name; limits.* in the Limit column.
void cells_of(const json::value& rq, std::chrono::system_clock::time_point now, json::array& out) {
  std::vector<std::string> requests, limits;
  if (const auto* hard = jv::object_at(rq, {"status", "hard"})) {
    std::vector<std::string> names;
    for (const auto& [k, v] : *hard) names.emplace_back(k);
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      std::string used = volumes::quantity_text(jv::at(rq, {"status", "used", name}));
      std::string entry = name + ": " + used + "/" + volumes::quantity_text(&hard->at(name));
      (name.starts_with("limits.") ? limits : requests).push_back(entry);
    }
  }
  out.push_back(json::string(cells::name_of(rq)));
  out.push_back(json::string(cells::join(requests, ", ")));
  out.push_back(json::string(cells::join(limits, ", ")));
  out.push_back(json::string(cells::age_of(rq, now)));
}

}  // namespace

kind_strategy resource_quota_strategy() {
  kind_strategy s;
  s.kind = "ResourceQuota";
  s.plural = "resourcequotas";
  s.singular = "resourcequota";
  s.short_names = {"quota"};
  s.has_status = true;
  s.prepare_for_create = clear_status;
  s.validate = validate;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column("Request", "Request represents a minimum amount of cpu/memory that a container may consume."),
              column("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent "
                              "of contention on the node."),
              age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
