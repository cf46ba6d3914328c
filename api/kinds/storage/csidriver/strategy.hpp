// storage.k8s.io/v1 CSIDriver: how Kubernetes talks to one CSI driver; attachRequired and volumeLifecycleModes never change.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy csi_driver_strategy();

}  // namespace navarch::api
