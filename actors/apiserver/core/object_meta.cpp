#include "actors/apiserver/core/object_meta.hpp"

#include <charconv>
#include <cstdio>
#include <random>

#include <boost/json.hpp>

namespace navarch::api {

namespace json = boost::json;

namespace {
std::mt19937_64& rng() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return gen;
}
}  // namespace

std::string new_uid() {
  uint64_t hi = rng()(), lo = rng()();
  hi = (hi & ~0xf000ULL) | 0x4000ULL;                          // version 4
  lo = (lo & ~(0xc000ULL << 48)) | (0x8000ULL << 48);          // RFC 4122 variant
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

std::string random_suffix(size_t length) {
  // Kubernetes avoids vowels (no accidental words) and confusable characters.
  static constexpr std::string_view alphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string s;
  for (size_t i = 0; i < length; ++i) s += alphabet[pick(rng())];
  return s;
}

json::object* metadata_of(json::value& obj) {
  auto* o = obj.if_object();
  if (!o) return nullptr;
  auto& m = (*o)["metadata"];
  if (!m.is_object()) m = json::object{};
  return &m.as_object();
}

const json::object* metadata_of(const json::value& obj) {
  const auto* o = obj.if_object();
  if (!o) return nullptr;
  auto it = o->find("metadata");
  return it == o->end() ? nullptr : it->value().if_object();
}

const json::object* metadata_of(const json::object& obj) {
  auto it = obj.find("metadata");
  return it == obj.end() ? nullptr : it->value().if_object();
}

std::string_view string_field(const json::object* o, std::string_view key) {
  if (!o) return {};
  auto it = o->find(key);
  if (it == o->end() || !it->value().is_string()) return {};
  return it->value().get_string();
}

bool spec_changed(const json::object& a, const json::object& b) {
  auto rest = [](const json::object& o) {
    json::object r = o;
    r.erase("metadata");
    r.erase("status");
    return r;
  };
  return rest(a) != rest(b);
}

int64_t parse_resource_version(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || v < 0) return -1;
  return v;
}

}  // namespace navarch::api
