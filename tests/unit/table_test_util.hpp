// Helpers for the Table tests: a fixed "now" and the single row a resource prints for one object.
#pragma once

#include <boost/json.hpp>

#include "api/table/age.hpp"
#include "api/table/table.hpp"
#include "tests/unit/kinds_test_util.hpp"

namespace navarch::api::test {

inline std::chrono::system_clock::time_point table_now() { return *parse_rfc3339("2024-05-01T12:00:00Z"); }

inline boost::json::array row_cells(std::string_view resource, std::string_view object_json) {
  boost::json::value obj = boost::json::parse(object_json);
  table_options o;
  o.now = table_now();
  auto t = make_table(kind_for(resource).table, {&obj}, o);
  return t.at("rows").as_array().at(0).at("cells").as_array();
}

}  // namespace navarch::api::test
