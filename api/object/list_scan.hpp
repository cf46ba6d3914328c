// Reading a List reply ({"metadata":{"resourceVersion":"N"},"items":[...]}) with simdjson's on-demand parser:
// no tree is built; each item comes with its identity and its own JSON text, so a caller (an informer relisting)
// decodes only the items it does not already hold. Pulls in no simdjson: include it anywhere.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace navarch::api {

struct list_item {
  // The item's metadata.name, .namespace and .resourceVersion when they are strings, "" otherwise (or when the
  // item is not an object); valid during the callback.
  std::string_view name, ns, resource_version;
  std::string_view json;  // the item's text, as it stands in the body
};

struct list_scan_result {
  std::string resource_version;  // the list's metadata.resourceVersion ("" when absent or not a string)
  std::string error;  // non-empty: "invalid JSON: ...", "not a JSON object", "items is not an array", ...
  bool ok() const { return error.empty(); }
};

// Calls `each` for every item, in order. Only the structure is checked on the way: an item's text is valid JSON
// only as far as its brackets go, so a caller that keeps an item parses its text.
list_scan_result scan_list(std::string_view body, const std::function<void(const list_item&)>& each);

}  // namespace navarch::api
