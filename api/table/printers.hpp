// The server-side printers of pkg/printers/internalversion: per resource, the Table columns and how one object
// becomes one row of cells. The server always prints wide (priority-1 columns included); kubectl hides them
// unless -o wide.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace navarch::api {

struct column_def {
  std::string_view name;
  std::string_view type;  // "string", "integer", ...
  std::string_view format;  // "name" on the Name column: kubectl's kind/name prefix
  std::string_view description;
  int priority = 0;  // 1: only with -o wide
};

using cell_fn = void (*)(const boost::json::value& obj, std::chrono::system_clock::time_point now,
                         boost::json::array& cells);
using conditions_fn = void (*)(const boost::json::value& obj, boost::json::array& conditions);

struct printer {
  std::vector<column_def> columns;
  cell_fn cells;
  conditions_fn row_conditions = nullptr;  // pods mark completed rows
};

// Known resources by plural name; anything else gets NAME and AGE.
const printer& printer_for(std::string_view resource);

}  // namespace navarch::api
