// Field selectors (k8s.io/apimachinery/pkg/fields): "k=v", "k==v", "k!=v" joined by ',', with '\' escapes, over
// the fields each resource supports, as the real apiserver allows them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace navarch::api {

struct field_requirement {
  std::string field;  // as written: "status.phase"
  bool negated = false;
  std::string value;
  std::vector<std::string> path;  // where the value lives in the object's JSON
  std::string absent;             // what a missing field reads as ("" for strings, "false", "0")
};

struct field_selector {
  std::vector<field_requirement> requirements;  // a conjunction; none selects everything
};

struct field_selector_result {
  field_selector selector;
  std::string error;  // non-empty on failure: a message for a 400 BadRequest
  bool ok() const { return error.empty(); }
};

// `resource` is the plural resource name ("pods", "events", ...); it decides which fields are supported.
field_selector_result parse_field_selector(std::string_view text, std::string_view resource);

bool matches(const field_selector& s, const boost::json::value& obj);

// The value an `f=v` (or `f==v`) term requires, if the selector has one: lets a list by metadata.name
// read one key instead of scanning.
std::optional<std::string> required_value(const field_selector& s, std::string_view field);

}  // namespace navarch::api
