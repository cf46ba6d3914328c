// Small builders for store requests, shared by the store's unit tests.
#pragma once

#include <string>

#include "messages/store.hpp"

namespace navarch::store::testing {

inline msg::request_op put_op(std::string key, std::string value, bool prev_kv = false) {
  msg::request_op op;
  op.kind = msg::request_op::put;
  op.key = std::move(key);
  op.value = std::move(value);
  op.prev_kv = prev_kv;
  return op;
}

inline msg::request_op del_op(std::string key, std::string range_end = {}, bool prev_kv = false) {
  msg::request_op op;
  op.kind = msg::request_op::del;
  op.key = std::move(key);
  op.range_end = std::move(range_end);
  op.prev_kv = prev_kv;
  return op;
}

inline msg::request_op range_op(std::string key, std::string range_end = {}) {
  msg::request_op op;
  op.kind = msg::request_op::range;
  op.key = std::move(key);
  op.range_end = std::move(range_end);
  return op;
}

inline msg::compare cmp_num(std::string key, uint8_t target, uint8_t result, int64_t number) {
  msg::compare c;
  c.key = std::move(key);
  c.target = target;
  c.result = result;
  c.number = number;
  return c;
}

inline msg::compare cmp_value(std::string key, uint8_t result, std::string text) {
  msg::compare c;
  c.key = std::move(key);
  c.target = msg::compare::value;
  c.result = result;
  c.text = std::move(text);
  return c;
}

inline msg::txn_request txn_of(msg::request_op op) {
  msg::txn_request t;
  t.success.push_back(std::move(op));
  return t;
}

inline msg::range_request range_req(std::string key, std::string range_end = {}, int64_t revision = 0,
                                    int64_t limit = 0) {
  msg::range_request r;
  r.key = std::move(key);
  r.range_end = std::move(range_end);
  r.revision = revision;
  r.limit = limit;
  return r;
}

inline msg::watch_request watch_req(std::string key, std::string end, int64_t start = 0, bool prev_kv = false) {
  msg::watch_request w;
  w.key = std::move(key);
  w.range_end = std::move(end);
  w.start_revision = start;
  w.prev_kv = prev_kv;
  return w;
}

}  // namespace navarch::store::testing
