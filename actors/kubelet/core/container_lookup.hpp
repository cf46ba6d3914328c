// Finding one container of a pod by name, in its spec and in its status: init containers and regular ones alike.
#pragma once

#include <string_view>

#include <boost/json/fwd.hpp>

namespace navarch::kubelet {

// spec.initContainers[] or spec.containers[] with this name; nullptr when none.
const boost::json::object* find_container(const boost::json::object& pod, std::string_view name);
// status.initContainerStatuses[] or status.containerStatuses[] with this name; nullptr when none.
const boost::json::object* find_container_status(const boost::json::object& pod, std::string_view name);

}  // namespace navarch::kubelet
