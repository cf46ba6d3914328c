// The scale subresource (autoscaling/v1 Scale) of deployments and replicasets.
#pragma once

#include <cstdint>

#include <boost/json/object.hpp>

#include "actors/apiserver/core/writes.hpp"

namespace navarch::api {

struct kind_strategy;

boost::json::object scale_of(const kind_strategy& r, const boost::json::object& obj, int64_t rv);

// Applies a desired Scale to the stored object: spec.replicas, with the generation bumped when it changes.
plan_or_error apply_scale(const route& rt, const boost::json::object& scale, const boost::json::object& current,
                          int64_t current_rv);

}  // namespace navarch::api
