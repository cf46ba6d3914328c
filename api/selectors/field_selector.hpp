// Field selectors (k8s.io/apimachinery/pkg/fields): "k=v", "k==v", "k!=v" joined by ',', with '\' escapes, over
// the fields each kind supports (its strategy lists them), as the real apiserver allows them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace navarch::api {

// A field a kind can be selected by: its label, where its value lives in the object's JSON, and what a missing
// value reads as ("" for strings, "false", "0").
struct selectable_field {
  std::string field;
  std::vector<std::string> path;
  std::string absent;
};

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

// `fields` are the kind's own selectable fields; metadata.name and metadata.namespace are always supported.
field_selector_result parse_field_selector(std::string_view text, const std::vector<selectable_field>& fields);

bool matches(const field_selector& s, const boost::json::value& obj);

// The value an `f=v` (or `f==v`) term requires, if the selector has one: lets a list by metadata.name
// read one key instead of scanning.
std::optional<std::string> required_value(const field_selector& s, std::string_view field);

}  // namespace navarch::api
