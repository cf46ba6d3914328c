#include "api/status/status.hpp"

#include <boost/json.hpp>

namespace navarch::api {

namespace json = boost::json;

std::string status_resource::qualified_name() const {
  return group.empty() ? std::string(plural) : std::string(plural) + "." + std::string(group);
}

namespace {

json::object status_doc(int code, std::string_view reason, std::string_view message) {
  json::object o{{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object{}},
                 {"status", "Failure"}, {"message", message}};
  if (!reason.empty()) o["reason"] = reason;
  o["code"] = code;
  return o;
}

json::object details(const status_resource& r, std::string_view name) {
  json::object d;
  d["name"] = name;
  if (!r.group.empty()) d["group"] = r.group;
  d["kind"] = r.plural;
  return d;
}

msg::api_response reply(int code, const json::object& doc) {
  return msg::api_response{code, "application/json", json::serialize(doc)};
}

msg::api_response with_details(int code, std::string_view reason, std::string message, json::object d) {
  json::object doc = status_doc(code, reason, message);
  doc["details"] = std::move(d);
  // Kubernetes puts "code" last; keep that order for byte-compatibility with real output.
  doc.erase("code");
  doc["code"] = code;
  return reply(code, doc);
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

std::string status_object(int code, std::string_view reason, std::string_view message) {
  return json::serialize(status_doc(code, reason, message));
}

msg::api_response status_reply(int code, std::string_view reason, std::string_view message) {
  return reply(code, status_doc(code, reason, message));
}

msg::api_response success_reply(const status_resource& r, std::string_view name, std::string_view uid) {
  json::object d = details(r, name);
  d["uid"] = uid;
  json::object doc{{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object{}},
                   {"status", "Success"}, {"details", d}};
  return reply(200, doc);
}

msg::api_response not_found(const status_resource& r, std::string_view name) {
  return with_details(404, "NotFound", r.qualified_name() + " " + quoted(name) + " not found", details(r, name));
}

msg::api_response namespace_not_found(std::string_view ns) {
  json::object d{{"name", ns}, {"kind", "namespaces"}};
  return with_details(404, "NotFound", "namespaces " + quoted(ns) + " not found", d);
}

msg::api_response already_exists(const status_resource& r, std::string_view name) {
  return with_details(409, "AlreadyExists", r.qualified_name() + " " + quoted(name) + " already exists",
                      details(r, name));
}

msg::api_response conflict_message(const status_resource& r, std::string_view name, std::string_view why) {
  return with_details(409, "Conflict",
                      "Operation cannot be fulfilled on " + r.qualified_name() + " " + quoted(name) + ": " +
                          std::string(why),
                      details(r, name));
}

msg::api_response conflict(const status_resource& r, std::string_view name) {
  return conflict_message(r, name,
                          "the object has been modified; please apply your changes to the latest version and try "
                          "again");
}

msg::api_response invalid_reply(const status_resource& r, std::string_view name, std::string_view message,
                          const json::array& causes) {
  json::object d = details(r, name);
  d["kind"] = r.kind;
  d["causes"] = causes;
  // As Kubernetes' NewInvalid: `Deployment.apps "web" is invalid: ...` (kubectl prefixes "The").
  std::string kind(r.kind);
  if (!r.group.empty()) kind += "." + std::string(r.group);
  return with_details(422, "Invalid", kind + " " + quoted(name) + " is invalid: " + std::string(message), d);
}

msg::api_response bad_request(std::string_view message) { return status_reply(400, "BadRequest", message); }

msg::api_response method_not_allowed(std::string_view message) {
  return status_reply(405, "MethodNotAllowed", message);
}

msg::api_response unsupported_media_type(std::string_view content_type) {
  return status_reply(415, "UnsupportedMediaType",
                      "the body of the request was in an unknown format - accepted media types include: "
                      "application/json, application/json-patch+json, application/merge-patch+json, "
                      "application/apply-patch+yaml, application/strategic-merge-patch+json (got " +
                          std::string(content_type) + ")");
}

msg::api_response expired(std::string_view message) { return status_reply(410, "Expired", message); }

msg::api_response unauthorized() { return status_reply(401, "Unauthorized", "Unauthorized"); }

msg::api_response path_not_found() {
  return status_reply(404, "NotFound", "the server could not find the requested resource");
}

msg::api_response internal_error(std::string_view message) {
  return status_reply(500, "InternalError", "Internal error occurred: " + std::string(message));
}

msg::api_response service_unavailable(std::string_view message) {
  return status_reply(503, "ServiceUnavailable", message);
}

msg::api_response timeout(std::string_view message) { return status_reply(504, "Timeout", message); }

}  // namespace navarch::api
