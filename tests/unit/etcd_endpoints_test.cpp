#include "actors/store/etcd/endpoints.hpp"

#include <gtest/gtest.h>

namespace navarch::etcd {
namespace {

std::vector<http::endpoint> ok(std::string_view list) {
  auto r = parse_endpoints(list);
  if (auto* err = std::get_if<std::string>(&r)) ADD_FAILURE() << *err;
  return std::get_if<std::vector<http::endpoint>>(&r) ? std::get<std::vector<http::endpoint>>(r)
                                                       : std::vector<http::endpoint>{};
}

std::string error(std::string_view list) {
  auto r = parse_endpoints(list);
  auto* err = std::get_if<std::string>(&r);
  return err ? *err : std::string("(accepted)");
}

TEST(EtcdEndpoints, ParsesOneAndMany) {
  auto one = ok("http://127.0.0.1:2379");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].host, "127.0.0.1");
  EXPECT_EQ(one[0].port, 2379);
  auto many = ok("http://a.example:1/,http://[::1]:65535");
  ASSERT_EQ(many.size(), 2u);
  EXPECT_EQ(many[0].host, "a.example");
  EXPECT_EQ(many[0].port, 1);
  EXPECT_EQ(many[1].host, "::1");
  EXPECT_EQ(many[1].port, 65535);
}

TEST(EtcdEndpoints, RejectsWhatItCannotServe) {
  EXPECT_EQ(error(""), "no endpoint given: want http://HOST:PORT[,...]");
  EXPECT_EQ(error("https://h:1"), "unsupported endpoint 'https://h:1': only http:// is supported");
  EXPECT_EQ(error("h:1"), "invalid endpoint 'h:1': want http://HOST:PORT");
  EXPECT_EQ(error("http://h"), "invalid endpoint 'http://h': missing :PORT");
  EXPECT_EQ(error("http://:1"), "invalid endpoint 'http://:1': missing host");
  EXPECT_EQ(error("http://h:0"), "invalid endpoint 'http://h:0': port must be a number from 1 to 65535");
  EXPECT_EQ(error("http://h:65536"), "invalid endpoint 'http://h:65536': port must be a number from 1 to 65535");
  EXPECT_EQ(error("http://h:1/v3"), "invalid endpoint 'http://h:1/v3': want http://HOST:PORT without a path");
  EXPECT_EQ(error("http://h:1,"), "invalid endpoint '': want http://HOST:PORT");
  EXPECT_EQ(error("http://[::1:1"), "invalid endpoint 'http://[::1:1': want http://[ADDRESS]:PORT");
}

}  // namespace
}  // namespace navarch::etcd
