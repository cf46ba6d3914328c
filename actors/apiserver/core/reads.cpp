#include "actors/apiserver/core/reads.hpp"

#include <boost/json.hpp>

#include "api/registry/kind_strategy.hpp"
#include "api/table/table.hpp"
#include "net/codec/base64.hpp"

namespace navarch::api {

namespace json = boost::json;

read_format negotiate_format(std::string_view accept, const std::map<std::string, std::string>& query) {
  read_format f;
  // kubectl lists Table first when it prints; plain JSON clients never mention it.
  f.table = accept.find("as=Table") != std::string_view::npos;
  if (auto it = query.find("includeObject"); it != query.end()) {
    if (it->second == "None") f.include_object = read_format::none;
    else if (it->second == "Object") f.include_object = read_format::object;
  }
  return f;
}

std::string_view content_type_of(const read_format& f) {
  return f.table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json";
}

void stamp_resource_version(json::value& obj, int64_t rv) {
  auto* o = obj.if_object();
  if (!o) return;
  auto& meta = (*o)["metadata"];
  if (!meta.is_object()) meta = json::object{};
  meta.as_object()["resourceVersion"] = std::to_string(rv);
}

namespace {

table_options options_of(const read_format& f, clock::time_point now) {
  table_options o;
  o.include = f.include_object == read_format::none     ? table_options::include_none
              : f.include_object == read_format::object ? table_options::include_object
                                                        : table_options::include_metadata;
  o.now = now;
  return o;
}

}  // namespace

std::string render_object(const kind_strategy& r, json::value obj, int64_t rv, const read_format& f,
                          clock::time_point now) {
  stamp_resource_version(obj, rv);
  if (!f.table) return json::serialize(obj);
  std::vector<const json::value*> rows{&obj};
  table_options o = options_of(f, now);
  o.resource_version = std::to_string(rv);
  return json::serialize(make_table(r.table, rows, o));
}

std::string render_list(const kind_strategy& r, const std::vector<list_item>& items, int64_t list_rv,
                        std::string_view continue_token, const read_format& f, clock::time_point now) {
  std::vector<json::value> stamped;
  stamped.reserve(items.size());
  for (const auto& it : items) {
    stamped.push_back(*it.object);
    stamp_resource_version(stamped.back(), it.rv);
  }
  if (f.table) {
    std::vector<const json::value*> rows;
    for (const auto& v : stamped) rows.push_back(&v);
    table_options o = options_of(f, now);
    o.resource_version = std::to_string(list_rv);
    o.continue_token = std::string(continue_token);
    return json::serialize(make_table(r.table, rows, o));
  }
  json::object meta{{"resourceVersion", std::to_string(list_rv)}};
  if (!continue_token.empty()) meta["continue"] = continue_token;
  json::array arr;
  arr.reserve(stamped.size());
  for (auto& v : stamped) arr.push_back(std::move(v));
  json::object list{{"kind", r.list_kind()}, {"apiVersion", r.api_version()}, {"metadata", meta},
                    {"items", std::move(arr)}};
  return json::serialize(list);
}

std::string encode_continue(int64_t rv, std::string_view last_key) {
  json::object o{{"v", "meta.k8s.io/v1"}, {"rv", rv}, {"start", last_key}};
  return codec::base64_encode(json::serialize(o));
}

std::optional<std::pair<int64_t, std::string>> decode_continue(std::string_view token) {
  auto raw = codec::base64_decode(token);
  if (!raw) return std::nullopt;
  json::error_code ec;
  json::value v = json::parse(*raw, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  auto rv = o.if_contains("rv");
  auto start = o.if_contains("start");
  if (!rv || !rv->is_int64() || !start || !start->is_string()) return std::nullopt;
  return std::make_pair(rv->as_int64(), std::string(start->get_string()));
}

}  // namespace navarch::api
