#include "api/validation/validate.hpp"

#include <boost/json.hpp>

#include "api/validation/core_kinds.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/object_meta.hpp"
#include "api/validation/pod.hpp"
#include "api/validation/workloads.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

bool is_workload(std::string_view r) {
  return r == "deployments" || r == "replicasets" || r == "daemonsets" || r == "jobs";
}

scope scope_of(std::string_view r) {
  if (r == "namespaces" || r == "nodes") return scope::cluster;
  if (r == "pods" || r == "services" || r == "configmaps" || r == "secrets" || r == "events" ||
      r == "serviceaccounts" || r == "endpoints" || r == "leases" || is_workload(r))
    return scope::namespaced;
  return scope::unknown;
}

name_check name_rule(std::string_view r) {
  if (r == "namespaces") return name_is_dns1123_label;
  if (r == "services") return name_is_dns1035_label;
  return name_is_dns1123_subdomain;
}

void validate_kind(std::string_view r, const json::value& obj, field_errors& errs) {
  if (r == "pods") validate_pod_spec(jv::at(obj, {"spec"}), "spec", errs);
  else if (is_workload(r)) validate_workload(r, obj, errs);
  else if (r == "services") validate_service(obj, errs);
  else if (r == "configmaps") validate_configmap(obj, errs);
  else if (r == "secrets") validate_secret(obj, errs);
  else if (r == "nodes") validate_node(obj, errs);
  else if (r == "events") validate_event(obj, errs);
  else if (r == "endpoints") validate_endpoints(obj, errs);
  else if (r == "leases") validate_lease(obj, errs);
}

}  // namespace

field_errors validate_create(std::string_view resource, const json::value& obj) {
  field_errors errs;
  if (!obj.is_object()) {
    errs.push_back(invalid_raw("", json::serialize(obj), "must be a JSON object"));
    return errs;
  }
  validate_object_meta(obj, scope_of(resource), name_rule(resource), errs);
  validate_kind(resource, obj, errs);
  return errs;
}

field_errors validate_update(std::string_view resource, const json::value& obj, const json::value& old) {
  field_errors errs = validate_create(resource, obj);
  if (!obj.is_object() || !old.is_object()) return errs;
  validate_object_meta_update(obj, old, errs);
  if (resource == "pods") validate_pod_spec_update(obj, old, errs);
  else if (is_workload(resource)) validate_workload_update(resource, obj, old, errs);
  else if (resource == "services") validate_service_update(obj, old, errs);
  else if (resource == "configmaps" || resource == "secrets") validate_config_update(resource == "secrets", obj, old, errs);
  return errs;
}

}  // namespace navarch::api
