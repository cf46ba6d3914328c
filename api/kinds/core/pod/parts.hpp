// The pieces of the Pod strategy that have files of their own.
#pragma once

#include <boost/json/fwd.hpp>

#include "api/table/printers.hpp"
#include "api/validation/field_error.hpp"

namespace navarch::api {

// printPod: READY, STATUS, RESTARTS, AGE, and IP, NODE, NOMINATED NODE, READINESS GATES with -o wide.
printer pod_printer();

// Pod updates may change only images, activeDeadlineSeconds, added tolerations and an unset nodeName.
void validate_pod_update(const boost::json::value& pod, const boost::json::value& old, field_errors& errs);

}  // namespace navarch::api
