// storage.k8s.io/v1 VolumeAttachment: a request to attach a volume to a node; its spec never changes.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy volume_attachment_strategy();

}  // namespace navarch::api
