#include "api/protobuf/wire.hpp"

namespace navarch::api::protobuf {

std::string_view wire_reader::take(std::size_t n) {
  if (n > rest_.size()) throw wire_error("truncated input: a field claims more bytes than remain");
  auto out = rest_.substr(0, n);
  rest_.remove_prefix(n);
  return out;
}

std::uint64_t wire_reader::read_varint() {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (rest_.empty()) throw wire_error("truncated varint");
    auto byte = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  throw wire_error("varint longer than 10 bytes");
}

tag wire_reader::read_tag() {
  std::uint64_t key = read_varint();
  std::uint64_t field = key >> 3;
  if (field == 0 || field > 0x1fffffff) throw wire_error("invalid field number " + std::to_string(field));
  auto type = static_cast<std::uint8_t>(key & 7);
  if (type > 5) throw wire_error("invalid wire type " + std::to_string(type));
  return {static_cast<std::uint32_t>(field), static_cast<wire_type>(type)};
}

std::uint64_t wire_reader::read_fixed64() {
  auto b = take(8);
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<std::uint8_t>(b[i]);
  return v;
}

std::uint32_t wire_reader::read_fixed32() {
  auto b = take(4);
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<std::uint8_t>(b[i]);
  return v;
}

std::string_view wire_reader::read_length_delimited() {
  std::uint64_t n = read_varint();
  if (n > rest_.size()) throw wire_error("truncated input: a field claims more bytes than remain");
  return take(static_cast<std::size_t>(n));
}

void wire_reader::skip(wire_type type) {
  switch (type) {
    case wire_type::varint: read_varint(); return;
    case wire_type::fixed64: take(8); return;
    case wire_type::fixed32: take(4); return;
    case wire_type::length_delimited: read_length_delimited(); return;
    default: throw wire_error("protobuf groups are not supported");
  }
}

}  // namespace navarch::api::protobuf
