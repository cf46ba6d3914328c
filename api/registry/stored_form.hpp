// A kind served in one group/version but stored as another (kind_strategy::to_stored / from_stored): the form an
// object is stored in, and the form a request through this kind sees. Kinds stored as served pass through.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

inline boost::json::object stored_form(const kind_strategy& k, boost::json::object served) {
  return k.to_stored ? k.to_stored(served) : served;
}

inline boost::json::value served_form(const kind_strategy& k, const boost::json::value& stored) {
  if (!k.from_stored || !stored.is_object()) return stored;
  return k.from_stored(stored.as_object());
}

}  // namespace navarch::api
