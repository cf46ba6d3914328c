// Helpers for the tests of the kinds added for issue 4: run one kind's strategy as the apiserver does (prepare for create, defaults,
// generic and kind validation) and look at the results as kubectl would print them.
#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "api/registry/kind_strategy.hpp"
#include "api/registry/kind_validation.hpp"
#include "api/table/age.hpp"

namespace navarch::api::test {

inline std::chrono::system_clock::time_point kinds_now() { return *parse_rfc3339("2024-05-01T12:00:00Z"); }

// The object a create stores: status reset (prepare_for_create), then defaults.
inline boost::json::object created(const kind_strategy& k, std::string_view json_text) {
  auto obj = boost::json::parse(json_text).as_object();
  if (k.prepare_for_create) k.prepare_for_create(obj, create_context{kinds_now(), "uid-1"});
  if (k.defaults) k.defaults(obj);
  return obj;
}

inline std::vector<std::string> texts(const field_errors& errs) {
  std::vector<std::string> out;
  for (const auto& e : errs) out.push_back(e.text());
  return out;
}

// Errors of a create, after defaulting.
inline std::vector<std::string> create_errors(const kind_strategy& k, std::string_view json_text) {
  return texts(validate_create(k, boost::json::value(created(k, json_text))));
}

// Errors of an update of `old` (as stored) to `now` (defaulted as an update is).
inline std::vector<std::string> update_errors(const kind_strategy& k, std::string_view now, std::string_view old) {
  auto next = boost::json::parse(now).as_object();
  if (k.defaults) k.defaults(next);
  return texts(validate_update(k, boost::json::value(next), boost::json::value(created(k, old))));
}

inline std::vector<std::string> column_names(const kind_strategy& k, bool wide = true) {
  std::vector<std::string> out;
  for (const auto& c : k.table.columns)
    if (wide || c.priority == 0) out.emplace_back(c.name);
  return out;
}

// The row of cells the kind prints for an object (already stored: no defaults applied).
inline boost::json::array cells(const kind_strategy& k, std::string_view json_text) {
  boost::json::array out;
  k.table.cells(boost::json::parse(json_text), kinds_now(), out);
  return out;
}

}  // namespace navarch::api::test
