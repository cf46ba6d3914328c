// Helpers for the validation tests: run a validator and look at its errors as Kubernetes would print them.
#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "api/registry/kind_validation.hpp"
#include "tests/unit/kinds_test_util.hpp"

namespace navarch::api::test {

inline std::vector<std::string> texts(const field_errors& errs) {
  std::vector<std::string> out;
  for (const auto& e : errs) out.push_back(e.text());
  return out;
}

inline std::vector<std::string> create_errors(std::string_view resource, std::string_view json_text) {
  return texts(validate_create(kind_for(resource), boost::json::parse(json_text)));
}

inline std::vector<std::string> update_errors(std::string_view resource, std::string_view now, std::string_view old) {
  return texts(validate_update(kind_for(resource), boost::json::parse(now), boost::json::parse(old)));
}

}  // namespace navarch::api::test
