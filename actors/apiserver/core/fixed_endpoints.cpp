#include "actors/apiserver/core/fixed_endpoints.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/discovery.hpp"
#include "api/status/status.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

bool is_health(std::string_view path) {
  for (std::string_view h : {"/healthz", "/livez", "/readyz"})
    if (path == h || (path.starts_with(h) && path[h.size()] == '/')) return true;
  return false;
}

}  // namespace

bool is_public_path(std::string_view path) { return path == "/version" || is_health(path); }

std::optional<msg::api_response> fixed_endpoint(std::string_view method, std::string_view path,
                                                std::string_view accept, std::string_view server_address) {
  bool read = method == "GET" || method == "HEAD";
  if (path == "/version") {
    if (!read) return method_not_allowed("the server does not allow this method on the requested resource");
    json::object v{{"major", "1"},          {"minor", "31"},           {"gitVersion", kube_git_version},
                   {"gitCommit", "navarch"}, {"gitTreeState", "clean"}, {"buildDate", "2026-11-22T00:00:00Z"},
                   {"goVersion", "go1.22.5"}, {"compiler", "gc"},       {"platform", "linux/amd64"}};
    return msg::api_response{200, "application/json", json::serialize(v)};
  }
  if (is_health(path)) return msg::api_response{200, "text/plain; charset=utf-8", "ok"};
  if (path == "/openapi/v2") {
    // An empty protobuf document: valid for every kubectl 1.27-1.33 and no client-side schema to fail against.
    return msg::api_response{200, "application/com.github.proto-openapi.spec.v2.v1.0+protobuf", ""};
  }
  if (path.starts_with("/openapi/")) return path_not_found();
  if (read) {
    if (auto doc = discovery(path, accept, server_address))
      return msg::api_response{200, doc->content_type, doc->body};
  }
  return std::nullopt;
}

}  // namespace navarch::api
