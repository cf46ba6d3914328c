// storage.k8s.io/v1 StorageClass: a class of dynamically provisioned volumes; provisioner, parameters, reclaimPolicy and volumeBindingMode never change.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy storage_class_strategy();

}  // namespace navarch::api
