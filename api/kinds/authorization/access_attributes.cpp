#include "api/kinds/authorization/access_attributes.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

void validate_access_attributes(const json::value& review, field_errors& errs) {
  bool resource = jv::has(review, {"spec", "resourceAttributes"});
  bool non_resource = jv::has(review, {"spec", "nonResourceAttributes"});
  if (resource && non_resource)
    errs.push_back(invalid_raw("spec.nonResourceAttributes",
                               json::serialize(*jv::at(review, {"spec", "nonResourceAttributes"})),
                               "cannot be specified in combination with resourceAttributes"));
  if (!resource && !non_resource)
    errs.push_back(required("spec.resourceAttributes",
                            "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
}

auth::request_attributes access_attributes(const json::value& review) {
  auth::request_attributes a;
  auto s = [&](std::string_view part, std::string_view key) {
    return std::string(jv::string_at(review, {"spec", part, key}));
  };
  if (jv::has(review, {"spec", "nonResourceAttributes"})) {
    a.resource_request = false;
    a.verb = s("nonResourceAttributes", "verb");
    a.path = s("nonResourceAttributes", "path");
    return a;
  }
  a.verb = s("resourceAttributes", "verb");
  a.ns = s("resourceAttributes", "namespace");
  a.group = s("resourceAttributes", "group");
  a.version = s("resourceAttributes", "version");
  a.resource = s("resourceAttributes", "resource");
  a.subresource = s("resourceAttributes", "subresource");
  a.name = s("resourceAttributes", "name");
  return a;
}

void set_access_status(json::object& review, const auth::decision& d) {
  json::object status{{"allowed", d.allowed}};
  if (d.denied) status["denied"] = true;
  if (!d.reason.empty()) status["reason"] = d.reason;
  review["status"] = std::move(status);
}

json::object user_info_json(const auth::user_info& user) {
  json::object out{{"username", user.username}};
  if (!user.uid.empty()) out["uid"] = user.uid;
  json::array groups;
  for (const auto& g : user.groups) groups.emplace_back(g);
  if (!groups.empty()) out["groups"] = std::move(groups);
  return out;
}

}  // namespace navarch::api
