// Builders for the store requests the apiserver sends (etcd-style ops and compares).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "messages/store.hpp"

namespace navarch::api {

msg::request_op put_op(std::string key, std::string value);
msg::request_op delete_op(std::string key, std::string range_end = {});
msg::request_op range_op(std::string key);
msg::compare mod_equals(std::string key, int64_t rv);
msg::compare version_compare(std::string key, uint8_t result, int64_t n);
std::string namespace_key(std::string_view ns);

}  // namespace navarch::api
