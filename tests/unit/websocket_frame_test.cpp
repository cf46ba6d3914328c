#include <gtest/gtest.h>

#include "net/http/websocket_frame.hpp"

namespace navarch::http::ws {
namespace {

// A client frame: masked with `mask`, fin as given.
std::string client_frame(opcode op, std::string_view payload, bool fin = true, std::string mask = "\x11\x22\x33\x44") {
  std::string out;
  out += static_cast<char>((fin ? 0x80 : 0) | static_cast<int>(op));
  auto n = payload.size();
  if (n < 126) {
    out += static_cast<char>(0x80 | n);
  } else if (n <= 0xffff) {
    out += static_cast<char>(0x80 | 126);
    out += static_cast<char>(n >> 8);
    out += static_cast<char>(n & 0xff);
  } else {
    out += static_cast<char>(0x80 | 127);
    for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((static_cast<uint64_t>(n) >> shift) & 0xff);
  }
  out += mask;
  for (size_t i = 0; i < n; ++i) out += static_cast<char>(payload[i] ^ mask[i % 4]);
  return out;
}

TEST(WebSocketFrame, AcceptKeyMatchesTheRfcExample) {
  EXPECT_EQ(accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(WebSocketFrame, EncodesShortMediumAndLongPayloads) {
  auto small = encode_frame(opcode::binary, "\x01hi");
  EXPECT_EQ(small, std::string("\x82\x03\x01hi", 5));
  auto medium = encode_frame(opcode::binary, std::string(300, 'x'));
  ASSERT_EQ(medium.size(), 4u + 300);
  EXPECT_EQ(static_cast<uint8_t>(medium[1]), 126);
  EXPECT_EQ(static_cast<uint8_t>(medium[2]) * 256 + static_cast<uint8_t>(medium[3]), 300);
  auto large = encode_frame(opcode::binary, std::string(70000, 'y'));
  ASSERT_EQ(large.size(), 10u + 70000);
  EXPECT_EQ(static_cast<uint8_t>(large[1]), 127);
  auto byte = [&](int i) { return static_cast<int>(static_cast<uint8_t>(large[i])); };
  EXPECT_EQ(byte(7) * 65536 + byte(8) * 256 + byte(9), 70000);
  EXPECT_EQ(encode_frame(opcode::close, close_payload(1000)), std::string("\x88\x02\x03\xe8", 4));
}

TEST(WebSocketFrame, DecodesMaskedFramesFedByteByByte) {
  frame_decoder d;
  std::string bytes = client_frame(opcode::binary, std::string("\x00" "data", 5)) + client_frame(opcode::ping, "p");
  for (char c : bytes) d.feed(std::string_view(&c, 1));
  auto first = d.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->op, opcode::binary);
  EXPECT_EQ(first->payload, std::string("\x00" "data", 5));
  auto second = d.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->op, opcode::ping);
  EXPECT_EQ(second->payload, "p");
  EXPECT_FALSE(d.next());
  EXPECT_EQ(d.error(), "");
}

TEST(WebSocketFrame, WaitsForTheRestOfAFrame) {
  frame_decoder d;
  auto frame = client_frame(opcode::binary, std::string(1000, 'z'));
  d.feed(std::string_view(frame).substr(0, 500));
  EXPECT_FALSE(d.next());
  d.feed(std::string_view(frame).substr(500));
  auto m = d.next();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->payload, std::string(1000, 'z'));
}

TEST(WebSocketFrame, JoinsFragmentsAroundAControlFrame) {
  frame_decoder d;
  d.feed(client_frame(opcode::text, "hel", false) + client_frame(opcode::ping, "") +
         client_frame(opcode::continuation, "lo", true));
  auto ping = d.next();
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->op, opcode::ping);
  auto text = d.next();
  ASSERT_TRUE(text);
  EXPECT_EQ(text->op, opcode::text);
  EXPECT_EQ(text->payload, "hello");
}

TEST(WebSocketFrame, RejectsProtocolViolations) {
  {
    frame_decoder d;
    d.feed(encode_frame(opcode::binary, "unmasked"));  // what a server sends, not a client
    EXPECT_FALSE(d.next());
    EXPECT_NE(d.error().find("not masked"), std::string::npos);
  }
  {
    frame_decoder d(100);
    d.feed(client_frame(opcode::binary, std::string(101, 'a')));
    EXPECT_FALSE(d.next());
    EXPECT_NE(d.error().find("longer than 100"), std::string::npos);
  }
  {
    frame_decoder d;
    d.feed(client_frame(opcode::continuation, "x"));
    EXPECT_FALSE(d.next());
    EXPECT_NE(d.error(), "");
  }
  {
    frame_decoder d;
    d.feed(client_frame(opcode::ping, "x", false));
    EXPECT_FALSE(d.next());
    EXPECT_NE(d.error(), "");
  }
}

}  // namespace
}  // namespace navarch::http::ws
