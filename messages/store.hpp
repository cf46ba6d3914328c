// The store protocol: what the apiserver (and later Raft replicas' clients) say to the etcd role.
// Modelled on etcd's v3 KV API so that a real etcd can serve the same calls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

namespace navarch::msg {

struct key_value {
  std::string key;
  std::string value;
  int64_t create_revision = 0;
  int64_t mod_revision = 0;
  int64_t version = 0;  // number of writes since creation; 0 means "does not exist"
};

// Error codes carried in replies; they cross processes, so they are plain integers.
enum store_error : int32_t {
  store_ok = 0,
  store_compacted = 1,        // asked for a revision older than the compaction point
  store_future_revision = 2,  // asked for a revision newer than the current one
  store_bad_request = 3,
  store_unavailable = 4,      // no leader / disk failure: the write was not applied
  store_too_large = 5,
  store_outcome_unknown = 6,  // the write may or may not have been applied (leader lost, request timed out)
};

// Range over [key, range_end). Empty range_end means the single key; "\0" means everything >= key.
struct range_request {
  std::string key;
  std::string range_end;
  int64_t revision = 0;  // 0 = current
  int64_t limit = 0;     // 0 = unlimited
  bool count_only = false;
};

struct range_response {
  int32_t error = store_ok;
  std::vector<key_value> kvs;
  bool more = false;
  int64_t count = 0;     // number of keys in range (before limit)
  int64_t revision = 0;  // store revision the read was served at
};

struct compare {
  enum target_t : uint8_t { mod = 0, create = 1, version = 2, value = 3 };
  enum result_t : uint8_t { equal = 0, not_equal = 1, greater = 2, less = 3 };
  std::string key;
  uint8_t target = mod;
  uint8_t result = equal;
  int64_t number = 0;      // for mod/create/version
  std::string text;        // for value
};

struct request_op {
  enum kind_t : uint8_t { range = 0, put = 1, del = 2 };
  uint8_t kind = put;
  std::string key;
  std::string range_end;  // range and del
  std::string value;      // put
  bool prev_kv = false;   // put/del: return the previous value(s)
};

struct op_response {
  uint8_t kind = request_op::put;
  range_response range;            // kind == range
  int64_t deleted = 0;             // kind == del
  std::vector<key_value> prev_kvs; // put/del with prev_kv
};

struct txn_request {
  std::vector<compare> compares;
  std::vector<request_op> success;
  std::vector<request_op> failure;
};

struct txn_response {
  int32_t error = store_ok;
  bool succeeded = false;
  int64_t revision = 0;  // store revision after the txn (unchanged when nothing was written)
  std::vector<op_response> responses;
};

struct compact_request {
  int64_t revision = 0;
};

struct compact_response {
  int32_t error = store_ok;
  int64_t revision = 0;
};

struct watch_event {
  enum type_t : uint8_t { put = 0, del = 1 };
  uint8_t type = put;
  key_value kv;       // for del: key and mod_revision = the deleting revision
  key_value prev_kv;  // filled when the watch asked for prev_kv and a previous value existed
};

// Watch [key, range_end) from start_revision (0 = from the next revision). The subscriber actor is sent
// with the request (see messages/store_actor.hpp) and receives watch_batch messages.
struct watch_request {
  std::string key;
  std::string range_end;
  int64_t start_revision = 0;
  bool prev_kv = false;
};

struct watch_response {
  int32_t error = store_ok;
  int64_t watch_id = 0;
  int64_t compact_revision = 0;  // set when error == store_compacted
};

// Events of one watch, in revision order; one batch never splits a revision.
struct watch_batch {
  int64_t watch_id = 0;
  std::vector<watch_event> events;
  bool canceled = false;          // no more batches follow
  int64_t compact_revision = 0;   // why it was canceled, if it was
};

struct watch_cancel {
  int64_t watch_id = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, key_value& x) {
  return f(caf::meta::type_name("key_value"), x.key, x.value, x.create_revision, x.mod_revision, x.version);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, range_request& x) {
  return f(caf::meta::type_name("range_request"), x.key, x.range_end, x.revision, x.limit, x.count_only);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, range_response& x) {
  return f(caf::meta::type_name("range_response"), x.error, x.kvs, x.more, x.count, x.revision);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, compare& x) {
  return f(caf::meta::type_name("compare"), x.key, x.target, x.result, x.number, x.text);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, request_op& x) {
  return f(caf::meta::type_name("request_op"), x.kind, x.key, x.range_end, x.value, x.prev_kv);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, op_response& x) {
  return f(caf::meta::type_name("op_response"), x.kind, x.range, x.deleted, x.prev_kvs);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, txn_request& x) {
  return f(caf::meta::type_name("txn_request"), x.compares, x.success, x.failure);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, txn_response& x) {
  return f(caf::meta::type_name("txn_response"), x.error, x.succeeded, x.revision, x.responses);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, compact_request& x) {
  return f(caf::meta::type_name("compact_request"), x.revision);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, compact_response& x) {
  return f(caf::meta::type_name("compact_response"), x.error, x.revision);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, watch_event& x) {
  return f(caf::meta::type_name("watch_event"), x.type, x.kv, x.prev_kv);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, watch_request& x) {
  return f(caf::meta::type_name("watch_request"), x.key, x.range_end, x.start_revision, x.prev_kv);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, watch_response& x) {
  return f(caf::meta::type_name("watch_response"), x.error, x.watch_id, x.compact_revision);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, watch_batch& x) {
  return f(caf::meta::type_name("watch_batch"), x.watch_id, x.events, x.canceled, x.compact_revision);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, watch_cancel& x) {
  return f(caf::meta::type_name("watch_cancel"), x.watch_id);
}

}  // namespace navarch::msg
