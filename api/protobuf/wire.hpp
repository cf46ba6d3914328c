// The protobuf wire format, read-only: tags, varints, fixed-width numbers and length-delimited slices over a
// byte string. Every read is bounds-checked; malformed input throws wire_error and never reads past the end.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace navarch::api::protobuf {

struct wire_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class wire_type : std::uint8_t { varint = 0, fixed64 = 1, length_delimited = 2, start_group = 3,
                                      end_group = 4, fixed32 = 5 };

struct tag {
  std::uint32_t field = 0;
  wire_type type = wire_type::varint;
};

class wire_reader {
 public:
  explicit wire_reader(std::string_view bytes) : rest_(bytes) {}

  bool done() const { return rest_.empty(); }
  tag read_tag();
  std::uint64_t read_varint();
  std::uint64_t read_fixed64();
  std::uint32_t read_fixed32();
  std::string_view read_length_delimited();
  // Skips the value of a field of this wire type (groups are refused: Kubernetes never uses them).
  void skip(wire_type type);

 private:
  std::string_view take(std::size_t n);
  std::string_view rest_;
};

}  // namespace navarch::api::protobuf
