// The label and field selectors of one list or watch, compiled once and applied to many objects.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include <boost/json/fwd.hpp>

namespace navarch::api {

struct kind_strategy;

class object_filter {
 public:
  // An error is a message for a 400 BadRequest.
  static std::variant<object_filter, std::string> parse(std::string_view label_selector,
                                                        std::string_view field_selector, const kind_strategy& kind);
  object_filter();
  bool matches(const boost::json::value& obj) const;
  // The same test on an object's JSON text, read with simdjson: a list can skip objects without decoding them.
  // Text that is not valid JSON matches nothing.
  bool matches_json(std::string_view json) const;
  // No selector at all: a page of N objects is the first N the store holds.
  bool selects_everything() const;
  // The name required by a metadata.name=X field selector, or "": lets lists and watches skip other keys.
  const std::string& required_name() const;

 private:
  struct impl;
  std::shared_ptr<const impl> impl_;
};

}  // namespace navarch::api
