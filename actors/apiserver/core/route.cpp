#include "actors/apiserver/core/route.hpp"

#include <algorithm>

#include "api/registry/registry.hpp"
#include "api/status/status.hpp"

namespace navarch::api {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segs;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    if (end > pos) segs.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return segs;
}

bool is_watch(const std::vector<std::pair<std::string, std::string>>& query) {
  for (const auto& [k, v] : query)
    if (k == "watch") return v == "true" || v == "1";
  return false;
}

}  // namespace

std::variant<msg::api_request, msg::api_response> parse_resource_path(
    std::string_view method, std::string_view path, const std::vector<std::pair<std::string, std::string>>& query) {
  auto segs = split_path(path);
  msg::api_request req;
  size_t i = 0;
  if (segs.size() >= 2 && segs[0] == "api") {
    req.version = segs[1];
    i = 2;
  } else if (segs.size() >= 3 && segs[0] == "apis") {
    req.group = segs[1];
    req.version = segs[2];
    i = 3;
  } else {
    return path_not_found();
  }
  std::vector<std::string_view> rest(segs.begin() + i, segs.end());
  // /namespaces/{ns}/{resource}... addresses a namespaced collection; /namespaces/{name}[/status] the namespace.
  if (rest.size() >= 3 && rest[0] == "namespaces" && rest[2] != "status" && rest[2] != "finalize") {
    req.ns = rest[1];
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (rest.empty() || rest.size() > 3) return path_not_found();
  req.resource = rest[0];
  if (rest.size() >= 2) req.name = rest[1];
  if (rest.size() == 3) req.subresource = rest[2];
  bool named = !req.name.empty();
  if (method == "GET") req.verb = is_watch(query) ? "watch" : (named ? "get" : "list");
  else if (method == "POST") req.verb = "create";
  else if (method == "PUT") req.verb = "update";
  else if (method == "PATCH") req.verb = "patch";
  else if (method == "DELETE") req.verb = named ? "delete" : "deletecollection";
  else return method_not_allowed("the server does not allow this method on the requested resource");
  for (const auto& [k, v] : query) req.query.emplace(k, v);
  return req;
}

namespace {

std::string field_manager_of(const msg::api_request& req) {
  if (auto it = req.query.find("fieldManager"); it != req.query.end() && !it->second.empty()) return it->second;
  if (!req.user_agent.empty()) return req.user_agent.substr(0, req.user_agent.find('/'));
  return req.user.empty() ? "unknown" : req.user;
}

}  // namespace

std::variant<route, msg::api_response> resolve(const msg::api_request& req) {
  return resolve(req, *kind_registry().snapshot());
}

std::variant<route, msg::api_response> resolve(const msg::api_request& req, const kind_set& kinds) {
  const kind_strategy* r = kinds.find(req.group, req.version, req.resource);
  if (!r) return path_not_found();
  route out{r, req.ns, req.name, req.subresource, req.verb, field_manager_of(req), false};
  if (auto it = req.query.find("force"); it != req.query.end()) out.force = it->second == "true";
  if (!r->namespaced && !req.ns.empty()) return path_not_found();
  if (!req.subresource.empty()) {
    // Subresources of the kind's own (pods/log, pods/exec, pods/binding) serve the verbs they list.
    for (const auto& sub : r->subresources)
      if (sub.name == req.subresource) {
        if (std::find(sub.verbs.begin(), sub.verbs.end(), req.verb) == sub.verbs.end())
          return method_not_allowed("the server does not allow this method on the requested resource");
        return out;
      }
    bool ok = (req.subresource == "status" && r->has_status) || (req.subresource == "scale" && r->has_scale);
    if (!ok) return path_not_found();
    if (req.verb != "get" && req.verb != "update" && req.verb != "patch")
      return method_not_allowed("the server does not allow this method on the requested resource");
  }
  bool named = !req.name.empty();
  bool needs_name = req.verb == "get" || req.verb == "update" || req.verb == "patch" || req.verb == "delete";
  if (needs_name && !named) return method_not_allowed("the server does not allow this method on the requested resource");
  if (req.verb == "create" && named)
    return method_not_allowed("the server does not allow this method on the requested resource");
  // Writes to a namespaced resource need a namespace; reads without one span all namespaces.
  bool write = req.verb == "create" || needs_name || req.verb == "deletecollection";
  if (r->namespaced && req.ns.empty() && write)
    return method_not_allowed("the server does not allow this method on the requested resource");
  if (req.verb != "get" && req.verb != "list" && req.verb != "watch" && req.verb != "create" &&
      req.verb != "update" && req.verb != "patch" && req.verb != "delete" && req.verb != "deletecollection")
    return bad_request("unknown verb " + req.verb);
  // A kind serves the verbs it lists (create-only kinds such as TokenReview serve just create).
  if (req.subresource.empty() && std::find(r->verbs.begin(), r->verbs.end(), req.verb) == r->verbs.end())
    return method_not_allowed("the server does not allow this method on the requested resource");
  return out;
}

std::string object_key(const kind_strategy& r, std::string_view ns, std::string_view name) {
  std::string key = "/registry/" + r.plural + "/";
  if (r.namespaced) {
    key += ns;
    key += '/';
  }
  key += name;
  return key;
}

std::string collection_prefix(const kind_strategy& r, std::string_view ns) {
  std::string key = "/registry/" + r.plural + "/";
  if (r.namespaced && !ns.empty()) {
    key += ns;
    key += '/';
  }
  return key;
}

std::string prefix_end(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    if (static_cast<unsigned char>(end.back()) < 0xff) {
      end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
      return end;
    }
    end.pop_back();
  }
  return std::string(1, '\0');
}

}  // namespace navarch::api
