#include "api/kinds/storage/csinode/strategy.hpp"

#include <set>

#include <boost/json.hpp>

#include "api/kinds/storage/csi_names.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr size_t max_node_id_length = 192;

void validate_driver(const json::value& d, const std::string& path, std::set<std::string>& names, field_errors& errs) {
  auto name = jv::string_at(d, {"name"});
  storage::validate_csi_driver_name(name, path + ".name", errs);
  auto node_id = jv::string_at(d, {"nodeID"});
  if (node_id.empty()) errs.push_back(required(path + ".nodeID"));
  else if (node_id.size() > max_node_id_length)
    errs.push_back(invalid(path + ".nodeID", node_id,
                           "must be " + std::to_string(max_node_id_length) + " characters or less"));
  validate_non_negative(jv::int_at(d, {"allocatable", "count"}), path + ".allocatable.count", errs);
  if (!names.insert(std::string(name)).second) errs.push_back(duplicate(path + ".name", name));
  std::set<std::string> keys;
  if (const auto* topo = jv::array_at(d, {"topologyKeys"}))
    for (const auto& k : *topo) {
      std::string_view key = k.is_string() ? std::string_view(k.get_string()) : std::string_view();
      if (key.empty()) errs.push_back(required(path));
      if (!keys.insert(std::string(key)).second) errs.push_back(duplicate(path, key));
      for (const auto& m : check_qualified_name(key)) errs.push_back(invalid(path, key, m));
    }
}

void validate(const json::value& n, field_errors& errs) {
  std::set<std::string> names;
  if (const auto* drivers = jv::array_at(n, {"spec", "drivers"}))
    for (size_t i = 0; i < drivers->size(); ++i)
      validate_driver((*drivers)[i], index_path("spec.drivers", i), names, errs);
}

// A driver already registered keeps its nodeID, topology keys and allocatable (reported under these bare paths).
void validate_update(const json::value& n, const json::value& old, field_errors& errs) {
  const auto* drivers = jv::array_at(n, {"spec", "drivers"});
  const auto* old_drivers = jv::array_at(old, {"spec", "drivers"});
  if (!drivers || !old_drivers) return;
  static const json::value none;
  for (const auto& o : *old_drivers)
    for (const auto& d : *drivers) {
      if (jv::string_at(o, {"name"}) != jv::string_at(d, {"name"})) continue;
      if (jv::string_at(o, {"nodeID"}) != jv::string_at(d, {"nodeID"}))
        errs.push_back(invalid("nodeID", jv::string_at(d, {"nodeID"}), "field is immutable"));
      for (auto key : {"topologyKeys", "allocatable"}) {
        const auto* a = jv::at(d, {key});
        const auto* b = jv::at(o, {key});
        if ((a ? *a : none) != (b ? *b : none))
          errs.push_back(invalid_raw(key, error_value_text(a), "field is immutable"));
      }
    }
}

void cells_of(const json::value& n, std::chrono::system_clock::time_point now, json::array& out) {
  const auto* drivers = jv::array_at(n, {"spec", "drivers"});
  out.push_back(json::string(cells::name_of(n)));
  out.push_back(static_cast<int64_t>(drivers ? drivers->size() : 0));
  out.push_back(json::string(cells::age_of(n, now)));
}

}  // namespace

kind_strategy csi_node_strategy() {
  kind_strategy s;
  s.group = "storage.k8s.io";
  s.kind = "CSINode";
  s.plural = "csinodes";
  s.singular = "csinode";
  s.namespaced = false;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column("Drivers", "Drivers indicates the number of CSI drivers registered on the node", "integer"),
              age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
