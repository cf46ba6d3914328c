// storage.k8s.io/v1 CSINode: the CSI drivers registered on one node; a driver's nodeID and topology keys never change.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy csi_node_strategy();

}  // namespace navarch::api
