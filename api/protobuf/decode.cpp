#include "api/protobuf/decode.hpp"

#include <boost/json.hpp>

#include "api/protobuf/schema.hpp"
#include "api/protobuf/wire.hpp"
#include "net/codec/base64.hpp"
#include "api/time/rfc3339.hpp"

namespace navarch::api::protobuf {

namespace {

namespace json = boost::json;

constexpr std::string_view magic{"k8s\0", 4};
// Deeper than any Kubernetes message we describe (a CronJob's container probe is 9 levels down); the schema has
// no cycles, so this only guards against mistakes.
constexpr std::size_t max_depth = 32;
// metav1.Time's range, as Go's time package formats it: years 0001 to 9999.
constexpr std::int64_t min_seconds = -62135596800, max_seconds = 253402300799;

// Protobuf strings are UTF-8; JSON text must be. Refused rather than repaired, so no byte changes silently.
std::string_view text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) throw wire_error("a string is not valid UTF-8");
    std::uint32_t cp = n == 1 ? c : c & (0x7f >> n);
    for (std::size_t j = 1; j < n; ++j) {
      auto cc = static_cast<unsigned char>(s[i + j]);
      if ((cc & 0xc0) != 0x80) throw wire_error("a string is not valid UTF-8");
      cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr std::uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_length[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      throw wire_error("a string is not valid UTF-8");
    i += n;
  }
  return s;
}

void expect_type(const field& f, wire_type actual, wire_type wanted) {
  if (actual != wanted)
    throw wire_error("field " + std::to_string(f.number) + " (" + std::string(f.json_name) +
                     ") has the wrong wire type");
}

// The string held in field 1 of a small wrapper message (Quantity, FieldsV1, RawExtension's raw).
std::string_view field_one(std::string_view bytes) {
  wire_reader r(bytes);
  std::string_view out;
  while (!r.done()) {
    tag t = r.read_tag();
    if (t.field == 1 && t.type == wire_type::length_delimited) out = r.read_length_delimited();
    else r.skip(t.type);
  }
  return out;
}

json::value time_value(std::string_view bytes) {
  if (bytes.empty()) return nullptr;  // a zero Time: Go marshals it as an empty message, JSON as null
  wire_reader r(bytes);
  std::int64_t seconds = 0;
  while (!r.done()) {
    tag t = r.read_tag();
    if (t.field == 1 && t.type == wire_type::varint) seconds = static_cast<std::int64_t>(r.read_varint());
    else r.skip(t.type);  // nanos: metav1.Time is RFC 3339 to the second
  }
  if (seconds < min_seconds || seconds > max_seconds) throw wire_error("timestamp out of range");
  return json::string(api::rfc3339(std::chrono::system_clock::time_point{std::chrono::seconds{seconds}}));
}

json::value int_or_string_value(std::string_view bytes) {
  wire_reader r(bytes);
  std::uint64_t type = 0;
  std::int32_t int_val = 0;
  std::string_view str_val;
  while (!r.done()) {
    tag t = r.read_tag();
    if (t.field == 1 && t.type == wire_type::varint) type = r.read_varint();
    else if (t.field == 2 && t.type == wire_type::varint) int_val = static_cast<std::int32_t>(r.read_varint());
    else if (t.field == 3 && t.type == wire_type::length_delimited) str_val = r.read_length_delimited();
    else r.skip(t.type);
  }
  if (type == 1) return json::string(text(str_val));
  return int_val;
}

json::value raw_json_value(std::string_view bytes) {
  std::string_view raw = field_one(bytes);
  if (raw.empty()) return json::object{};
  json::error_code ec;
  auto v = json::parse(raw, ec);
  if (ec) throw wire_error("embedded JSON is invalid: " + ec.message());
  return v;
}

json::array string_list_value(std::string_view bytes) {
  wire_reader r(bytes);
  json::array items;
  while (!r.done()) {
    tag t = r.read_tag();
    if (t.field == 1 && t.type == wire_type::length_delimited) items.emplace_back(json::string(text(r.read_length_delimited())));
    else r.skip(t.type);
  }
  return items;
}

// One map<string, V> entry: key in field 1, value in field 2.
void map_entry(const field& f, std::string_view bytes, json::object& into) {
  wire_reader r(bytes);
  std::string_view key, value;
  while (!r.done()) {
    tag t = r.read_tag();
    if ((t.field == 1 || t.field == 2) && t.type == wire_type::length_delimited)
      (t.field == 1 ? key : value) = r.read_length_delimited();
    else r.skip(t.type);
  }
  text(key);
  switch (f.kind) {
    case value_kind::map_string: into[key] = json::string(text(value)); break;
    case value_kind::map_bytes: into[key] = json::string(codec::base64_encode(value)); break;
    case value_kind::map_quantity: {
      auto q = field_one(value);
      into[key] = json::string(q.empty() ? std::string_view("0") : text(q));
      break;
    }
    default: into[key] = string_list_value(value); break;
  }
}

bool is_map(value_kind k) {
  return k == value_kind::map_string || k == value_kind::map_bytes || k == value_kind::map_quantity ||
         k == value_kind::map_string_list;
}

bool is_varint(value_kind k) { return k == value_kind::int32 || k == value_kind::int64 || k == value_kind::boolean; }

json::value varint_value(value_kind k, std::uint64_t raw) {
  if (k == value_kind::boolean) return raw != 0;
  if (k == value_kind::int32) return static_cast<std::int32_t>(raw);
  return static_cast<std::int64_t>(raw);
}

bool is_zero(const json::value& v) {
  return (v.is_string() && v.get_string().empty()) || (v.is_int64() && v.get_int64() == 0) ||
         (v.is_bool() && !v.get_bool());
}

json::array& array_at(json::object& out, std::string_view name) {
  auto& slot = out[name];
  if (!slot.is_array()) slot = json::array{};
  return slot.get_array();
}

json::object& object_at(json::object& out, std::string_view name) {
  auto& slot = out[name];
  if (!slot.is_object()) slot = json::object{};
  return slot.get_object();
}

void decode_into(const message& m, std::string_view bytes, json::object& out, std::size_t depth);

// A field's value that is not a nested message; `bytes` is its length-delimited payload.
json::value delimited_value(const field& f, std::string_view bytes) {
  switch (f.kind) {
    case value_kind::string: return json::string(text(bytes));
    case value_kind::bytes: return json::string(codec::base64_encode(bytes));
    case value_kind::quantity: {
      auto q = field_one(bytes);
      return json::string(q.empty() ? std::string_view("0") : text(q));
    }
    case value_kind::time: return time_value(bytes);
    case value_kind::int_or_string: return int_or_string_value(bytes);
    case value_kind::raw_json: return raw_json_value(bytes);
    default: throw wire_error("field " + std::string(f.json_name) + " has the wrong wire type");
  }
}

void set_scalar(const field& f, json::value v, json::object& out) {
  if (f.repeated) return array_at(out, f.json_name).push_back(std::move(v)), void();
  if (!f.keep_zero && is_zero(v)) out.erase(f.json_name);
  else out[f.json_name] = std::move(v);
}

void decode_field(const field& f, tag t, wire_reader& r, json::object& out, std::size_t depth) {
  if (is_varint(f.kind)) {
    if (t.type == wire_type::varint) return set_scalar(f, varint_value(f.kind, r.read_varint()), out);
    if (!f.repeated) expect_type(f, t.type, wire_type::varint);
    wire_reader packed(r.read_length_delimited());  // a packed repeated number
    auto& arr = array_at(out, f.json_name);
    while (!packed.done()) arr.push_back(varint_value(f.kind, packed.read_varint()));
    return;
  }
  expect_type(f, t.type, wire_type::length_delimited);
  std::string_view bytes = r.read_length_delimited();
  if (is_map(f.kind)) return map_entry(f, bytes, object_at(out, f.json_name));
  if (f.kind != value_kind::message) return set_scalar(f, delimited_value(f, bytes), out);
  if (f.inline_fields) return decode_into(*f.type, bytes, out, depth + 1);
  if (f.repeated) {
    json::object item;
    decode_into(*f.type, bytes, item, depth + 1);
    array_at(out, f.json_name).push_back(std::move(item));
    return;
  }
  decode_into(*f.type, bytes, object_at(out, f.json_name), depth + 1);  // a repeated occurrence merges
}

void decode_into(const message& m, std::string_view bytes, json::object& out, std::size_t depth) {
  if (depth > max_depth) throw wire_error("nested too deeply");
  wire_reader r(bytes);
  while (!r.done()) {
    tag t = r.read_tag();
    if (const field* f = m.find(t.field)) decode_field(*f, t, r, out, depth);
    else r.skip(t.type);
  }
}

struct envelope {
  std::string_view api_version, kind, raw, content_encoding;
};

envelope read_envelope(std::string_view bytes) {
  envelope e;
  wire_reader r(bytes);
  while (!r.done()) {
    tag t = r.read_tag();
    if (t.type != wire_type::length_delimited) {
      r.skip(t.type);
      continue;
    }
    std::string_view value = r.read_length_delimited();
    if (t.field == 1) {
      wire_reader tm(value);
      while (!tm.done()) {
        tag tt = tm.read_tag();
        if ((tt.field == 1 || tt.field == 2) && tt.type == wire_type::length_delimited)
          (tt.field == 1 ? e.api_version : e.kind) = tm.read_length_delimited();
        else tm.skip(tt.type);
      }
    } else if (t.field == 2) {
      e.raw = value;
    } else if (t.field == 3) {
      e.content_encoding = value;
    }
  }
  return e;
}

}  // namespace

bool is_protobuf_media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  auto type = content_type.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return type == "application/vnd.kubernetes.protobuf";
}

std::variant<std::string, decode_failure> body_to_json(std::string_view body) {
  if (!body.starts_with(magic))
    return decode_failure{400, "the protobuf body does not start with the Kubernetes magic number"};
  try {
    envelope e = read_envelope(body.substr(magic.size()));
    if (e.kind.empty() || e.api_version.empty())
      return decode_failure{400, "the protobuf body names no apiVersion and kind"};
    if (!e.content_encoding.empty())
      return decode_failure{415, "protobuf content encoding \"" + std::string(e.content_encoding) +
                                     "\" is not supported"};
    const message* m = find_kind(e.api_version, e.kind);
    if (!m)
      return decode_failure{415, "protobuf bodies of kind " + std::string(e.kind) + " (" +
                                     std::string(e.api_version) + ") are not supported; send JSON"};
    json::object obj;
    obj["apiVersion"] = text(e.api_version);
    obj["kind"] = text(e.kind);
    decode_into(*m, e.raw, obj, 0);
    return json::serialize(obj);
  } catch (const wire_error& err) {
    return decode_failure{400, std::string("the protobuf body is malformed: ") + err.what()};
  }
}

}  // namespace navarch::api::protobuf
