#include "actors/apiserver/actor/request_helpers.hpp"

#include <caf/error.hpp>

#include "actors/apiserver/core/reads.hpp"
#include "actors/apiserver/core/scale.hpp"
#include "api/registry/kind_strategy.hpp"
#include "api/status/status.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;
using namespace navarch::api;

std::string query_param(const api_request& req, const char* key) {
  auto it = req.query.find(key);
  return it == req.query.end() ? std::string{} : it->second;
}

// dryRun=All comes as a query parameter, or for deletes inside the DeleteOptions body.
bool dry_run(const api_request& req) {
  if (query_param(req, "dryRun") == "All") return true;
  if (req.verb != "delete" && req.verb != "deletecollection") return false;
  json::error_code ec;
  auto options = json::parse(req.body, ec);
  if (ec || !options.is_object()) return false;
  const auto* dr = options.as_object().if_contains("dryRun");
  if (!dr || !dr->is_array()) return false;
  for (const auto& v : dr->as_array())
    if (v == json::value("All")) return true;
  return false;
}

std::shared_ptr<json::value> parse_stored(const std::string& text) {
  json::error_code ec;
  auto v = std::make_shared<json::value>(json::parse(text, ec));
  if (ec || !v->is_object()) return nullptr;
  return v;
}

api_response ok(int code, std::string body, std::string_view content_type) {
  return api_response{code, std::string(content_type), std::move(body)};
}

// Replies with the object after a write: the object itself, or its Scale for the scale subresource.
api_response written(const api::route& rt, const api_request& req, json::object obj, int64_t rv, int code) {
  if (rt.subresource == "binding")
    return ok(201, R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201})");
  if (rt.subresource == "scale")
    return ok(code, json::serialize(api::scale_of(*rt.resource, obj, rv)));
  auto fmt = api::negotiate_format(req.accept, req.query);
  return ok(code, api::render_object(*rt.resource, json::value(std::move(obj)), rv, fmt, clock::now()),
            api::content_type_of(fmt));
}

api_response store_failure(const caf::error& err) {
  return api::timeout("the store did not answer: " + caf::to_string(err));
}

std::optional<api_response> unreadable_object(const api::route& rt, const range_response& r) {
  if (r.error != store_ok) return api::internal_error("store read failed");
  if (r.kvs.empty()) return api::not_found(*rt.resource, rt.name);
  return std::nullopt;
}

}  // namespace navarch::apiserver::detail
