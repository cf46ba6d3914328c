#include "runtime/images/image_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>

#include "runtime/images/digest.hpp"
#include "runtime/images/image_error.hpp"
#include "runtime/images/layer_unpack.hpp"
#include "runtime/images/reference.hpp"

namespace navarch::images {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t max_json_blob = 8 << 20;  // manifests and configs are kilobytes; refuse absurd ones

[[noreturn]] void fail(image_errc kind, const std::string& why) { throw image_error(kind, why); }

std::string read_text(const fs::path& p, std::size_t limit) {
  std::ifstream in(p, std::ios::binary);
  if (!in) fail(image_errc::io, "cannot read " + p.string());
  std::string s;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    s.append(buf, static_cast<std::size_t>(in.gcount()));
    if (s.size() > limit) fail(image_errc::bad_layout, p.string() + " is larger than " + std::to_string(limit) + " bytes");
  }
  return s;
}

void write_atomically(const fs::path& p, std::string_view content) {
  fs::path tmp = p;
  tmp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) fail(image_errc::io, "cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    fail(image_errc::io, "cannot replace " + p.string() + ": " + ec.message());
  }
}

// Removes a directory tree when the scope ends (staging areas are never left behind).
struct tree_guard {
  fs::path path;
  ~tree_guard() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

// Serialises index.json read-modify-write cycles across processes sharing the store.
class index_lock {
public:
  explicit index_lock(const fs::path& root) : fd_(::open((root / "index.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) fail(image_errc::io, "cannot lock " + (root / "index.lock").string());
  }
  ~index_lock() { ::close(fd_); }
  index_lock(const index_lock&) = delete;
  index_lock& operator=(const index_lock&) = delete;

private:
  int fd_;
};

std::string image_name_of(const descriptor& d) {
  auto it = d.annotations.find(std::string(annotation_containerd_name));
  return it == d.annotations.end() ? std::string() : it->second;
}

// The normalised reference an imported index.json entry is stored under.
std::string entry_name(const descriptor& d, std::string_view name, std::size_t i) {
  if (auto n = image_name_of(d); !n.empty()) return normalize_reference(n);
  auto it = d.annotations.find(std::string(annotation_ref_name));
  if (it != d.annotations.end() && it->second.find_first_of("/:@") != std::string::npos)
    return normalize_reference(it->second);
  if (name.empty()) {
    fail(image_errc::bad_layout, "index.json entry " + std::to_string(i) + " (" + d.digest +
                                     ") carries no image name; give one (navarch image import PATH NAME)");
  }
  auto base = parse_reference(name);
  if (it != d.annotations.end()) {  // a bare tag: join it to the given name
    base.tag = it->second;
    base.digest.clear();
    return parse_reference(base.name() + ":" + base.tag).str();
  }
  return base.str();
}

// A blob copied into staging, hashed on the way and checked against its descriptor.
fs::path copy_verified_blob(const fs::path& src, const descriptor& d, const fs::path& staging) {
  if (!fs::is_regular_file(src))
    fail(image_errc::bad_layout, "blob " + d.digest + " (" + d.media_type + ") is missing from the layout");
  fs::path dst = staging / digest_hex(d.digest);
  std::ifstream in(src, std::ios::binary);
  std::ofstream out(dst, std::ios::binary | std::ios::trunc);
  if (!in || !out) fail(image_errc::io, "cannot copy blob " + d.digest);
  sha256_hasher h;
  std::int64_t size = 0;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    auto n = in.gcount();
    h.update(buf, static_cast<std::size_t>(n));
    out.write(buf, n);
    size += n;
  }
  if (in.bad() || !out.flush()) fail(image_errc::io, "cannot copy blob " + d.digest);
  auto got = h.finish();
  if (got != d.digest || size != d.size) {
    fail(image_errc::corrupt_blob, "blob " + d.digest + " is corrupt: its content has digest " + got + " and size " +
                                       std::to_string(size) + ", the descriptor says size " + std::to_string(d.size));
  }
  return dst;
}

}  // namespace

std::string missing_image_message(std::string_view ref) {
  std::string full;
  try {
    full = normalize_reference(ref);
  } catch (const image_error&) {
  }
  std::string shown = "\"" + std::string(ref) + "\"";
  if (!full.empty() && full != ref) shown += " (" + full + ")";
  return "image " + shown +
         " is not in this node's local image store, and Navarch does not pull from registries: add it with "
         "`navarch image import PATH` (an OCI layout directory or tarball)";
}

image_store::image_store(fs::path root, image_store_options options) : options_(options) {
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) fail(image_errc::io, "cannot create the image store at " + root.string() + ": " + ec.message());
  // Canonical (symlink-free) so layer extraction can refuse every symlink it meets on the way.
  root_ = fs::canonical(root);
  for (auto sub : {"blobs/sha256", "layers", "flat", "tmp"}) {
    fs::create_directories(root_ / sub, ec);
    if (ec) fail(image_errc::io, "cannot create " + (root_ / sub).string() + ": " + ec.message());
  }
  // Leftovers of a crash; recent entries may belong to another process that is importing right now.
  auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (auto& e : fs::directory_iterator(root_ / "tmp", ec))
    if (fs::last_write_time(e.path(), ec) < cutoff) fs::remove_all(e.path(), ec);
  if (!fs::exists(root_ / "oci-layout")) write_atomically(root_ / "oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
  if (!fs::exists(root_ / "index.json")) write_atomically(root_ / "index.json", to_json(image_index{}));
}

fs::path image_store::blob_path(std::string_view digest) const { return root_ / "blobs" / "sha256" / digest_hex(digest); }

bool image_store::has_blob(std::string_view digest) const {
  return is_sha256_digest(digest) && fs::is_regular_file(blob_path(digest));
}

std::string image_store::read_blob(std::string_view digest) const {
  auto p = blob_path(digest);
  if (!fs::exists(p)) fail(image_errc::not_found, "blob " + std::string(digest) + " is missing from the image store");
  return read_text(p, max_json_blob);
}

image_index image_store::read_index() const {
  auto p = root_ / "index.json";
  return parse_index(read_text(p, max_json_blob), p.string());
}

void image_store::write_index(const image_index& index) const { write_atomically(root_ / "index.json", to_json(index)); }

fs::path image_store::make_temp_dir(std::string_view prefix) const {
  std::string tmpl = (root_ / "tmp" / (std::string(prefix) + "XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) fail(image_errc::io, "cannot create a directory in " + (root_ / "tmp").string() + ": " + std::strerror(errno));
  ::chmod(tmpl.c_str(), 0755);  // it may become a layer's root directory
  return tmpl;
}

std::vector<std::string> image_store::import_layout(const fs::path& path, std::string_view name) {
  std::lock_guard lock(mu_);
  tree_guard archive_dir, staging{make_temp_dir("import-")};
  fs::path layout = path;
  if (fs::is_regular_file(path)) {
    archive_dir.path = make_temp_dir("archive-");
    extract_layout_tarball(path, archive_dir.path);
    layout = archive_dir.path;
    // A tarball of the directory itself ("tar cf x.tar mylayout/") has the layout one level down.
    if (!fs::exists(layout / "oci-layout")) {
      std::vector<fs::path> dirs;
      for (auto& e : fs::directory_iterator(layout))
        if (e.is_directory()) dirs.push_back(e.path());
      if (dirs.size() == 1) layout = dirs.front();
    }
  } else if (!fs::is_directory(path)) {
    fail(image_errc::not_found, path.string() + ": no such file or directory");
  }
  if (!fs::is_regular_file(layout / "oci-layout"))
    fail(image_errc::bad_layout, path.string() + " is not an OCI image layout (it has no oci-layout file)");
  auto index = parse_index(read_text(layout / "index.json", max_json_blob), path.string() + "/index.json");
  if (index.manifests.empty()) fail(image_errc::bad_layout, path.string() + "/index.json lists no images");

  std::map<std::string, fs::path> staged;  // digest -> verified copy
  auto stage = [&](const descriptor& d) {
    if (has_blob(d.digest) || staged.count(d.digest)) return;
    staged[d.digest] = copy_verified_blob(layout / "blobs" / "sha256" / digest_hex(d.digest), d, staging.path);
  };
  auto json_blob = [&](const descriptor& d) {
    if (d.size > static_cast<std::int64_t>(max_json_blob)) fail(image_errc::bad_layout, "blob " + d.digest + " is too large for JSON");
    stage(d);
    auto it = staged.find(d.digest);
    return it != staged.end() ? read_text(it->second, max_json_blob) : read_blob(d.digest);
  };

  std::vector<std::pair<std::string, descriptor>> names;
  for (std::size_t i = 0; i < index.manifests.size(); ++i) {
    const auto& top = index.manifests[i];
    std::string ref = entry_name(top, name, i);
    descriptor m = top;
    if (is_index_media_type(top.media_type)) {  // multi-platform: keep only this machine's manifest
      auto nested = parse_index(json_blob(top), "image index " + top.digest);
      auto arch = host_architecture();
      auto it = std::find_if(nested.manifests.begin(), nested.manifests.end(), [&](const descriptor& c) {
        return c.platform_os == "linux" && c.platform_architecture == arch;
      });
      if (it == nested.manifests.end()) fail(image_errc::bad_layout, ref + " has no linux/" + arch + " image");
      m = *it;
    }
    if (!is_manifest_media_type(m.media_type))
      fail(image_errc::bad_layout, ref + ": unsupported manifest media type \"" + m.media_type + "\"");
    auto manifest = parse_manifest(json_blob(m), "manifest " + m.digest);
    parse_config(json_blob(manifest.config), "config " + manifest.config.digest);
    for (auto& layer : manifest.layers) stage(layer);
    m.annotations = {{std::string(annotation_containerd_name), ref},
                     {std::string(annotation_ref_name), parse_reference(ref).tag}};
    m.platform_os.clear();
    m.platform_architecture.clear();
    m.platform_variant.clear();
    names.emplace_back(ref, std::move(m));
  }

  // Everything is verified: publish blobs first, then the names that point at them.
  for (auto& [digest, file] : staged) {
    std::error_code ec;
    fs::rename(file, blob_path(digest), ec);
    if (ec) fail(image_errc::io, "cannot store blob " + digest + ": " + ec.message());
  }
  index_lock file_lock(root_);
  auto stored = read_index();
  std::vector<std::string> refs;
  for (auto& [ref, d] : names) {
    std::erase_if(stored.manifests, [&](const descriptor& e) { return image_name_of(e) == ref; });
    stored.manifests.push_back(d);
    refs.push_back(ref);
  }
  write_index(stored);
  return refs;
}

void image_store::tag(std::string_view ref, std::string_view manifest_digest) {
  std::lock_guard lock(mu_);
  auto full = parse_reference(ref);
  full.digest.clear();
  if (full.tag.empty()) full.tag = "latest";
  auto manifest_json = read_blob(manifest_digest);
  parse_manifest(manifest_json, "manifest " + std::string(manifest_digest));
  descriptor d;
  d.media_type = media_type::oci_manifest;
  d.digest = std::string(manifest_digest);
  d.size = static_cast<std::int64_t>(manifest_json.size());
  d.annotations = {{std::string(annotation_containerd_name), full.str()}, {std::string(annotation_ref_name), full.tag}};
  index_lock file_lock(root_);
  auto stored = read_index();
  std::erase_if(stored.manifests, [&](const descriptor& e) { return image_name_of(e) == full.str(); });
  stored.manifests.push_back(std::move(d));
  write_index(stored);
}

bool image_store::untag(std::string_view ref) {
  std::lock_guard lock(mu_);
  auto full = normalize_reference(ref);
  index_lock file_lock(root_);
  auto stored = read_index();
  if (!std::erase_if(stored.manifests, [&](const descriptor& e) { return image_name_of(e) == full; })) return false;
  write_index(stored);
  return true;
}

std::string image_store::resolve_locked(std::string_view ref) const {
  auto parsed = parse_reference(ref);
  if (!parsed.digest.empty()) {
    if (has_blob(parsed.digest)) return parsed.digest;
    fail(image_errc::not_found, missing_image_message(ref));
  }
  auto full = parsed.str();
  for (auto& d : read_index().manifests)
    if (image_name_of(d) == full) return d.digest;
  fail(image_errc::not_found, missing_image_message(ref));
}

std::string image_store::resolve(std::string_view ref) const {
  std::lock_guard lock(mu_);
  return resolve_locked(ref);
}

bool image_store::has_image(std::string_view ref) const {
  try {
    resolve(ref);
    return true;
  } catch (const image_error&) {
    return false;
  }
}

image_info image_store::inspect_locked(std::string_view ref) const {
  image_info info;
  info.reference = normalize_reference(ref);
  info.manifest_digest = resolve_locked(ref);
  info.manifest = parse_manifest(read_blob(info.manifest_digest), "manifest " + info.manifest_digest);
  info.config = parse_config(read_blob(info.manifest.config.digest), "config " + info.manifest.config.digest);
  return info;
}

image_info image_store::inspect(std::string_view ref) const {
  std::lock_guard lock(mu_);
  return inspect_locked(ref);
}

std::vector<std::pair<std::string, std::string>> image_store::list() const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& d : read_index().manifests)
    if (auto n = image_name_of(d); !n.empty()) out.emplace_back(n, d.digest);
  std::sort(out.begin(), out.end());
  return out;
}

bool image_store::overlay_capable() {
  if (overlay_capable_) return *overlay_capable_;
  tree_guard probe{make_temp_dir("probe-")};
  const char* step = "mknod a 0/0 character device";
  bool ok = ::mknod((probe.path / "whiteout").c_str(), S_IFCHR | 0, makedev(0, 0)) == 0;
  if (ok) {
    step = "set trusted.overlay.opaque";
    ok = ::lsetxattr(probe.path.c_str(), "trusted.overlay.opaque", "y", 1, 0) == 0;
  }
  if (!ok) {
    overlay_note_ = std::string("cannot ") + step + " in " + root_.string() + " (" + std::strerror(errno) +
                    "; overlay layers need root): each image is flattened into one directory instead";
  }
  overlay_capable_ = ok;
  return ok;
}

fs::path image_store::unpack_one(const descriptor& layer) {
  fs::path dir = root_ / "layers" / digest_hex(layer.digest);
  if (fs::is_directory(dir)) return dir;
  tree_guard tmp{make_temp_dir("layer-")};
  unpack_layer(blob_path(layer.digest), layer.digest, tmp.path, {unpack_mode::overlay, true});
  if (::rename(tmp.path.c_str(), dir.c_str()) == 0)
    tmp.path.clear();
  else if (!fs::is_directory(dir))  // losing a race with another process is fine; anything else is not
    fail(image_errc::io, "cannot store unpacked layer " + layer.digest + ": " + std::strerror(errno));
  return dir;
}

fs::path image_store::flatten(const image_info& image) {
  fs::path dir = root_ / "flat" / digest_hex(image.manifest_digest);
  if (fs::is_directory(dir)) return dir;
  tree_guard tmp{make_temp_dir("flat-")};
  for (auto& layer : image.manifest.layers)
    unpack_layer(blob_path(layer.digest), layer.digest, tmp.path, {unpack_mode::flatten, ::geteuid() == 0});
  if (::rename(tmp.path.c_str(), dir.c_str()) == 0)
    tmp.path.clear();
  else if (!fs::is_directory(dir))
    fail(image_errc::io, "cannot store flattened image " + image.reference + ": " + std::strerror(errno));
  return dir;
}

rootfs_layers_result image_store::rootfs_layers(std::string_view ref) {
  std::lock_guard lock(mu_);
  auto info = inspect_locked(ref);
  rootfs_layers_result out;
  if (options_.force_flatten || !overlay_capable()) {
    out.flattened = true;
    out.note = options_.force_flatten ? "flattening was requested" : overlay_note_;
    out.lower_dirs.push_back(flatten(info));
    return out;
  }
  for (auto it = info.manifest.layers.rbegin(); it != info.manifest.layers.rend(); ++it)
    out.lower_dirs.push_back(unpack_one(*it));
  return out;
}

}  // namespace navarch::images
