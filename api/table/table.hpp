// Server-side Tables (meta.k8s.io/v1 Table), what kubectl asks for when it prints get, list and watch output.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "api/table/printers.hpp"

namespace navarch::api {

struct table_options {
  // What each row carries in `object` (the includeObject query parameter).
  enum include_t { include_none, include_metadata, include_object };
  include_t include = include_metadata;  // PartialObjectMetadata, the real server's default
  std::chrono::system_clock::time_point now{};  // the instant AGE columns are computed for
  std::string resource_version;  // Table metadata, for lists and for the rv a get -w starts from
  std::string continue_token;
  bool column_definitions = true;  // watch events after the first may leave them out
};

// One row per object, in order, printed by `p` (the kind's strategy's `table`; NAME and AGE when it has no columns).
boost::json::object make_table(const printer& p, const std::vector<const boost::json::value*>& objects,
                               const table_options& options);

// The object of one watch event in Table form: a Table with a single row.
boost::json::object make_watch_table(const printer& p, const boost::json::value& object,
                                     const table_options& options);

}  // namespace navarch::api
