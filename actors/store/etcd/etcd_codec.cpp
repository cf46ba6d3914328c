#include "actors/store/etcd/etcd_codec.hpp"

#include <charconv>
#include <stdexcept>

#include <boost/json.hpp>

#include "net/codec/base64.hpp"

namespace navarch::etcd {

namespace json = boost::json;

namespace {

[[noreturn]] void bad(const std::string& what) { throw std::runtime_error("etcd: unexpected reply: " + what); }

std::string b64(std::string_view s) { return codec::base64_encode(s); }

// An int64 field: a JSON string (proto3) or number; absent means 0.
int64_t int_field(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  if (!v) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->as_uint64());
  if (!v->is_string()) bad(std::string(name) + " is not an integer");
  const auto& s = v->as_string();
  int64_t out = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc{} || p != s.data() + s.size()) bad(std::string(name) + " is not an integer: " + std::string(s));
  return out;
}

bool bool_field(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  if (!v) return false;
  if (!v->is_bool()) bad(std::string(name) + " is not a boolean");
  return v->as_bool();
}

std::string bytes_field(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  if (!v) return {};
  if (!v->is_string()) bad(std::string(name) + " is not a string");
  auto decoded = codec::base64_decode(v->as_string());
  if (!decoded) bad(std::string(name) + " is not base64");
  return std::move(*decoded);
}

std::string string_field(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::object& object_field(const json::object& o, std::string_view name) {
  static const json::object empty;
  auto* v = o.if_contains(name);
  if (!v) return empty;
  if (!v->is_object()) bad(std::string(name) + " is not an object");
  return v->as_object();
}

const json::array& array_field(const json::object& o, std::string_view name) {
  static const json::array empty;
  auto* v = o.if_contains(name);
  if (!v) return empty;
  if (!v->is_array()) bad(std::string(name) + " is not an array");
  return v->as_array();
}

const json::object& as_object(const json::value& v, std::string_view what) {
  if (!v.is_object()) bad(std::string(what) + " is not an object");
  return v.as_object();
}

json::object parse_object(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) bad("invalid JSON (" + ec.message() + ")");
  if (!v.is_object()) bad("not a JSON object");
  return std::move(v.as_object());
}

int64_t header_revision(const json::object& o) { return int_field(object_field(o, "header"), "revision"); }

msg::key_value decode_kv(const json::object& o) {
  msg::key_value kv;
  kv.key = bytes_field(o, "key");
  kv.value = bytes_field(o, "value");
  kv.create_revision = int_field(o, "create_revision");
  kv.mod_revision = int_field(o, "mod_revision");
  kv.version = int_field(o, "version");
  return kv;
}

std::vector<msg::key_value> decode_kvs(const json::object& o, std::string_view name) {
  std::vector<msg::key_value> out;
  for (const auto& v : array_field(o, name)) out.push_back(decode_kv(as_object(v, name)));
  return out;
}

msg::range_response decode_range_object(const json::object& o) {
  msg::range_response r;
  r.kvs = decode_kvs(o, "kvs");
  r.more = bool_field(o, "more");
  r.count = int_field(o, "count");
  r.revision = header_revision(o);
  return r;
}

json::object range_object(std::string_view key, std::string_view range_end) {
  json::object o;
  o["key"] = b64(key);
  if (!range_end.empty()) o["range_end"] = b64(range_end);
  return o;
}

json::object op_object(const msg::request_op& op) {
  json::object inner = range_object(op.key, op.range_end);
  json::object out;
  switch (op.kind) {
    case msg::request_op::range:
      out["request_range"] = std::move(inner);
      break;
    case msg::request_op::put:
      inner.erase("range_end");
      inner["value"] = b64(op.value);
      if (op.prev_kv) inner["prev_kv"] = true;
      out["request_put"] = std::move(inner);
      break;
    case msg::request_op::del:
      if (op.prev_kv) inner["prev_kv"] = true;
      out["request_delete_range"] = std::move(inner);
      break;
    default:
      throw std::invalid_argument("etcd: unknown request_op kind " + std::to_string(op.kind));
  }
  return out;
}

json::object compare_object(const msg::compare& c) {
  static const char* targets[] = {"MOD", "CREATE", "VERSION", "VALUE"};
  static const char* results[] = {"EQUAL", "NOT_EQUAL", "GREATER", "LESS"};
  if (c.target > msg::compare::value || c.result > msg::compare::less)
    throw std::invalid_argument("etcd: unknown compare target or result");
  json::object o;
  o["key"] = b64(c.key);
  o["target"] = targets[c.target];
  o["result"] = results[c.result];
  switch (c.target) {
    case msg::compare::mod: o["mod_revision"] = std::to_string(c.number); break;
    case msg::compare::create: o["create_revision"] = std::to_string(c.number); break;
    case msg::compare::version: o["version"] = std::to_string(c.number); break;
    default: o["value"] = b64(c.text); break;
  }
  return o;
}

}  // namespace

std::string encode(const msg::range_request& req) {
  json::object o = range_object(req.key, req.range_end);
  if (req.revision != 0) o["revision"] = std::to_string(req.revision);
  if (req.limit != 0) o["limit"] = std::to_string(req.limit);
  if (req.count_only) o["count_only"] = true;
  return json::serialize(o);
}

std::string encode(const msg::txn_request& req) {
  json::object o;
  json::array compares, success, failure;
  for (const auto& c : req.compares) compares.push_back(compare_object(c));
  for (const auto& op : req.success) success.push_back(op_object(op));
  for (const auto& op : req.failure) failure.push_back(op_object(op));
  o["compare"] = std::move(compares);
  o["success"] = std::move(success);
  o["failure"] = std::move(failure);
  return json::serialize(o);
}

std::string encode(const msg::compact_request& req) {
  json::object o;
  o["revision"] = std::to_string(req.revision);
  return json::serialize(o);
}

std::string encode(const msg::watch_request& req) {
  json::object create = range_object(req.key, req.range_end);
  if (req.start_revision != 0) create["start_revision"] = std::to_string(req.start_revision);
  if (req.prev_kv) create["prev_kv"] = true;
  json::object o;
  o["create_request"] = std::move(create);
  return json::serialize(o);
}

int32_t error_of(int status, std::string_view body) {
  std::string message;
  int64_t code = 0;
  try {
    auto o = parse_object(body);
    message = string_field(o, "message");
    if (message.empty()) message = string_field(o, "error");
    code = int_field(o, "code");
  } catch (const std::runtime_error&) {
    message = std::string(body);
  }
  if (message.find("required revision has been compacted") != std::string::npos) return msg::store_compacted;
  if (message.find("required revision is a future revision") != std::string::npos) return msg::store_future_revision;
  // etcd's own limit (--max-request-bytes, 1.5 MiB), then the gateway's gRPC message limit (2 MiB).
  if (message.find("request is too large") != std::string::npos || message.find("larger than max") != std::string::npos)
    return msg::store_too_large;
  if (code == 3 || status == 400) return msg::store_bad_request;  // InvalidArgument
  return msg::store_unavailable;
}

msg::range_response decode_range(std::string_view body) { return decode_range_object(parse_object(body)); }

msg::txn_response decode_txn(std::string_view body) {
  auto o = parse_object(body);
  msg::txn_response r;
  r.succeeded = bool_field(o, "succeeded");
  r.revision = header_revision(o);
  for (const auto& v : array_field(o, "responses")) {
    const auto& item = as_object(v, "responses");
    msg::op_response op;
    if (auto* x = item.if_contains("response_range")) {
      op.kind = msg::request_op::range;
      op.range = decode_range_object(as_object(*x, "response_range"));
    } else if (auto* x = item.if_contains("response_put")) {
      op.kind = msg::request_op::put;
      const auto& put = as_object(*x, "response_put");
      if (put.contains("prev_kv")) op.prev_kvs.push_back(decode_kv(object_field(put, "prev_kv")));
    } else if (auto* x = item.if_contains("response_delete_range")) {
      op.kind = msg::request_op::del;
      const auto& del = as_object(*x, "response_delete_range");
      op.deleted = int_field(del, "deleted");
      op.prev_kvs = decode_kvs(del, "prev_kvs");
    } else {
      bad("txn response item of unknown kind");
    }
    r.responses.push_back(std::move(op));
  }
  return r;
}

msg::compact_response decode_compact(std::string_view body) {
  msg::compact_response r;
  r.revision = header_revision(parse_object(body));
  return r;
}

watch_message decode_watch_message(std::string_view line) {
  auto o = parse_object(line);
  if (auto* e = o.if_contains("error")) {
    watch_message m;
    m.canceled = true;
    const auto& err = as_object(*e, "error");
    m.cancel_reason = string_field(err, "message");
    if (m.cancel_reason.empty()) m.cancel_reason = string_field(err, "error");
    return m;
  }
  const auto& r = object_field(o, "result");
  watch_message m;
  m.revision = header_revision(r);
  m.created = bool_field(r, "created");
  m.canceled = bool_field(r, "canceled");
  m.compact_revision = int_field(r, "compact_revision");
  m.cancel_reason = string_field(r, "cancel_reason");
  for (const auto& v : array_field(r, "events")) {
    const auto& ev = as_object(v, "events");
    msg::watch_event out;
    const std::string type = string_field(ev, "type");
    if (type == "DELETE") out.type = msg::watch_event::del;
    else if (!type.empty() && type != "PUT") bad("watch event type " + type);
    out.kv = decode_kv(object_field(ev, "kv"));
    if (ev.contains("prev_kv")) out.prev_kv = decode_kv(object_field(ev, "prev_kv"));
    m.events.push_back(std::move(out));
  }
  return m;
}

void line_splitter::take(std::vector<std::string>& out) {
  std::size_t begin = 0;
  for (std::size_t end; (end = pending_.find('\n', begin)) != std::string::npos; begin = end + 1) {
    std::string_view line(pending_.data() + begin, end - begin);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) out.emplace_back(line);
  }
  pending_.erase(0, begin);
}

}  // namespace navarch::etcd
