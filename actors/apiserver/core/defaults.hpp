// Defaulting of built-in kinds, as the real apiserver fills fields a user leaves out (kubectl describe and the
// controllers rely on them).
#pragma once

#include <string_view>

#include <boost/json/fwd.hpp>

namespace navarch::api {

void apply_defaults(std::string_view kind, boost::json::object& obj);

}  // namespace navarch::api
