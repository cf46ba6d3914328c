// One kubectl exec between the HTTP front and the kubelet: asks the apiserver to start it (the kubelet replies
// and streams to this actor), then answers the WebSocket upgrade and moves channel messages (exec_protocol)
// both ways until the command's status has been sent or either side goes away.
#pragma once

#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "messages/api_actor.hpp"
#include "net/http/server.hpp"

namespace navarch::apiserver {

// `protocol` is the subprotocol chosen for the client (choose_exec_protocol).
caf::behavior exec_bridge(caf::event_based_actor* self, msg::api_actor api, msg::api_request req,
                          std::shared_ptr<http::exchange> ex, std::string protocol);

}  // namespace navarch::apiserver
