#include "runtime/images/oci_types.hpp"

#include <sys/utsname.h>

#include <boost/json.hpp>

#include "runtime/images/digest.hpp"
#include "runtime/images/image_error.hpp"

namespace navarch::images {
namespace json = boost::json;
namespace {

[[noreturn]] void bad(std::string_view what, const std::string& why) {
  throw image_error(image_errc::bad_layout, std::string(what) + ": " + why);
}

// Built by appends: GCC 12 warns falsely (-Wrestrict) on `"\"" + std::string(x) + ...` at -O2.
std::string quoted(std::string_view s) {
  std::string r;
  r.reserve(s.size() + 2);
  r += '"';
  r += s;
  r += '"';
  return r;
}

json::object parse_object(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) bad(what, "invalid JSON: " + ec.message());
  if (!v.is_object()) bad(what, "expected a JSON object");
  return std::move(v.as_object());
}

std::string get_string(const json::object& o, std::string_view key, std::string_view what, bool required) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required) bad(what, "missing \"" + std::string(key) + "\"");
    return {};
  }
  if (!v->is_string()) bad(what, quoted(key) + " must be a string");
  return std::string(v->as_string());
}

std::vector<std::string> get_strings(const json::object& o, std::string_view key, std::string_view what) {
  std::vector<std::string> out;
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) bad(what, quoted(key) + " must be an array of strings");
  for (auto& e : v->as_array()) {
    if (!e.is_string()) bad(what, quoted(key) + " must be an array of strings");
    out.emplace_back(e.as_string());
  }
  return out;
}

const json::object* get_object(const json::object& o, std::string_view key, std::string_view what) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_object()) bad(what, quoted(key) + " must be an object");
  return &v->as_object();
}

descriptor parse_descriptor(const json::value& v, std::string_view what) {
  if (!v.is_object()) bad(what, "a descriptor must be an object");
  auto& o = v.as_object();
  descriptor d;
  d.media_type = get_string(o, "mediaType", what, true);
  d.digest = get_string(o, "digest", what, true);
  if (!is_sha256_digest(d.digest)) bad(what, "unsupported digest \"" + d.digest + "\" (only sha256 is accepted)");
  auto* size = o.if_contains("size");
  if (!size || !size->is_int64() || size->as_int64() < 0) bad(what, "descriptor " + d.digest + " needs a non-negative \"size\"");
  d.size = size->as_int64();
  if (auto* p = get_object(o, "platform", what)) {
    d.platform_os = get_string(*p, "os", what, false);
    d.platform_architecture = get_string(*p, "architecture", what, false);
    d.platform_variant = get_string(*p, "variant", what, false);
  }
  if (auto* a = get_object(o, "annotations", what)) {
    for (auto& [k, val] : *a) {
      if (!val.is_string()) bad(what, "annotation values must be strings");
      d.annotations.emplace(std::string(k), std::string(val.as_string()));
    }
  }
  return d;
}

const json::array& get_array(const json::object& o, std::string_view key, std::string_view what) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_array()) bad(what, "missing array \"" + std::string(key) + "\"");
  return v->as_array();
}

void check_schema_version(const json::object& o, std::string_view what) {
  auto* v = o.if_contains("schemaVersion");
  if (!v || !v->is_int64() || v->as_int64() != 2) bad(what, "\"schemaVersion\" must be 2");
}

json::object descriptor_json(const descriptor& d) {
  json::object o;
  o["mediaType"] = d.media_type;
  o["digest"] = d.digest;
  o["size"] = d.size;
  if (!d.platform_os.empty() || !d.platform_architecture.empty()) {
    json::object p;
    p["architecture"] = d.platform_architecture;
    p["os"] = d.platform_os;
    if (!d.platform_variant.empty()) p["variant"] = d.platform_variant;
    o["platform"] = std::move(p);
  }
  if (!d.annotations.empty()) {
    json::object a;
    for (auto& [k, v] : d.annotations) a[k] = v;
    o["annotations"] = std::move(a);
  }
  return o;
}

json::array strings_json(const std::vector<std::string>& v) {
  json::array a;
  for (auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

bool is_index_media_type(std::string_view mt) { return mt == media_type::oci_index || mt == media_type::docker_list; }

bool is_manifest_media_type(std::string_view mt) {
  return mt == media_type::oci_manifest || mt == media_type::docker_manifest;
}

bool is_layer_media_type(std::string_view mt) {
  for (std::string_view ok : {"application/vnd.oci.image.layer.v1.tar", "application/vnd.oci.image.layer.v1.tar+gzip",
                              "application/vnd.oci.image.layer.v1.tar+zstd",
                              "application/vnd.oci.image.layer.nondistributable.v1.tar",
                              "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
                              "application/vnd.docker.image.rootfs.diff.tar",
                              "application/vnd.docker.image.rootfs.diff.tar.gzip",
                              "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"})
    if (mt == ok) return true;
  return false;
}

image_index parse_index(std::string_view text, std::string_view what) {
  auto o = parse_object(text, what);
  check_schema_version(o, what);
  auto mt = get_string(o, "mediaType", what, false);
  if (!mt.empty() && !is_index_media_type(mt)) bad(what, "media type \"" + mt + "\" is not an image index");
  image_index out;
  for (auto& d : get_array(o, "manifests", what)) out.manifests.push_back(parse_descriptor(d, what));
  return out;
}

image_manifest parse_manifest(std::string_view text, std::string_view what) {
  auto o = parse_object(text, what);
  check_schema_version(o, what);
  auto mt = get_string(o, "mediaType", what, false);
  if (!mt.empty() && !is_manifest_media_type(mt)) bad(what, "media type \"" + mt + "\" is not an image manifest");
  auto* config = o.if_contains("config");
  if (!config) bad(what, "missing \"config\"");
  image_manifest out;
  out.config = parse_descriptor(*config, what);
  for (auto& d : get_array(o, "layers", what)) {
    out.layers.push_back(parse_descriptor(d, what));
    if (!is_layer_media_type(out.layers.back().media_type))
      bad(what, "layer " + out.layers.back().digest + " has unsupported media type \"" + out.layers.back().media_type + "\"");
  }
  return out;
}

image_config parse_config(std::string_view text, std::string_view what) {
  auto o = parse_object(text, what);
  image_config out;
  out.os = get_string(o, "os", what, false);
  out.architecture = get_string(o, "architecture", what, false);
  if (auto* c = get_object(o, "config", what)) {
    out.entrypoint = get_strings(*c, "Entrypoint", what);
    out.cmd = get_strings(*c, "Cmd", what);
    out.env = get_strings(*c, "Env", what);
    out.working_dir = get_string(*c, "WorkingDir", what, false);
    out.user = get_string(*c, "User", what, false);
  }
  if (auto* r = get_object(o, "rootfs", what)) out.diff_ids = get_strings(*r, "diff_ids", what);
  return out;
}

std::string to_json(const image_index& index) {
  json::object o;
  o["schemaVersion"] = 2;
  o["mediaType"] = media_type::oci_index;
  json::array m;
  for (auto& d : index.manifests) m.emplace_back(descriptor_json(d));
  o["manifests"] = std::move(m);
  return json::serialize(o);
}

std::string to_json(const image_manifest& manifest) {
  json::object o;
  o["schemaVersion"] = 2;
  o["mediaType"] = media_type::oci_manifest;
  o["config"] = descriptor_json(manifest.config);
  json::array layers;
  for (auto& d : manifest.layers) layers.emplace_back(descriptor_json(d));
  o["layers"] = std::move(layers);
  return json::serialize(o);
}

std::string to_json(const image_config& c) {
  json::object cfg;
  if (!c.entrypoint.empty()) cfg["Entrypoint"] = strings_json(c.entrypoint);
  if (!c.cmd.empty()) cfg["Cmd"] = strings_json(c.cmd);
  if (!c.env.empty()) cfg["Env"] = strings_json(c.env);
  if (!c.working_dir.empty()) cfg["WorkingDir"] = c.working_dir;
  if (!c.user.empty()) cfg["User"] = c.user;
  json::object o;
  o["architecture"] = c.architecture;
  o["os"] = c.os;
  o["config"] = std::move(cfg);
  json::object rootfs;
  rootfs["type"] = "layers";
  rootfs["diff_ids"] = strings_json(c.diff_ids);
  o["rootfs"] = std::move(rootfs);
  return json::serialize(o);
}

std::string host_architecture() {
  utsname u{};
  uname(&u);
  std::string_view m = u.machine;
  if (m == "x86_64") return "amd64";
  if (m == "aarch64") return "arm64";
  if (m == "i686" || m == "i386") return "386";
  if (m.substr(0, 3) == "arm") return "arm";
  return std::string(m);  // ppc64le, s390x, riscv64 match their GOARCH names
}

}  // namespace navarch::images
