#include "api/object/list_scan.hpp"

#include <simdjson.h>

namespace navarch::api {

namespace od = simdjson::ondemand;

namespace {

// The string fields of an object's "metadata" this scan wants; other fields are skipped unread.
struct identity {
  std::string_view name, ns, resource_version;
};

simdjson::error_code read_metadata(od::value meta, identity& out) {
  od::object o;
  if (meta.get_object().get(o)) return simdjson::SUCCESS;  // not an object: nothing to read
  for (auto field : o) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    std::string_view* slot = key == "name"              ? &out.name
                             : key == "namespace"       ? &out.ns
                             : key == "resourceVersion" ? &out.resource_version
                                                        : nullptr;
    if (!slot) continue;
    od::value v;
    if (auto err = field.value().get(v)) return err;
    if (v.type() == od::json_type::string && v.get_string().get(*slot)) return simdjson::STRING_ERROR;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_item(od::value item, list_item& out) {
  od::json_type type;
  if (auto err = item.type().get(type)) return err;
  if (type != od::json_type::object) return simdjson::to_json_string(item).get(out.json);
  od::object o;
  if (auto err = item.get_object().get(o)) return err;
  identity id;
  for (auto field : o) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (key != "metadata") continue;
    od::value meta;
    if (auto err = field.value().get(meta)) return err;
    if (auto err = read_metadata(meta, id)) return err;
  }
  out.name = id.name;
  out.ns = id.ns;
  out.resource_version = id.resource_version;
  // Back to the item's first byte: its whole text is what the caller may keep.
  bool ignored;
  if (auto err = o.reset().get(ignored)) return err;
  return o.raw_json().get(out.json);
}

}  // namespace

list_scan_result scan_list(std::string_view body, const std::function<void(const list_item&)>& each) {
  // The parser and a padded copy of the text are kept per thread: big lists then cost no fresh memory.
  thread_local od::parser parser;
  thread_local std::string padded;
  padded.assign(body);
  padded.resize(body.size() + simdjson::SIMDJSON_PADDING);
  list_scan_result out;
  auto fail = [&](simdjson::error_code err) {
    out.error = std::string("invalid JSON: ") + simdjson::error_message(err);
    return out;
  };
  od::document doc;
  if (auto err = parser.iterate(padded.data(), body.size(), padded.size()).get(doc)) return fail(err);
  od::object root;
  if (doc.get_object().get(root)) return out.error = "not a JSON object", out;
  for (auto field : root) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return fail(err);
    od::value v;
    if (auto err = field.value().get(v)) return fail(err);
    if (key == "metadata") {
      identity id;
      if (auto err = read_metadata(v, id)) return fail(err);
      out.resource_version = std::string(id.resource_version);
    } else if (key == "items") {
      od::json_type type;
      if (auto err = v.type().get(type)) return fail(err);
      if (type == od::json_type::null) continue;
      if (type != od::json_type::array) return out.error = "items is not an array", out;
      od::array items;
      if (auto err = v.get_array().get(items)) return fail(err);
      for (auto element : items) {
        od::value item;
        if (auto err = element.get(item)) return fail(err);
        list_item li;
        if (auto err = read_item(item, li)) return fail(err);
        each(li);
      }
    }
  }
  // On-demand parsing reads lazily: make sure nothing is left after the root.
  const char* rest = nullptr;
  if (!doc.current_location().get(rest)) return out.error = "trailing content after the list", out;
  return out;
}

}  // namespace navarch::api
