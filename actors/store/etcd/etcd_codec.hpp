// Translation between Navarch's store protocol (messages/store.hpp) and etcd 3.4's v3 JSON gateway: proto3 JSON
// with base64 keys and values, int64 as strings, and fields with default values left out. Pure: no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "messages/store.hpp"

namespace navarch::etcd {

// Gateway paths (etcd 3.4 serves /v3/).
inline constexpr const char* range_path = "/v3/kv/range";
inline constexpr const char* txn_path = "/v3/kv/txn";
inline constexpr const char* compact_path = "/v3/kv/compaction";
inline constexpr const char* watch_path = "/v3/watch";

std::string encode(const msg::range_request& req);
std::string encode(const msg::txn_request& req);
std::string encode(const msg::compact_request& req);
// The body of POST /v3/watch: a create_request.
std::string encode(const msg::watch_request& req);

// The store error an etcd error reply (HTTP status not 2xx, body {"error","code","message"}) stands for.
int32_t error_of(int status, std::string_view body);

// Decoders of successful (2xx) replies. Each throws std::runtime_error, naming what is wrong, when the body is
// not what etcd sends.
msg::range_response decode_range(std::string_view body);
msg::txn_response decode_txn(std::string_view body);
msg::compact_response decode_compact(std::string_view body);

// One message of a watch stream ({"result":{...}} or {"error":{...}}).
struct watch_message {
  int64_t revision = 0;  // the store revision when etcd sent it (from its header)
  bool created = false;
  bool canceled = false;
  int64_t compact_revision = 0;
  std::string cancel_reason;
  std::vector<msg::watch_event> events;
};
watch_message decode_watch_message(std::string_view line);  // throws std::runtime_error like the decoders

// Splits a watch stream into its newline-delimited messages: feed() the pieces as they arrive, then take the
// complete lines (a message split across pieces waits for its end).
class line_splitter {
 public:
  void feed(std::string_view data) { pending_.append(data); }
  // Appends the complete non-empty lines received so far to `out`.
  void take(std::vector<std::string>& out);
  std::size_t pending_bytes() const { return pending_.size(); }

 private:
  std::string pending_;
};

}  // namespace navarch::etcd
