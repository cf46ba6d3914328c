// How the HTTP front (and its exec bridge) turn the apiserver's answers into HTTP responses.
#pragma once

#include <string>

#include <caf/error.hpp>

#include "api/status/status.hpp"
#include "messages/api.hpp"
#include "net/http/server.hpp"

namespace navarch::apiserver {

inline http::response to_http(const msg::api_response& r) {
  http::response out;
  out.status = r.code;
  out.content_type = r.content_type;
  out.body = r.body;
  return out;
}

// The apiserver actor did not answer (it is gone, or the request timed out).
inline http::response no_answer(const caf::error& err) {
  return to_http(api::timeout("the apiserver did not answer: " + caf::to_string(err)));
}

}  // namespace navarch::apiserver
