// Defaulting shared by the apps kinds that roll out updates (Deployment, DaemonSet).
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

#include "api/defaults/defaulting.hpp"

namespace navarch::api {

// spec.<field>: type RollingUpdate unless set, and then rollingUpdate.maxUnavailable and maxSurge.
inline void default_rolling_update(boost::json::object& spec, std::string_view field, boost::json::value unavailable,
                                   boost::json::value surge) {
  auto& strategy = child(spec, field);
  set_default(strategy, "type", "RollingUpdate");
  if (strategy["type"] == "RollingUpdate") {
    auto& ru = child(strategy, "rollingUpdate");
    set_default(ru, "maxUnavailable", std::move(unavailable));
    set_default(ru, "maxSurge", std::move(surge));
  }
}

}  // namespace navarch::api
