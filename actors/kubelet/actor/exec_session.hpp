// kubectl exec on the kubelet: finds the running container, then one session actor per exec runs the command
// (on a thread of its own: exec_pump) and streams its output and exit to the client (the apiserver's bridge).
#pragma once

#include <memory>

#include <boost/json/object.hpp>
#include <caf/fwd.hpp>

#include "actors/kubelet/core/container_port.hpp"
#include "messages/api.hpp"
#include "messages/kubelet.hpp"

namespace navarch::kubelet {

// The runtime id of `container` when the pod's status shows it running; else the error Status to answer with
// (400, as the kubelet answers an exec into a container that does not run).
std::variant<std::string, msg::api_response> running_container_id(const boost::json::object& pod,
                                                                   const std::string& container);

// Answers an exec_request: 200 once a session (linked to `parent`) has been started for `client`, else the
// error Status. `pod` is the kubelet's cached copy (null when it does not know the pod).
msg::api_response start_exec(caf::event_based_actor* parent, std::shared_ptr<container_port> port,
                             const boost::json::object* pod, const msg::exec_request& req, const caf::actor& client);

}  // namespace navarch::kubelet
