// The rules of the smaller core kinds: services, configmaps, secrets, nodes, events, endpoints, leases.
#pragma once

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api {

void validate_service(const boost::json::value& svc, field_errors& errs);
void validate_service_update(const boost::json::value& svc, const boost::json::value& old, field_errors& errs);

void validate_configmap(const boost::json::value& cm, field_errors& errs);
void validate_secret(const boost::json::value& secret, field_errors& errs);
// ConfigMaps and Secrets marked `immutable: true` keep their data; a Secret keeps its type.
void validate_config_update(bool is_secret, const boost::json::value& obj, const boost::json::value& old,
                            field_errors& errs);

void validate_node(const boost::json::value& node, field_errors& errs);
void validate_event(const boost::json::value& event, field_errors& errs);
void validate_endpoints(const boost::json::value& ep, field_errors& errs);
void validate_lease(const boost::json::value& lease, field_errors& errs);

}  // namespace navarch::api
