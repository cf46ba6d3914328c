// Hand-building protobuf bytes for the decoder tests: each helper returns one encoded field.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace navarch::api::protobuf::test {

inline std::string varint(std::uint64_t v) {
  std::string out;
  do {
    auto byte = static_cast<char>(v & 0x7f);
    v >>= 7;
    if (v) byte = static_cast<char>(byte | 0x80);
    out += byte;
  } while (v);
  return out;
}

// A varint field (int32, int64, bool). Negative numbers are sign-extended to 64 bits, as Go encodes int32.
inline std::string num(std::uint32_t field, std::int64_t v) {
  return varint(std::uint64_t{field} << 3) + varint(static_cast<std::uint64_t>(v));
}
// A length-delimited field (string, bytes, nested message).
inline std::string len(std::uint32_t field, std::string_view payload) {
  return varint((std::uint64_t{field} << 3) | 2) + varint(payload.size()) + std::string(payload);
}
// Concatenation, to write messages as cat({field, field, ...}).
inline std::string cat(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) out += p;
  return out;
}
// One map<string,string> entry.
inline std::string entry(std::uint32_t field, std::string_view key, std::string_view value) {
  return len(field, cat({len(1, key), len(2, value)}));
}
// An IntOrString holding a number or a string.
inline std::string int_or_string(std::uint32_t field, std::int32_t v) { return len(field, cat({num(1, 0), num(2, v)})); }
inline std::string int_or_string(std::uint32_t field, std::string_view s) {
  return len(field, cat({num(1, 1), len(3, s)}));
}
// The whole request body: magic, then runtime.Unknown{typeMeta{apiVersion, kind}, raw, "", ""}.
inline std::string body(std::string_view api_version, std::string_view kind, std::string_view raw) {
  return std::string("k8s\0", 4) +
         cat({len(1, cat({len(1, api_version), len(2, kind)})), len(2, raw), len(3, ""), len(4, "")});
}
// ObjectMeta as kubectl's generators send it: name, empty strings, a zero creationTimestamp, labels.
inline std::string meta(std::string_view name, std::initializer_list<std::pair<std::string, std::string>> labels = {}) {
  std::string m = cat({len(1, name), len(2, ""), len(3, ""), len(4, ""), len(5, ""), len(6, ""), num(7, 0), len(8, "")});
  for (const auto& [k, v] : labels) m += entry(11, k, v);
  return m;
}

}  // namespace navarch::api::protobuf::test
