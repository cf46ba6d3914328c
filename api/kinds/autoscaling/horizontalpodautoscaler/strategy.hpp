// autoscaling HorizontalPodAutoscaler, served as v2 (the stored form, as Kubernetes stores it) and as v1 (a view
// converted from and to it: conversion.hpp).
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy horizontal_pod_autoscaler_v2_strategy();
kind_strategy horizontal_pod_autoscaler_v1_strategy();

}  // namespace navarch::api
