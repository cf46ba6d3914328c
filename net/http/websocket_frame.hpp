// WebSocket framing (RFC 6455) for the server side: the handshake's accept key, unmasked frames out, masked client
// frames in (reassembled into whole messages). Pure: no sockets, no Beast.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace navarch::http::ws {

enum class opcode : std::uint8_t { continuation = 0, text = 1, binary = 2, close = 8, ping = 9, pong = 10 };

// Sec-WebSocket-Accept for the client's Sec-WebSocket-Key: base64(SHA-1(key + the RFC's GUID)).
std::string accept_key(std::string_view client_key);

// One final, unmasked frame as the server sends it.
std::string encode_frame(opcode op, std::string_view payload);
// A close frame's payload: the status code (big-endian), then the reason.
std::string close_payload(std::uint16_t code, std::string_view reason = {});

struct message {
  opcode op = opcode::binary;  // text or binary (whole message), or a control frame: close, ping, pong
  std::string payload;
};

// Decodes what a client sends. Feed bytes as they come; next() gives each complete message (fragments joined)
// or control frame in order. A protocol violation (an unmasked frame, a fragmented control frame, a message over
// max_message bytes, a bad opcode) stops decoding: next() then returns nothing and error() says why.
class frame_decoder {
 public:
  explicit frame_decoder(std::size_t max_message = 16 << 20) : max_message_(max_message) {}
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  std::optional<message> next();
  const std::string& error() const { return error_; }

 private:
  std::optional<message> fail(std::string why);

  std::size_t max_message_;
  std::string buffer_;     // bytes not yet decoded
  std::string fragments_;  // the data message being reassembled
  std::optional<opcode> fragmented_;
  std::string error_;
};

}  // namespace navarch::http::ws
