// The request timeout a client asks for with ?timeout= (a Go duration), bounded by the server's limit.
#include <gtest/gtest.h>

#include "actors/apiserver/core/request_timeout.hpp"

using namespace navarch;
using namespace std::chrono_literals;

TEST(GoDuration, ParsesWhatClientGoSends) {
  EXPECT_EQ(api::parse_go_duration("30s"), 30s);
  EXPECT_EQ(api::parse_go_duration("1m30s"), 90s);
  EXPECT_EQ(api::parse_go_duration("1.5s"), 1500ms);
  EXPECT_EQ(api::parse_go_duration(".5ms"), 500us);
  EXPECT_EQ(api::parse_go_duration("250ms"), 250ms);
  EXPECT_EQ(api::parse_go_duration("2h"), 2h);
  EXPECT_EQ(api::parse_go_duration("10us"), 10us);
  EXPECT_EQ(api::parse_go_duration("10\xC2\xB5s"), 10us);
  EXPECT_EQ(api::parse_go_duration("7ns"), 7ns);
  EXPECT_EQ(api::parse_go_duration("0"), 0ns);
  EXPECT_EQ(api::parse_go_duration("-3s"), -3s);
}

TEST(GoDuration, RejectsWhatGoRejects) {
  for (const char* bad : {"", "5", "s", "1x", "1.2.3s", "-", "3s ", " 3s", "1e3s", "100000000000h"})
    EXPECT_FALSE(api::parse_go_duration(bad)) << bad;
}

TEST(RequestTimeout, TheClientMayAskForLessNeverMore) {
  auto limit = std::chrono::nanoseconds(60s);
  EXPECT_EQ(std::get<std::chrono::nanoseconds>(api::request_timeout("", limit)), limit);
  EXPECT_EQ(std::get<std::chrono::nanoseconds>(api::request_timeout("5s", limit)), 5s);
  EXPECT_EQ(std::get<std::chrono::nanoseconds>(api::request_timeout("10m", limit)), limit);
  EXPECT_EQ(std::get<std::chrono::nanoseconds>(api::request_timeout("0", limit)), limit);
  EXPECT_EQ(std::get<std::chrono::nanoseconds>(api::request_timeout("-1s", limit)), limit);
  auto bad = std::get<msg::api_response>(api::request_timeout("soon", limit));
  EXPECT_EQ(bad.code, 400);
  EXPECT_NE(bad.body.find("invalid timeout specified in the request URL"), std::string::npos) << bad.body;
}
