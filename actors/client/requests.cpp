#include "actors/client/requests.hpp"

#include <boost/json.hpp>

namespace navarch::client {
namespace json = boost::json;

namespace {

std::string_view meta_string(const json::value& object, std::string_view field) {
  const auto* o = object.if_object();
  if (!o) return {};
  auto m = o->find("metadata");
  if (m == o->end() || !m->value().is_object()) return {};
  const auto& meta = m->value().get_object();
  auto it = meta.find(field);
  if (it == meta.end() || !it->value().is_string()) return {};
  const auto& s = it->value().get_string();
  return {s.data(), s.size()};
}

void set_if(std::map<std::string, std::string>& query, const char* key, const std::string& value) {
  if (!value.empty()) query[key] = value;
}

}  // namespace

std::string_view content_type(patch_type type) {
  switch (type) {
    case patch_type::merge: return "application/merge-patch+json";
    case patch_type::strategic_merge: return "application/strategic-merge-patch+json";
    case patch_type::json_patch: return "application/json-patch+json";
    case patch_type::apply: return "application/apply-patch+yaml";
  }
  return "application/merge-patch+json";
}

resource_client::resource_client(resource_ref resource, std::string user)
    : resource_(std::move(resource)), user_(std::move(user)) {}

msg::api_request resource_client::make(std::string_view verb, std::string_view ns, std::string_view name) const {
  msg::api_request r;
  r.verb = verb;
  r.group = resource_.group;
  r.version = resource_.version;
  r.resource = resource_.resource;
  r.ns = ns;
  r.name = name;
  r.accept = "application/json";
  r.user = user_;
  return r;
}

msg::api_request resource_client::get(std::string_view ns, std::string_view name,
                                      std::string_view subresource) const {
  auto r = make("get", ns, name);
  r.subresource = subresource;
  return r;
}

msg::api_request resource_client::list(std::string_view ns, const list_options& o) const {
  auto r = make("list", ns, "");
  set_if(r.query, "labelSelector", o.label_selector);
  set_if(r.query, "fieldSelector", o.field_selector);
  set_if(r.query, "resourceVersion", o.resource_version);
  set_if(r.query, "continue", o.continue_token);
  if (o.limit > 0) r.query["limit"] = std::to_string(o.limit);
  return r;
}

msg::api_request resource_client::watch(std::string_view ns, const watch_options& o) const {
  auto r = make("watch", ns, "");
  set_if(r.query, "labelSelector", o.label_selector);
  set_if(r.query, "fieldSelector", o.field_selector);
  r.query["resourceVersion"] = std::to_string(o.resource_version);
  if (o.timeout_seconds > 0) r.query["timeoutSeconds"] = std::to_string(o.timeout_seconds);
  if (o.allow_bookmarks) r.query["allowWatchBookmarks"] = "true";
  return r;
}

msg::api_request resource_client::create(std::string_view ns, const json::value& object) const {
  auto r = make("create", ns, "");
  r.body = json::serialize(object);
  r.content_type = "application/json";
  return r;
}

msg::api_request resource_client::update(const json::value& object, std::string_view subresource) const {
  auto r = make("update", meta_string(object, "namespace"), meta_string(object, "name"));
  r.subresource = subresource;
  r.body = json::serialize(object);
  r.content_type = "application/json";
  return r;
}

msg::api_request resource_client::patch(std::string_view ns, std::string_view name, patch_type type,
                                        std::string_view patch, std::string_view subresource) const {
  auto r = make("patch", ns, name);
  r.subresource = subresource;
  r.body = patch;
  r.content_type = content_type(type);
  return r;
}

msg::api_request resource_client::remove(std::string_view ns, std::string_view name,
                                         std::string_view options) const {
  auto r = make("delete", ns, name);
  r.body = options;
  if (!options.empty()) r.content_type = "application/json";
  return r;
}

object_ptr reply_object(const msg::api_response& r) {
  if (!succeeded(r)) return nullptr;
  json::error_code ec;
  auto v = json::parse(r.body, ec);
  if (ec || !v.is_object()) return nullptr;
  return std::make_shared<const json::value>(std::move(v));
}

std::string reply_error(const msg::api_response& r) {
  json::error_code ec;
  auto v = json::parse(r.body, ec);
  if (!ec && v.is_object()) {
    const auto& o = v.get_object();
    auto it = o.find("message");
    if (it != o.end() && it->value().is_string() && !it->value().get_string().empty())
      return std::string(it->value().get_string());
  }
  return "HTTP " + std::to_string(r.code);
}

int64_t reply_watch_id(const msg::api_response& r) {
  if (!succeeded(r)) return 0;
  json::error_code ec;
  auto v = json::parse(r.body, ec);
  if (ec || !v.is_object()) return 0;
  const auto& o = v.get_object();
  auto it = o.find("watchId");
  return it != o.end() && it->value().is_int64() ? it->value().get_int64() : 0;
}

}  // namespace navarch::client
