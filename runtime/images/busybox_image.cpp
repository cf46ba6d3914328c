#include "runtime/images/busybox_image.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "runtime/images/digest.hpp"
#include "runtime/images/image_error.hpp"
#include "runtime/images/image_store.hpp"
#include "runtime/images/oci_types.hpp"

extern char** environ;

namespace navarch::images {
namespace fs = std::filesystem;
namespace {

constexpr time_t fixed_mtime = 1704067200;  // 2024-01-01T00:00:00Z: a constant keeps the layer digest stable

[[noreturn]] void fail(const std::string& why) { throw image_error(image_errc::io, "building the busybox image: " + why); }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) fail("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// `busybox --list`, run directly (no shell) with its output through a pipe.
std::vector<std::string> list_applets(const fs::path& busybox) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) fail("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  std::string path = busybox.string();
  char* argv[] = {path.data(), const_cast<char*>("--list"), nullptr};
  pid_t pid;
  int rc = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  std::string out;
  if (rc == 0) {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
      if (n > 0) out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  if (rc != 0) fail("cannot run " + path + ": " + std::strerror(rc) + " (install busybox-static)");
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) fail(path + " --list failed");
  std::vector<std::string> applets;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line != "busybox" && line.find('/') == std::string::npos) applets.push_back(line);
  if (applets.empty()) fail(path + " --list printed no applets");
  return applets;
}

struct writer_deleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
using writer_ptr = std::unique_ptr<archive, writer_deleter>;
struct entry_deleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

la_ssize_t append_to_string(archive*, void* out, const void* buf, size_t n) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

class tar_builder {
public:
  tar_builder() : a_(archive_write_new()) {
    archive_write_set_format_pax_restricted(a_.get());
    archive_write_set_bytes_in_last_block(a_.get(), 1);
    if (archive_write_open(a_.get(), &out_, nullptr, &append_to_string, nullptr) != ARCHIVE_OK) fail("libarchive: cannot open");
  }
  void dir(const std::string& path, mode_t mode) { add(path, AE_IFDIR, mode, {}, {}); }
  void file(const std::string& path, mode_t mode, const std::string& content) { add(path, AE_IFREG, mode, content, {}); }
  void symlink(const std::string& path, const std::string& target) { add(path, AE_IFLNK, 0777, {}, target); }
  std::string finish() {
    if (archive_write_close(a_.get()) != ARCHIVE_OK) fail(std::string("libarchive: ") + archive_error_string(a_.get()));
    return std::move(out_);
  }

private:
  void add(const std::string& path, mode_t type, mode_t mode, const std::string& content, const std::string& link) {
    std::unique_ptr<archive_entry, entry_deleter> e(archive_entry_new());
    archive_entry_set_pathname(e.get(), path.c_str());
    archive_entry_set_filetype(e.get(), type);
    archive_entry_set_perm(e.get(), mode);
    archive_entry_set_uid(e.get(), 0);
    archive_entry_set_gid(e.get(), 0);
    archive_entry_set_mtime(e.get(), fixed_mtime, 0);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(content.size()));
    if (!link.empty()) archive_entry_set_symlink(e.get(), link.c_str());
    if (archive_write_header(a_.get(), e.get()) != ARCHIVE_OK ||
        (!content.empty() && archive_write_data(a_.get(), content.data(), content.size()) < 0))
      fail("libarchive: " + std::string(archive_error_string(a_.get())));
  }
  std::string out_;
  writer_ptr a_;
};

// gzip without a timestamp or file name, so equal input gives equal bytes.
std::string gzip(const std::string& data) {
  std::string out;
  writer_ptr a(archive_write_new());
  archive_write_set_format_raw(a.get());
  archive_write_add_filter_gzip(a.get());
  archive_write_set_filter_option(a.get(), "gzip", "timestamp", nullptr);
  if (archive_write_open(a.get(), &out, nullptr, &append_to_string, nullptr) != ARCHIVE_OK) fail("libarchive: cannot gzip");
  std::unique_ptr<archive_entry, entry_deleter> e(archive_entry_new());
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
  if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK || archive_write_data(a.get(), data.data(), data.size()) < 0 ||
      archive_write_close(a.get()) != ARCHIVE_OK)
    fail(std::string("libarchive: ") + archive_error_string(a.get()));
  return out;
}

descriptor write_blob(const fs::path& layout, std::string_view media_type, const std::string& content) {
  descriptor d;
  d.media_type = std::string(media_type);
  d.digest = sha256_digest(content);
  d.size = static_cast<std::int64_t>(content.size());
  std::ofstream out(layout / "blobs" / "sha256" / digest_hex(d.digest), std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out.flush()) fail("cannot write a blob into " + layout.string());
  return d;
}

}  // namespace

void write_busybox_layout(const fs::path& out_dir, const fs::path& busybox) {
  auto applets = list_applets(busybox);
  auto binary = read_file(busybox);

  tar_builder tar;
  for (auto d : {"bin", "dev", "etc", "home", "proc", "root", "sys", "usr", "var"}) tar.dir(d, d == std::string("root") ? 0700 : 0755);
  tar.dir("tmp", 01777);
  tar.file("bin/busybox", 0755, binary);
  std::set<std::string> unique(applets.begin(), applets.end());  // sorted: a stable entry order
  for (auto& applet : unique) tar.symlink("bin/" + applet, "busybox");
  tar.file("etc/passwd", 0644,
           "root:x:0:0:root:/root:/bin/sh\n"
           "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
           "nobody:x:65534:65534:nobody:/home:/bin/false\n");
  tar.file("etc/group", 0644,
           "root:x:0:\n"
           "daemon:x:1:\n"
           "nogroup:x:65534:\n");
  auto layer_tar = tar.finish();

  std::error_code ec;
  fs::create_directories(out_dir / "blobs" / "sha256", ec);
  if (ec) fail("cannot create " + out_dir.string() + ": " + ec.message());
  auto layer = write_blob(out_dir, media_type::oci_layer_gzip, gzip(layer_tar));

  image_config config;
  config.os = "linux";
  config.architecture = host_architecture();
  config.env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
  config.cmd = {"sh"};
  config.diff_ids = {sha256_digest(layer_tar)};
  image_manifest manifest;
  manifest.config = write_blob(out_dir, media_type::oci_config, to_json(config));
  manifest.layers = {layer};
  auto top = write_blob(out_dir, media_type::oci_manifest, to_json(manifest));
  top.annotations = {{std::string(annotation_containerd_name), busybox_image_name},
                     {std::string(annotation_ref_name), "latest"}};

  std::ofstream(out_dir / "oci-layout") << R"({"imageLayoutVersion":"1.0.0"})";
  std::ofstream index(out_dir / "index.json");
  index << to_json(image_index{{top}});
  if (!index.flush()) fail("cannot write " + (out_dir / "index.json").string());
}

std::string build_busybox_image(image_store& store, const fs::path& busybox) {
  std::string tmpl = (store.root() / "tmp" / "busybox-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) fail("cannot create a staging directory in " + store.root().string());
  struct cleanup {
    fs::path p;
    ~cleanup() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } guard{tmpl};
  write_busybox_layout(guard.p, busybox);
  store.import_layout(guard.p);
  return store.resolve(busybox_image_name);
}

void ensure_busybox_image(image_store& store, const fs::path& busybox) {
  if (!store.has_image(busybox_image_name)) build_busybox_image(store, busybox);
}

}  // namespace navarch::images
