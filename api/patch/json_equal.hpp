#pragma once

#include <boost/json/value.hpp>

namespace navarch::patch {

// Deep JSON equality where numbers compare by value whatever their representation (1 == 1.0), as in the
// Go implementations, which hold every JSON number as a float64. Object member order does not matter.
bool json_equal(const boost::json::value& a, const boost::json::value& b);

}  // namespace navarch::patch
