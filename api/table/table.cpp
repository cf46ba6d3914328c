#include "api/table/table.hpp"

#include <boost/json.hpp>

#include "api/table/printers.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

json::value row_object(const json::value& obj, table_options::include_t include) {
  if (include == table_options::include_object) return obj;
  json::object partial{{"kind", "PartialObjectMetadata"}, {"apiVersion", "meta.k8s.io/v1"}};
  const auto* o = obj.if_object();
  const auto* meta = o ? o->if_contains("metadata") : nullptr;
  partial["metadata"] = meta && meta->is_object() ? *meta : json::object{};
  return partial;
}

}  // namespace

json::object make_table(const printer& kind_printer, const std::vector<const json::value*>& objects,
                        const table_options& options) {
  const printer& p = kind_printer.columns.empty() || !kind_printer.cells ? default_printer() : kind_printer;
  json::object meta;
  if (!options.resource_version.empty()) meta["resourceVersion"] = options.resource_version;
  if (!options.continue_token.empty()) meta["continue"] = options.continue_token;

  json::object table{{"kind", "Table"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", std::move(meta)}};
  if (options.column_definitions) {
    json::array cols;
    for (const auto& c : p.columns)
      cols.push_back(json::object{{"name", c.name},
                                  {"type", c.type},
                                  {"format", c.format},
                                  {"description", c.description},
                                  {"priority", c.priority}});
    table["columnDefinitions"] = std::move(cols);
  }
  json::array rows;
  for (const auto* obj : objects) {
    if (!obj) continue;
    json::array cells;
    p.cells(*obj, options.now, cells);
    json::object row{{"cells", std::move(cells)}};
    if (p.row_conditions) {
      json::array conditions;
      p.row_conditions(*obj, conditions);
      if (!conditions.empty()) row["conditions"] = std::move(conditions);
    }
    if (options.include != table_options::include_none) row["object"] = row_object(*obj, options.include);
    rows.push_back(std::move(row));
  }
  table["rows"] = std::move(rows);
  return table;
}

json::object make_watch_table(const printer& p, const json::value& object, const table_options& options) {
  return make_table(p, {&object}, options);
}

}  // namespace navarch::api
