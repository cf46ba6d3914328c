// autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler: v1 carries one CPU utilization target where v2 has a
// list of metrics. Other v2 metrics and the conditions have no v1 field and are not carried into v1.
#pragma once

#include <boost/json/fwd.hpp>

namespace navarch::api::hpa {

// A v1 object in v2 form: targetCPUUtilizationPercentage becomes a Resource cpu Utilization metric, the current
// CPU utilization a current metric.
boost::json::object v1_to_v2(const boost::json::object& v1);
// A v2 object in v1 form: the cpu Utilization metric (if any) becomes targetCPUUtilizationPercentage.
boost::json::object v2_to_v1(const boost::json::object& v2);

}  // namespace navarch::api::hpa
