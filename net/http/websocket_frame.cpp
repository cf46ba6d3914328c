#include "net/http/websocket_frame.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace navarch::http::ws {

std::string accept_key(std::string_view client_key) {
  std::string text(client_key);
  text += "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  unsigned char out[4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1];
  int n = EVP_EncodeBlock(out, digest, SHA_DIGEST_LENGTH);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

std::string encode_frame(opcode op, std::string_view payload) {
  std::string out;
  out.reserve(payload.size() + 10);
  out += static_cast<char>(0x80 | static_cast<std::uint8_t>(op));
  auto n = payload.size();
  if (n < 126) {
    out += static_cast<char>(n);
  } else if (n <= 0xffff) {
    out += static_cast<char>(126);
    for (int shift = 8; shift >= 0; shift -= 8) out += static_cast<char>((n >> shift) & 0xff);
  } else {
    out += static_cast<char>(127);
    for (int shift = 56; shift >= 0; shift -= 8)
      out += static_cast<char>((static_cast<std::uint64_t>(n) >> shift) & 0xff);
  }
  out.append(payload);
  return out;
}

std::string close_payload(std::uint16_t code, std::string_view reason) {
  std::string out{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
  out.append(reason);
  return out;
}

std::optional<message> frame_decoder::fail(std::string why) {
  error_ = std::move(why);
  buffer_.clear();
  return std::nullopt;
}

std::optional<message> frame_decoder::next() {
  while (error_.empty()) {
    if (buffer_.size() < 2) return std::nullopt;
    auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(buffer_[i]); };
    bool fin = byte(0) & 0x80;
    if (byte(0) & 0x70) return fail("reserved bits set without an extension");
    auto op = static_cast<opcode>(byte(0) & 0x0f);
    bool control = byte(0) & 0x08;
    if (!(byte(1) & 0x80)) return fail("a client frame is not masked");
    std::uint64_t length = byte(1) & 0x7f;
    std::size_t header = 2;
    if (length >= 126) {
      std::size_t extra = length == 126 ? 2 : 8;
      if (buffer_.size() < header + extra) return std::nullopt;
      length = 0;
      for (std::size_t i = 0; i < extra; ++i) length = (length << 8) | byte(header + i);
      header += extra;
    }
    if (control && (!fin || length > 125)) return fail("a control frame is fragmented or longer than 125 bytes");
    if (length > max_message_ || fragments_.size() + length > max_message_)
      return fail("a message is longer than " + std::to_string(max_message_) + " bytes");
    if (buffer_.size() < header + 4 + length) return std::nullopt;
    const char* mask = buffer_.data() + header;
    std::string payload = buffer_.substr(header + 4, static_cast<std::size_t>(length));
    for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(payload[i] ^ mask[i % 4]);
    buffer_.erase(0, header + 4 + static_cast<std::size_t>(length));

    switch (op) {
      case opcode::close:
      case opcode::ping:
      case opcode::pong:
        return message{op, std::move(payload)};
      case opcode::text:
      case opcode::binary:
        if (fragmented_) return fail("a new message began before the fragmented one ended");
        if (fin) return message{op, std::move(payload)};
        fragmented_ = op;
        fragments_ = std::move(payload);
        continue;
      case opcode::continuation:
        if (!fragmented_) return fail("a continuation frame without a message to continue");
        fragments_ += payload;
        if (!fin) continue;
        {
          message m{*fragmented_, std::move(fragments_)};
          fragmented_.reset();
          fragments_.clear();
          return m;
        }
      default:
        return fail("unknown opcode " + std::to_string(static_cast<int>(op)));
    }
  }
  return std::nullopt;
}

}  // namespace navarch::http::ws
