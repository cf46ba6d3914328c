#include "actors/apiserver/core/store_ops.hpp"

#include "actors/apiserver/core/route.hpp"
#include "api/registry/registry.hpp"

namespace navarch::api {

using namespace navarch::msg;

request_op put_op(std::string key, std::string value) {
  request_op op;
  op.kind = request_op::put;
  op.key = std::move(key);
  op.value = std::move(value);
  return op;
}

request_op delete_op(std::string key, std::string range_end) {
  request_op op;
  op.kind = request_op::del;
  op.key = std::move(key);
  op.range_end = std::move(range_end);
  return op;
}

request_op range_op(std::string key) {
  request_op op;
  op.kind = request_op::range;
  op.key = std::move(key);
  return op;
}

compare mod_equals(std::string key, int64_t rv) {
  compare c;
  c.key = std::move(key);
  c.target = compare::mod;
  c.result = compare::equal;
  c.number = rv;
  return c;
}

compare version_compare(std::string key, uint8_t result, int64_t n) {
  compare c;
  c.key = std::move(key);
  c.target = compare::version;
  c.result = result;
  c.number = n;
  return c;
}

std::string namespace_key(std::string_view ns) {
  return object_key(*kind_registry().find("", "v1", "namespaces"), "", ns);
}

}  // namespace navarch::api
