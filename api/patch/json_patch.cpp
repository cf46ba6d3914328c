#include "api/patch/json_patch.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "api/patch/failure.hpp"
#include "api/patch/json_equal.hpp"

namespace navarch::patch {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using detail::malformed;
using detail::unappliable;

// An RFC 6901 pointer: its text (for messages) and its unescaped reference tokens; no token is the whole document.
struct pointer {
  std::string text;
  std::vector<std::string> tokens;
};

pointer parse_pointer(std::string_view text) {
  pointer p{std::string(text), {}};
  if (text.empty()) return p;
  if (text.front() != '/') malformed("JSON pointer \"" + p.text + "\" must be empty or start with '/'");
  p.tokens.emplace_back();
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '/') {
      p.tokens.emplace_back();
    } else if (text[i] != '~') {
      p.tokens.back() += text[i];
    } else if (i + 1 < text.size() && (text[i + 1] == '0' || text[i + 1] == '1')) {
      p.tokens.back() += text[++i] == '0' ? '~' : '/';
    } else {
      malformed("JSON pointer \"" + p.text + "\" has an invalid escape: '~' must be followed by '0' or '1'");
    }
  }
  return p;
}

// The array position a token names. `insertion` also admits the end of the array, as a number or as "-".
std::size_t array_index(const std::string& token, std::size_t size, bool insertion, const pointer& p) {
  if (insertion && token == "-") return size;
  std::size_t index = 0;
  const char* end = token.data() + token.size();
  const bool leading_zero = token.size() > 1 && token.front() == '0';
  const auto [stop, error] = std::from_chars(token.data(), end, index);
  if (token.empty() || leading_zero || error != std::errc{} || stop != end)
    unappliable("path " + p.text + ": \"" + token + "\" is not a valid array index");
  if (index > size || (index == size && !insertion))
    unappliable("path " + p.text + ": array index " + token + " is out of bounds (size " + std::to_string(size) + ")");
  return index;
}

// The value named by the first `depth` tokens of `p`; it must exist.
value& resolve(value& doc, const pointer& p, std::size_t depth) {
  value* current = &doc;
  for (std::size_t i = 0; i < depth; ++i) {
    const std::string& token = p.tokens[i];
    if (auto* members = current->if_object()) {
      auto it = members->find(token);
      if (it == members->end()) unappliable("path " + p.text + " does not exist");
      current = &it->value();
    } else if (auto* elements = current->if_array()) {
      current = &(*elements)[array_index(token, elements->size(), false, p)];
    } else {
      unappliable("path " + p.text + " does not exist");
    }
  }
  return *current;
}

value& resolve(value& doc, const pointer& p) { return resolve(doc, p, p.tokens.size()); }

// The container holding the value `p` names, for operations that insert or remove there.
value& parent_of(value& doc, const pointer& p) {
  value& parent = resolve(doc, p, p.tokens.size() - 1);
  if (!parent.is_structured()) unappliable("path " + p.text + " does not exist: its parent is not an object or array");
  return parent;
}

void add(value& doc, const pointer& p, value v) {
  if (p.tokens.empty()) {
    doc = std::move(v);
    return;
  }
  value& parent = parent_of(doc, p);
  if (auto* members = parent.if_object()) {
    (*members)[p.tokens.back()] = std::move(v);
  } else {
    auto& elements = parent.get_array();
    elements.insert(elements.begin() + array_index(p.tokens.back(), elements.size(), true, p), std::move(v));
  }
}

value remove(value& doc, const pointer& p) {
  if (p.tokens.empty()) unappliable("cannot remove the whole document");
  value& parent = parent_of(doc, p);
  if (auto* members = parent.if_object()) {
    auto it = members->find(p.tokens.back());
    if (it == members->end()) unappliable("path " + p.text + " does not exist");
    value removed = std::move(it->value());
    members->stable_erase(it);
    return removed;
  }
  auto& elements = parent.get_array();
  auto it = elements.begin() + array_index(p.tokens.back(), elements.size(), false, p);
  value removed = std::move(*it);
  elements.erase(it);
  return removed;
}

const value& member(const object& operation, std::string_view name, std::size_t index) {
  const value* v = operation.if_contains(name);
  if (!v) malformed("operation " + std::to_string(index) + " has no \"" + std::string(name) + "\" member");
  return *v;
}

std::string_view string_member(const object& operation, std::string_view name, std::size_t index) {
  const value& v = member(operation, name, index);
  if (!v.is_string())
    malformed("operation " + std::to_string(index) + ": \"" + std::string(name) + "\" must be a string");
  return v.get_string();
}

void apply_operation(value& doc, const value& operation, std::size_t index) {
  const object* op = operation.if_object();
  if (!op) malformed("operation " + std::to_string(index) + " is not a JSON object");
  const std::string_view name = string_member(*op, "op", index);
  const pointer path = parse_pointer(string_member(*op, "path", index));
  if (name == "add") {
    add(doc, path, member(*op, "value", index));
  } else if (name == "remove") {
    remove(doc, path);
  } else if (name == "replace") {
    const value& v = member(*op, "value", index);
    resolve(doc, path) = v;
  } else if (name == "move" || name == "copy") {
    const pointer from = parse_pointer(string_member(*op, "from", index));
    if (name == "copy") {
      add(doc, path, resolve(doc, from));
    } else if (path.text == from.text) {
      resolve(doc, from);  // a no-op, but the location must exist
    } else if (path.text.starts_with(from.text + "/")) {
      unappliable("cannot move " + from.text + " into its own child " + path.text);
    } else {
      add(doc, path, remove(doc, from));
    }
  } else if (name == "test") {
    const value& expected = member(*op, "value", index);
    if (!json_equal(resolve(doc, path), expected))
      unappliable("test operation failed: the value at " + path.text + " is not " + boost::json::serialize(expected));
  } else {
    malformed("operation " + std::to_string(index) + " has unknown op \"" + std::string(name) + "\"");
  }
}

}  // namespace

patch_result json_patch(const value& target, const value& operations) {
  return detail::guarded([&] {
    const array* ops = operations.if_array();
    if (!ops) malformed("a JSON patch must be a JSON array of operations");
    value doc = target;
    for (std::size_t i = 0; i < ops->size(); ++i) apply_operation(doc, (*ops)[i], i);
    return doc;
  });
}

}  // namespace navarch::patch
