// Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`, which kubectl 1.32+ sends for its
// generator commands and `auth can-i`) turned into the JSON object a JSON client would have sent, so the request
// continues down the JSON path. Pure; the work is linear in the body and its nesting is bounded.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace navarch::api::protobuf {

// True for `application/vnd.kubernetes.protobuf` (with or without parameters).
bool is_protobuf_media_type(std::string_view content_type);

struct decode_failure {
  int code = 400;  // 400: malformed body; 415: a kind we have no message table for
  std::string message;
};

// Decodes a whole body: the `k8s\0` magic, then a runtime.Unknown envelope (typeMeta apiVersion/kind, raw,
// contentEncoding, contentType) whose raw bytes are the object. Returns the object as JSON text with apiVersion
// and kind, or why it cannot. Fields we have no table for are skipped.
std::variant<std::string, decode_failure> body_to_json(std::string_view body);

}  // namespace navarch::api::protobuf
