// The server-side printers of pkg/printers/internalversion: per kind (its strategy's `table`), the Table columns
// and how one object becomes one row of cells. The server always prints wide (priority-1 columns included);
// kubectl hides them unless -o wide.
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
  cell_fn cells = nullptr;
  conditions_fn row_conditions = nullptr;  // pods mark completed rows
};

// Columns every printer shares, verbatim from the API documentation.
column_def name_column(int priority = 0);
column_def age_column();
column_def containers_column();  // of a pod template, -o wide
column_def images_column();      // of a pod template, -o wide
constexpr column_def column(std::string_view name, std::string_view description, std::string_view type = "string",
                            int priority = 0) {
  return column_def{name, type, "", description, priority};
}

// NAME and AGE: the printer of a kind without columns of its own.
const printer& default_printer();
// NAME and CREATED AT: what the default table convertor prints for kinds Kubernetes has no printer for (Role,
// ClusterRole, LimitRange).
printer created_at_printer();

}  // namespace navarch::api
