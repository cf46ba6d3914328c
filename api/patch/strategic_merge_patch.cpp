#include "api/patch/strategic_merge_patch.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/patch/failure.hpp"
#include "api/patch/json_equal.hpp"
#include "api/patch/smp_schema.hpp"

namespace navarch::patch {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using detail::malformed;
using detail::unappliable;

constexpr std::string_view directive_marker = "$patch";
constexpr std::string_view retain_keys_directive = "$retainKeys";
constexpr std::string_view set_element_order_prefix = "$setElementOrder";
constexpr std::string_view delete_from_primitive_list_prefix = "$deleteFromPrimitiveList";
constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

std::string show(const value& v) { return boost::json::serialize(v); }

bool is_directive_key(std::string_view key) {
  return key == directive_marker || key == retain_keys_directive || key.starts_with(set_element_order_prefix) ||
         key.starts_with(delete_from_primitive_list_prefix);
}

// The list a "<prefix>/<list>" directive key applies to.
std::string directive_target(std::string_view key, std::string_view prefix, const char* error) {
  if (key.size() <= prefix.size() || key[prefix.size()] != '/') malformed(error);
  return std::string(key.substr(prefix.size() + 1));
}

// Patch content stored as it is, without nested nulls and directives; nullopt when `v` is itself a directive
// (an object holding "$patch"), which is then dropped.
std::optional<value> plain(value v) {
  if (auto* members = v.if_object()) {
    if (members->contains(directive_marker)) return std::nullopt;
    object kept;
    for (auto& member : *members) {
      if (member.value().is_null() || is_directive_key(member.key())) continue;
      if (auto p = plain(std::move(member.value()))) kept.emplace(member.key(), std::move(*p));
    }
    return kept;
  }
  if (auto* elements = v.if_array()) {
    array kept;
    for (auto& element : *elements)
      if (auto p = plain(std::move(element))) kept.push_back(std::move(*p));
    return kept;
  }
  return v;
}

array plain_list(array list) { return std::move(plain(std::move(list))->get_array()); }

// ---- list elements ----

// The merge key's value of a keyed-list element, which must have it.
const value& merge_key_of(const value& element, std::string_view key) {
  const value* v = element.is_object() ? element.get_object().if_contains(key) : nullptr;
  if (!v) malformed("map: " + show(element) + " does not contain declared merge key: " + std::string(key));
  return *v;
}

// What identifies an element: its merge key's value in a keyed list, the element itself otherwise.
const value& identity(const value& element, std::string_view key) {
  return key.empty() ? element : merge_key_of(element, key);
}

std::size_t index_of(const array& list, const value& element, std::string_view key) {
  const value& id = identity(element, key);
  for (std::size_t i = 0; i < list.size(); ++i)
    if (json_equal(identity(list[i], key), id)) return i;
  return npos;
}

template <class Pred>
void erase_where(array& list, Pred doomed) {
  list.erase(std::remove_if(list.begin(), list.end(), doomed), list.end());
}

bool is(const value& v, std::string_view text) { return v.is_string() && v.get_string() == text; }

bool has_directive(const value& element) {
  return element.is_object() && element.get_object().contains(directive_marker);
}

enum class element_kind { null, boolean, number, string, object };

// The one kind of all elements of both lists (lists of lists and mixed kinds cannot merge); nullopt if both
// are empty.
std::optional<element_kind> common_kind(const array& a, const array& b) {
  std::optional<element_kind> common;
  for (const array* list : {&a, &b}) {
    for (const value& v : *list) {
      if (v.is_array()) unappliable("lists of lists are not supported");
      const element_kind k = v.is_object()   ? element_kind::object
                             : v.is_string() ? element_kind::string
                             : v.is_number() ? element_kind::number
                             : v.is_bool()   ? element_kind::boolean
                                             : element_kind::null;
      if (common && *common != k) unappliable("list element types are not identical: " + show(a) + ", " + show(b));
      common = k;
    }
  }
  return common;
}

// Orders a merged list as Kubernetes does: the elements named in `patch_order` (the patch list, or
// $setElementOrder) in that order, the others in their live order (`server_order`), and the two interleaved
// wherever the live order relates them.
array order_elements(const array& merged, const array& patch_order, const array& server_order, std::string_view key) {
  std::vector<const value*> from_patch;
  std::vector<const value*> server_only;
  for (const value& v : merged) (index_of(patch_order, v, key) != npos ? from_patch : server_only).push_back(&v);
  const auto sort_by = [&](std::vector<const value*>& items, const array& order) {
    std::stable_sort(items.begin(), items.end(), [&](const value* l, const value* r) {
      return index_of(order, *l, key) < index_of(order, *r, key);
    });
  };
  sort_by(from_patch, patch_order);
  sort_by(server_only, server_order);
  const auto live_before = [&](const value& l, const value& r) {
    const std::size_t li = index_of(server_order, l, key);
    const std::size_t ri = index_of(server_order, r, key);
    return li != npos && ri != npos && li < ri;
  };
  array ordered;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < server_only.size() || j < from_patch.size()) {
    const bool take_server =
        j == from_patch.size() || (i < server_only.size() && live_before(*server_only[i], *from_patch[j]));
    ordered.push_back(take_server ? *server_only[i++] : *from_patch[j++]);
  }
  return ordered;
}

// ---- merging ----

value merge_map(object original, object patch, const schema_node* schema);

// A list with patchStrategy merge (or a $deleteFromPrimitiveList).
array merge_list(array original, array patch, const field_meta* field, bool delete_list) {
  if (original.empty() && patch.empty()) return original;
  const std::string_view key = field ? field->merge_key : std::string_view{};

  if (common_kind(original, patch) != element_kind::object) {
    if (delete_list) {
      erase_where(original, [&](const value& v) { return index_of(patch, v, {}) != npos; });
      return original;
    }
    array merged;
    for (const array* list : {&original, &patch})
      for (const value& v : *list)
        if (index_of(merged, v, {}) == npos) merged.push_back(v);
    return order_elements(merged, patch, original, {});
  }

  if (key.empty()) malformed("cannot merge lists of objects without a merge key: " + show(patch));
  array additions;
  bool replace = false;
  for (value& element : patch) {
    const value* directive = element.get_object().if_contains(directive_marker);
    if (!directive) {
      additions.push_back(std::move(element));
    } else if (is(*directive, "delete")) {
      const value& doomed = merge_key_of(element, key);
      erase_where(original, [&](const value& v) { return json_equal(merge_key_of(v, key), doomed); });
    } else if (is(*directive, "replace")) {
      replace = true;
    } else if (is(*directive, "merge")) {
      malformed("merging lists cannot yet be specified in the patch");
    } else {
      malformed("unknown patch type: " + show(*directive) + " in map: " + show(element));
    }
  }
  if (replace) return plain_list(std::move(additions));

  const array server_order = original;
  const array patch_order = additions;
  for (value& element : additions) {
    const std::size_t i = index_of(original, element, key);
    if (i == npos)
      original.push_back(*plain(std::move(element)));
    else
      original[i] = merge_map(std::move(original[i].get_object()), std::move(element.get_object()), field->type);
  }
  return order_elements(original, patch_order, server_order, key);
}

// A list-valued field: merged if the schema says so (or for a $deleteFromPrimitiveList), otherwise replaced.
array merge_field_list(array original, array patch, const field_meta* field, bool delete_list) {
  if (delete_list || (field && field->merge))
    return merge_list(std::move(original), std::move(patch), field, delete_list);
  return plain_list(std::move(patch));
}

// "$retainKeys": [...] clears the original's fields not listed; the patch may only set listed fields.
void apply_retain_keys(object& original, object& patch) {
  auto it = patch.find(retain_keys_directive);
  if (it == patch.end()) return;
  const value keys = std::move(it->value());
  patch.stable_erase(it);
  const array* list = keys.if_array();
  if (!list) malformed("invalid patch format of retainKeys");
  const auto retained = [&](std::string_view name) {
    return std::any_of(list->begin(), list->end(),
                       [&](const value& k) { return k.is_string() && k.get_string() == name; });
  };
  for (const auto& member : patch) {
    const std::string_view name = member.key();
    if (member.value().is_null() || name.starts_with(delete_from_primitive_list_prefix) ||
        name.starts_with(set_element_order_prefix))
      continue;
    if (!retained(name)) malformed("invalid patch format of retainKeys: \"" + std::string(name) + "\" is not retained");
  }
  for (auto member = original.begin(); member != original.end();)
    member = retained(member->key()) ? std::next(member) : original.stable_erase(member);
}

// The patch list must name its elements in the $setElementOrder order (directive elements aside).
void check_order(const array& patch_list, const array& order, std::string_view key) {
  std::vector<const value*> named;
  for (const value& v : patch_list)
    if (!has_directive(v)) named.push_back(&v);
  std::size_t p = 0;
  for (std::size_t o = 0; p < named.size() && o < order.size(); ++o)
    if (json_equal(identity(*named[p], key), identity(order[o], key))) ++p;
  if (p < named.size() && !order.empty())
    malformed("the order in patch list " + show(patch_list) + " doesn't match $setElementOrder list " + show(order));
}

// "$setElementOrder/<list>": merges <list> (if patched) and orders the result as the directive lists it.
void apply_element_orders(object& original, object& patch, const schema_node* schema) {
  std::vector<std::string> directives;
  for (const auto& member : patch)
    if (member.key().starts_with(set_element_order_prefix)) directives.emplace_back(member.key());
  for (const std::string& directive : directives) {
    const value order_value = std::move(patch[directive]);
    patch.stable_erase(directive);
    const std::string name =
        directive_target(directive, set_element_order_prefix, "invalid patch format of setElementOrder list");
    const array* order = order_value.if_array();
    const value* live = original.if_contains(name);
    const value* patched = patch.if_contains(name);
    if (!order || (live && !live->is_array()) || (patched && !patched->is_array()))
      malformed("invalid patch format of setElementOrder list: " + directive);
    if (!live && !patched) continue;

    const field_meta* field = schema ? schema->field(name) : nullptr;
    const std::string_view key = field ? field->merge_key : std::string_view{};
    const array server_order = live ? live->get_array() : array{};
    array merged;
    if (patched) {
      check_order(patched->get_array(), *order, key);
      merged =
          live ? merge_field_list(server_order, patched->get_array(), field, false) : plain_list(patched->get_array());
      patch.stable_erase(name);
    } else {
      merged = server_order;
    }
    original[name] = order_elements(merged, *order, server_order, key);
  }
}

value merge_map(object original, object patch, const schema_node* schema) {
  if (const value* directive = patch.if_contains(directive_marker)) {
    if (is(*directive, "replace")) {
      patch.stable_erase(directive_marker);
      return *plain(std::move(patch));
    }
    if (is(*directive, "delete")) return object{};
    malformed("unknown patch type: " + show(*directive) + " in map: " + show(patch));
  }
  apply_retain_keys(original, patch);
  apply_element_orders(original, patch, schema);

  for (auto& member : patch) {
    const bool delete_list = member.key().starts_with(delete_from_primitive_list_prefix);
    const std::string name = delete_list ? directive_target(member.key(), delete_from_primitive_list_prefix,
                                                            "invalid patch format of primitive list")
                                         : std::string(member.key());
    value& patched = member.value();
    if (patched.is_null()) {
      original.stable_erase(name);
      continue;
    }
    const field_meta* field = schema ? schema->field(name) : nullptr;
    auto live = original.find(name);
    if (live != original.end() && live->value().is_object() && patched.is_object()) {
      live->value() = merge_map(std::move(live->value().get_object()), std::move(patched.get_object()),
                                field ? field->type : nullptr);
    } else if (live != original.end() && live->value().is_array() && patched.is_array()) {
      live->value() =
          merge_field_list(std::move(live->value().get_array()), std::move(patched.get_array()), field, delete_list);
    } else if (!delete_list) {
      if (auto v = plain(std::move(patched)))
        original[name] = std::move(*v);
      else
        original.stable_erase(name);
    }
  }
  return original;
}

}  // namespace

patch_result strategic_merge_patch(const value& target, const value& patch, const schema_node* schema) {
  return detail::guarded([&] {
    if (!target.is_object()) unappliable("the object to patch is not a JSON object");
    if (!patch.is_object()) malformed("invalid JSON document: a strategic merge patch must be a JSON object");
    return merge_map(target.get_object(), patch.get_object(), schema);
  });
}

}  // namespace navarch::patch
