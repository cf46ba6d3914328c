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
  // The name required by a metadata.name=X field selector, or "": lets lists and watches skip other keys.
  const std::string& required_name() const;

 private:
  struct impl;
  std::shared_ptr<const impl> impl_;
};

}  // namespace navarch::api
