// Table-driven checks of kind strategies: defaults, create and update validation (run after defaulting, as the
// apiserver does), and Table rows at a fixed "now" (2024-05-01T12:00:00Z).
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/registry/kind_validation.hpp"
#include "api/table/age.hpp"
#include "api/table/table.hpp"

namespace navarch::api::test {

using make_kind = kind_strategy (*)();

struct defaults_case {
  const char* name;
  make_kind kind;
  const char* input;
  const char* expected;  // the whole object after defaulting
};

struct validation_case {
  const char* name;
  make_kind kind;
  const char* object;
  const char* old;                     // nullptr: a create
  std::vector<std::string> expected;   // "field: Reason" per error, in order
};

struct row_case {
  const char* name;
  make_kind kind;
  const char* object;
  const char* cells;  // the JSON array of the row's cells
};

// Names each parameterized case by its `name`.
template <typename Case>
std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return info.param.name;
}

inline void PrintTo(const defaults_case& c, std::ostream* os) { *os << c.name; }
inline void PrintTo(const validation_case& c, std::ostream* os) { *os << c.name; }
inline void PrintTo(const row_case& c, std::ostream* os) { *os << c.name; }

inline boost::json::value defaulted(const kind_strategy& k, const char* text) {
  auto v = boost::json::parse(text);
  if (k.defaults && v.is_object()) k.defaults(v.as_object());
  return v;
}

inline void check(const defaults_case& c) {
  EXPECT_EQ(defaulted(c.kind(), c.input), boost::json::parse(c.expected));
}

inline void check(const validation_case& c) {
  auto k = c.kind();
  auto obj = defaulted(k, c.object);
  auto errs = c.old ? validate_update(k, obj, defaulted(k, c.old)) : validate_create(k, obj);
  std::vector<std::string> got;
  for (const auto& e : errs) got.push_back(e.field + ": " + e.reason());
  EXPECT_EQ(got, c.expected) << aggregate_message(errs);
}

inline void check(const row_case& c) {
  auto obj = boost::json::parse(c.object);
  table_options o;
  o.now = *parse_rfc3339("2024-05-01T12:00:00Z");
  auto table = make_table(c.kind().table, {&obj}, o);
  const auto& columns = table.at("columnDefinitions").as_array();
  const auto& cells = table.at("rows").as_array().at(0).at("cells").as_array();
  EXPECT_EQ(cells, boost::json::parse(c.cells));
  EXPECT_EQ(cells.size(), columns.size());
}

}  // namespace navarch::api::test
