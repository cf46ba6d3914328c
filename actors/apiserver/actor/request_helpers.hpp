// Small helpers shared by the apiserver actor and its workers: query parameters, stored objects, replies.
// Included by the actor files only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <caf/fwd.hpp>

#include "actors/apiserver/core/object_meta.hpp"
#include "actors/apiserver/core/route.hpp"
#include "messages/store.hpp"

namespace navarch::apiserver::detail {

namespace json = boost::json;
using api::clock;
using msg::api_request;
using msg::api_response;

inline constexpr int max_write_attempts = 8;  // optimistic-concurrency retries for writes without a precondition

// Where a handler's answer goes: a response promise for requests, or a continuation (deletecollection).
using reply_fn = std::function<void(api_response)>;

std::string query_param(const api_request& req, const char* key);
bool dry_run(const api_request& req);
std::shared_ptr<json::value> parse_stored(const std::string& text);
api_response ok(int code, std::string body, std::string_view content_type = "application/json");
api_response written(const api::route& rt, const api_request& req, json::object obj, int64_t rv, int code);
api_response store_failure(const caf::error& err);
// The reply when a read of the route's object found nothing to work on: a failed store read (500) or no object
// (404); nothing when the object is there.
std::optional<api_response> unreadable_object(const api::route& rt, const msg::range_response& r);

}  // namespace navarch::apiserver::detail
