#include "api/kinds/core/configmap/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/core/config_data.hpp"
#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void validate(const json::value& cm, field_errors& errs) {
  int64_t total = 0;
  validate_data_keys(cm, "data", jv::object_at(cm, {"binaryData"}), "binaryData", false, total, errs);
  validate_data_keys(cm, "binaryData", jv::object_at(cm, {"data"}), "data", true, total, errs);
  if (total > max_config_size) errs.push_back(too_long("", max_config_size));
}

int64_t map_size(const json::value& obj, std::string_view key) {
  const auto* o = jv::object_at(obj, {key});
  return o ? static_cast<int64_t>(o->size()) : 0;
}

void config_map_cells(const json::value& cm, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(cm)));
  out.push_back(map_size(cm, "data") + map_size(cm, "binaryData"));
  out.push_back(json::string(cells::age_of(cm, now)));
}

}  // namespace

kind_strategy config_map_strategy() {
  kind_strategy k;
  k.kind = "ConfigMap";
  k.plural = "configmaps";
  k.singular = "configmap";
  k.short_names = {"cm"};
  k.validate = validate;
  k.validate_update = validate_immutable_data;
  k.smp = &patch::metadata_only;
  k.table = {{name_column(), column("Data", "Data contains the configuration data."), age_column()}, config_map_cells};
  return k;
}

}  // namespace navarch::api
