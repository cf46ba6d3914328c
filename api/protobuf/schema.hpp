// Our own description of the Kubernetes protobuf messages (field numbers from the published k8s.io/api and
// apimachinery generated.proto files): per message, each field's number, JSON name and how its value becomes
// JSON. The decoder walks these tables; no generated code, no protoc.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace navarch::api::protobuf {

enum class value_kind : std::uint8_t {
  string,
  bytes,          // base64 in JSON, as encoding/json does for []byte
  int32,
  int64,
  boolean,
  message,        // a nested object described by `type`
  quantity,       // resource.Quantity {1: string} -> "500m"
  time,           // metav1.Time {1: seconds, 2: nanos} -> RFC 3339; empty -> null
  int_or_string,  // intstr.IntOrString {1: type, 2: intVal, 3: strVal} -> 80 or "http"
  raw_json,       // bytes holding JSON text (FieldsV1, RawExtension) -> that JSON
  map_string,     // map<string,string> -> {"k":"v"}
  map_bytes,      // map<string,bytes> -> {"k":"<base64>"}
  map_quantity,   // map<string,Quantity> -> {"cpu":"1"}
  map_string_list,  // map<string,ExtraValue> (ExtraValue: `repeated string items = 1`) -> {"k":["a"]}
};

struct message;

struct field {
  std::uint32_t number = 0;
  std::string_view json_name;
  value_kind kind = value_kind::string;
  bool repeated = false;
  // Go pointer fields (*int32, *bool, *string): present means set, so a zero is kept. Other scalars follow
  // `omitempty` and are left out when zero, as the JSON kubectl would have sent.
  bool keep_zero = false;
  // Embedded with `json:",inline"` (ProbeHandler in Probe, VolumeSource in Volume): its fields go into the
  // enclosing object.
  bool inline_fields = false;
  const message* type = nullptr;  // for message
};

struct message {
  std::string_view name;
  std::span<const field> fields;
  const field* find(std::uint32_t number) const {
    for (const auto& f : fields)
      if (f.number == number) return &f;
    return nullptr;
  }
};

// Builders that keep the tables short.
constexpr field str(std::uint32_t n, std::string_view name) { return {n, name, value_kind::string}; }
constexpr field strp(std::uint32_t n, std::string_view name) { return {n, name, value_kind::string, false, true}; }
constexpr field strs(std::uint32_t n, std::string_view name) { return {n, name, value_kind::string, true}; }
constexpr field i32(std::uint32_t n, std::string_view name) { return {n, name, value_kind::int32}; }
constexpr field i32p(std::uint32_t n, std::string_view name) { return {n, name, value_kind::int32, false, true}; }
constexpr field i32s(std::uint32_t n, std::string_view name) { return {n, name, value_kind::int32, true}; }
constexpr field i64(std::uint32_t n, std::string_view name) { return {n, name, value_kind::int64}; }
constexpr field i64p(std::uint32_t n, std::string_view name) { return {n, name, value_kind::int64, false, true}; }
constexpr field i64s(std::uint32_t n, std::string_view name) { return {n, name, value_kind::int64, true}; }
constexpr field boolean(std::uint32_t n, std::string_view name) { return {n, name, value_kind::boolean}; }
constexpr field boolp(std::uint32_t n, std::string_view name) { return {n, name, value_kind::boolean, false, true}; }
constexpr field msg(std::uint32_t n, std::string_view name, const message* t) {
  return {n, name, value_kind::message, false, false, false, t};
}
constexpr field msgs(std::uint32_t n, std::string_view name, const message* t) {
  return {n, name, value_kind::message, true, false, false, t};
}
constexpr field embedded(std::uint32_t n, const message* t) {
  return {n, "", value_kind::message, false, false, true, t};
}
constexpr field of_kind(std::uint32_t n, std::string_view name, value_kind k) { return {n, name, k}; }
constexpr field map_of(std::uint32_t n, std::string_view name, value_kind k) { return {n, name, k, true}; }

// The messages of each group, defined in schema_<group>.cpp: those other tables refer to, and the kinds.
namespace meta {
extern const message object_meta, label_selector, label_selector_requirement;
}
namespace core {
extern const message pod_template_spec, object_reference, local_object_reference, typed_local_object_reference;
extern const message namespace_kind, config_map, secret, service, service_account, resource_quota, pod;
}
namespace apps {
extern const message deployment;
}
namespace batch {
extern const message job, cron_job;
}
namespace policy {
extern const message pod_disruption_budget;
}
namespace scheduling {
extern const message priority_class;
}
namespace rbac {
extern const message role, cluster_role, role_binding, cluster_role_binding;
}
namespace networking {
extern const message ingress;
}
namespace authentication {
extern const message token_request, token_review, self_subject_review;
}
namespace authorization {
extern const message subject_access_review, self_subject_access_review, local_subject_access_review,
    self_subject_rules_review;
}

// A top-level kind by apiVersion and kind ("apps/v1", "Deployment"), or nullptr when we have no table for it.
const message* find_kind(std::string_view api_version, std::string_view kind);

}  // namespace navarch::api::protobuf
