#include "runtime/images/reference.hpp"

#include "runtime/images/digest.hpp"
#include "runtime/images/image_error.hpp"

namespace navarch::images {
namespace {

[[noreturn]] void bad(std::string_view ref, const std::string& why) {
  throw image_error(image_errc::invalid_reference, "invalid image reference \"" + std::string(ref) + "\": " + why);
}

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// One path component: lowercase alphanumerics joined by '.', '_', "__" or runs of '-' (distribution's grammar).
bool valid_component(std::string_view c) {
  if (c.empty() || !is_lower_alnum(c.front()) || !is_lower_alnum(c.back())) return false;
  for (std::size_t i = 0; i < c.size(); ++i) {
    char ch = c[i];
    if (is_lower_alnum(ch) || ch == '-') continue;
    if (ch != '.' && ch != '_') return false;
    if (!is_lower_alnum(c[i - 1])) return false;  // "a._b", "a.-b"
    if (ch == '_' && i + 1 < c.size() && c[i + 1] == '_') {
      ++i;  // "__" is one separator
      if (!is_lower_alnum(c[i + 1])) return false;
    } else if (!is_lower_alnum(c[i + 1])) {
      return false;
    }
  }
  return true;
}

bool valid_tag(std::string_view t) {
  if (t.empty() || t.size() > 128) return false;
  auto word = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; };
  if (!word(t.front())) return false;
  for (char c : t)
    if (!word(c) && c != '.' && c != '-') return false;
  return true;
}

bool valid_domain(std::string_view d) {
  if (d.empty()) return false;
  for (char c : d)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
          c == ':' || c == '[' || c == ']'))
      return false;
  return true;
}

}  // namespace

std::string image_reference::name() const { return domain + "/" + repository; }

std::string image_reference::str() const {
  std::string s = name();
  if (!tag.empty()) s += ":" + tag;
  if (!digest.empty()) s += "@" + digest;
  return s;
}

image_reference parse_reference(std::string_view ref) {
  if (ref.empty()) bad(ref, "empty");
  if (ref.size() > 4096) bad(ref, "longer than 4096 characters");
  image_reference out;
  std::string_view rest = ref;
  if (auto at = rest.find('@'); at != std::string_view::npos) {
    out.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
    if (!is_sha256_digest(out.digest)) bad(ref, "the digest must be sha256:<64 lowercase hex digits>");
  }
  // A tag is a ':' after the last '/', so "localhost:5000/app" has none.
  auto slash = rest.rfind('/');
  auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    out.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (!valid_tag(out.tag)) bad(ref, "invalid tag \"" + out.tag + "\"");
  }
  // The first component is a registry if it looks like a host: has '.' or ':', is "localhost", or has capitals.
  slash = rest.find('/');
  std::string_view path = rest;
  out.domain = "docker.io";
  if (slash != std::string_view::npos) {
    auto first = rest.substr(0, slash);
    bool has_upper = first.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos;
    if (first.find_first_of(".:") != std::string_view::npos || first == "localhost" || has_upper) {
      if (!valid_domain(first)) bad(ref, "invalid registry host \"" + std::string(first) + "\"");
      out.domain = std::string(first);
      path = rest.substr(slash + 1);
    }
  }
  if (out.domain == "index.docker.io") out.domain = "docker.io";
  if (path.empty()) bad(ref, "no repository name");
  for (std::size_t pos = 0;;) {
    auto next = path.find('/', pos);
    auto comp = path.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    if (!valid_component(comp)) {
      bad(ref, "repository name component \"" + std::string(comp) +
                   "\" must be lowercase letters and digits, separated by '.', '_', '__' or '-'");
    }
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  out.repository = std::string(path);
  if (out.domain == "docker.io" && out.repository.find('/') == std::string::npos) out.repository = "library/" + out.repository;
  if (out.tag.empty() && out.digest.empty()) out.tag = "latest";
  if (out.name().size() > 255) bad(ref, "the name is longer than 255 characters");
  return out;
}

std::string normalize_reference(std::string_view ref) { return parse_reference(ref).str(); }

}  // namespace navarch::images
