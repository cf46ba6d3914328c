#include "runtime/images/layer_unpack.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "runtime/images/digest.hpp"
#include "runtime/images/image_error.hpp"

namespace navarch::images {
namespace fs = std::filesystem;
namespace {

struct archive_deleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct disk_deleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
using reader_ptr = std::unique_ptr<archive, archive_deleter>;
using disk_ptr = std::unique_ptr<archive, disk_deleter>;

[[noreturn]] void fail(image_errc kind, std::string_view what, const std::string& why) {
  throw image_error(kind, std::string(what) + ": " + why);
}

std::string errno_text() { return std::strerror(errno); }

// Reads the blob through a hash so a layer is verified in the same pass that unpacks it.
struct hashing_source {
  int fd = -1;
  sha256_hasher hash;
  char buf[1 << 16];
  ~hashing_source() {
    if (fd >= 0) ::close(fd);
  }
  static la_ssize_t read(archive*, void* self, const void** out) {
    auto* s = static_cast<hashing_source*>(self);
    ssize_t n;
    do n = ::read(s->fd, s->buf, sizeof s->buf);
    while (n < 0 && errno == EINTR);
    if (n > 0) s->hash.update(s->buf, static_cast<std::size_t>(n));
    *out = s->buf;
    return n;
  }
  // The tar end marker may come before the end of the file (padding); hash the rest too.
  void drain() {
    const void* ignored;
    while (read(nullptr, this, &ignored) > 0) {
    }
  }
};

reader_ptr open_reader(hashing_source& src, const fs::path& file, std::string_view what) {
  src.fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (src.fd < 0) fail(image_errc::io, what, "cannot open " + file.string() + ": " + errno_text());
  reader_ptr a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  if (archive_read_open(a.get(), &src, nullptr, &hashing_source::read, nullptr) != ARCHIVE_OK)
    fail(image_errc::bad_layout, what, std::string("not a tar archive: ") + archive_error_string(a.get()));
  return a;
}

// A tar path made relative and clean: "./a//b/" -> "a/b"; "" for the root itself. Refuses "/x" and "..".
std::string clean_entry_path(const char* raw, std::string_view what) {
  if (!raw) fail(image_errc::unsafe_layer, what, "a tar entry has no name");
  std::string_view p = raw;
  if (!p.empty() && p.front() == '/') fail(image_errc::unsafe_layer, what, "tar entry \"" + std::string(p) + "\" has an absolute path");
  std::string out;
  for (std::size_t pos = 0; pos <= p.size();) {
    auto next = p.find('/', pos);
    if (next == std::string_view::npos) next = p.size();
    auto comp = p.substr(pos, next - pos);
    if (comp == "..") fail(image_errc::unsafe_layer, what, "tar entry \"" + std::string(p) + "\" contains \"..\"");
    if (!comp.empty() && comp != ".") {
      if (!out.empty()) out += '/';
      out += comp;
    }
    pos = next + 1;
  }
  return out;
}

std::string parent_of(const std::string& rel) {
  auto slash = rel.rfind('/');
  return slash == std::string::npos ? std::string() : rel.substr(0, slash);
}

std::string base_of(const std::string& rel) {
  auto slash = rel.rfind('/');
  return slash == std::string::npos ? rel : rel.substr(slash + 1);
}

class layer_writer {
public:
  layer_writer(const fs::path& dest, std::string_view what, const unpack_options& opt)
      : dest_(dest), what_(what), opt_(opt), disk_(archive_write_disk_new()) {
    int flags = ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_XATTR | ARCHIVE_EXTRACT_UNLINK |
                ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT;
    if (opt.preserve_owner) flags |= ARCHIVE_EXTRACT_OWNER;
    // No name lookup: numeric ids from the tar are the image's ids, not the host's.
    archive_write_disk_set_options(disk_.get(), flags);
  }

  void entry(archive* in, archive_entry* e) {
    std::string rel = clean_entry_path(archive_entry_pathname(e), what_);
    if (rel.empty()) return;  // the layer's root directory
    std::string base = base_of(rel), parent = parent_of(rel);
    if (base.rfind(".wh.", 0) == 0) return whiteout(parent, base);

    prepare_parents(rel);
    fs::path target = dest_ / rel;
    auto type = archive_entry_filetype(e);
    if ((type == AE_IFCHR || type == AE_IFBLK) && !opt_.preserve_owner) return;  // unprivileged: no device nodes
    struct stat st{};
    if (::lstat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && type != AE_IFDIR) remove_tree(target);
    if (const char* link = archive_entry_hardlink(e)) {
      std::string link_rel = clean_entry_path(link, what_);
      if (link_rel.empty()) fail(image_errc::unsafe_layer, what_, "hard link \"" + rel + "\" points at the layer root");
      check_no_symlink_parents(link_rel, rel);
      archive_entry_set_hardlink(e, (dest_ / link_rel).c_str());
    }
    strip_overlay_xattrs(e);
    archive_entry_set_pathname(e, target.c_str());
    if (archive_write_header(disk_.get(), e) < ARCHIVE_WARN)
      fail(image_errc::io, what_, "cannot unpack \"" + rel + "\": " + archive_error_string(disk_.get()));
    if (archive_entry_size(e) > 0 && !archive_entry_hardlink(e)) copy_data(in, rel);
    if (archive_write_finish_entry(disk_.get()) < ARCHIVE_WARN)
      fail(image_errc::io, what_, "cannot unpack \"" + rel + "\": " + archive_error_string(disk_.get()));
    written_.insert(rel);
    if (type == AE_IFLNK) symlinks_.insert(rel);
  }

  // Directory permissions and times are fixed up at close.
  void finish() {
    if (archive_write_close(disk_.get()) < ARCHIVE_WARN)
      fail(image_errc::io, what_, std::string("cannot finish unpacking: ") + archive_error_string(disk_.get()));
  }

private:
  void copy_data(archive* in, const std::string& rel) {
    const void* buf;
    size_t size;
    la_int64_t offset;
    for (;;) {
      int r = archive_read_data_block(in, &buf, &size, &offset);
      if (r == ARCHIVE_EOF) return;
      if (r < ARCHIVE_WARN)
        fail(image_errc::corrupt_blob, what_, "cannot read \"" + rel + "\": " + archive_error_string(in));
      if (archive_write_data_block(disk_.get(), buf, size, offset) < ARCHIVE_WARN)
        fail(image_errc::io, what_, "cannot write \"" + rel + "\": " + archive_error_string(disk_.get()));
    }
  }

  // Every ancestor of `rel` becomes a real directory. A symlink this layer wrote is refused (it could point
  // anywhere on the host); in flatten mode a symlink or file from a lower layer is replaced by a directory,
  // which is what overlayfs shows when an upper directory covers a lower non-directory.
  void prepare_parents(const std::string& rel) {
    fs::path cur = dest_;
    std::string sofar;
    auto parent = parent_of(rel);
    for (std::size_t pos = 0; !parent.empty() && pos <= parent.size();) {
      auto next = parent.find('/', pos);
      if (next == std::string::npos) next = parent.size();
      auto comp = parent.substr(pos, next - pos);
      pos = next + 1;
      sofar += (sofar.empty() ? "" : "/") + comp;
      cur /= comp;
      struct stat st{};
      if (::lstat(cur.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) continue;
        if (S_ISLNK(st.st_mode) && (opt_.mode == unpack_mode::overlay || symlinks_.count(sofar)))
          fail(image_errc::unsafe_layer, what_,
               "tar entry \"" + rel + "\" would be written through the symlink \"" + sofar + "\"");
        if (::unlink(cur.c_str()) != 0) fail(image_errc::io, what_, "cannot replace " + sofar + ": " + errno_text());
      } else if (errno != ENOENT) {
        fail(image_errc::io, what_, "cannot inspect " + sofar + ": " + errno_text());
      }
      if (::mkdir(cur.c_str(), 0755) != 0) fail(image_errc::io, what_, "cannot create " + sofar + ": " + errno_text());
    }
  }

  void check_no_symlink_parents(const std::string& link_rel, const std::string& rel) {
    fs::path cur = dest_;
    std::string parent = parent_of(link_rel);
    for (auto& comp : fs::path(parent)) {
      cur /= comp;
      struct stat st{};
      if (::lstat(cur.c_str(), &st) == 0 && !S_ISDIR(st.st_mode))
        fail(image_errc::unsafe_layer, what_, "hard link \"" + rel + "\" -> \"" + link_rel + "\" goes through a non-directory");
    }
  }

  void whiteout(const std::string& parent, const std::string& base) {
    if (base == ".wh..wh..opq") {
      prepare_parents(parent + "/x");
      fs::path dir = dest_ / parent;
      if (opt_.mode == unpack_mode::overlay) {
        if (::lsetxattr(dir.c_str(), "trusted.overlay.opaque", "y", 1, 0) != 0)
          fail(image_errc::io, what_, "cannot mark \"" + parent + "\" opaque: " + errno_text());
      } else {
        for (auto& child : fs::directory_iterator(dir)) {
          auto child_rel = (parent.empty() ? "" : parent + "/") + child.path().filename().string();
          if (!written_.count(child_rel)) remove_tree(child.path());
        }
      }
      return;
    }
    if (base.rfind(".wh..wh.", 0) == 0) return;  // aufs bookkeeping (.wh..wh.plnk and friends)
    std::string name = base.substr(4);
    if (name.empty() || name == "." || name == "..") fail(image_errc::unsafe_layer, what_, "malformed whiteout \"" + base + "\"");
    std::string rel = parent.empty() ? name : parent + "/" + name;
    prepare_parents(rel);
    fs::path target = dest_ / rel;
    remove_tree(target);
    if (opt_.mode == unpack_mode::overlay && ::mknod(target.c_str(), S_IFCHR | 0, makedev(0, 0)) != 0)
      fail(image_errc::io, what_, "cannot create the whiteout for \"" + rel + "\": " + errno_text());
  }

  void remove_tree(const fs::path& p) {
    std::error_code ec;
    fs::remove_all(p, ec);
    if (ec) fail(image_errc::io, what_, "cannot remove " + p.string() + ": " + ec.message());
  }

  // A layer must not smuggle overlayfs metadata (redirects, opaque marks) past the whiteout conversion.
  static void strip_overlay_xattrs(archive_entry* e) {
    if (archive_entry_xattr_reset(e) == 0) return;
    struct xattr {
      std::string name;
      std::string value;
    };
    std::vector<xattr> keep;
    bool dropped = false;
    const char* name;
    const void* value;
    size_t size;
    while (archive_entry_xattr_next(e, &name, &value, &size) == ARCHIVE_OK) {
      if (std::string_view(name).rfind("trusted.overlay.", 0) == 0) {
        dropped = true;
        continue;
      }
      keep.push_back({name, std::string(static_cast<const char*>(value), size)});
    }
    if (!dropped) return;
    archive_entry_xattr_clear(e);
    for (auto& x : keep) archive_entry_xattr_add_entry(e, x.name.c_str(), x.value.data(), x.value.size());
  }

  fs::path dest_;
  std::string what_;
  unpack_options opt_;
  disk_ptr disk_;
  std::set<std::string> written_, symlinks_;
};

}  // namespace

void unpack_layer(const fs::path& blob, std::string_view expected_digest, const fs::path& dest, const unpack_options& opt) {
  std::string what = "layer " + std::string(expected_digest);
  hashing_source src;
  auto in = open_reader(src, blob, what);
  auto check_digest = [&] {
    src.drain();
    auto got = src.hash.finish();
    if (got != expected_digest) fail(image_errc::corrupt_blob, what, "content has digest " + got + " (blob corrupted on disk)");
  };
  try {
    layer_writer out(dest, what, opt);
    for (;;) {
      archive_entry* e;
      int r = archive_read_next_header(in.get(), &e);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) fail(image_errc::corrupt_blob, what, std::string("bad tar data: ") + archive_error_string(in.get()));
      out.entry(in.get(), e);
    }
    out.finish();
  } catch (const image_error&) {
    check_digest();  // a damaged blob explains any odd entry better than the entry itself
    throw;
  }
  check_digest();
}

void extract_layout_tarball(const fs::path& tarball, const fs::path& dest) {
  std::string what = "image archive " + tarball.string();
  hashing_source src;
  auto in = open_reader(src, tarball, what);
  for (;;) {
    archive_entry* e;
    int r = archive_read_next_header(in.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) fail(image_errc::bad_layout, what, std::string("bad tar data: ") + archive_error_string(in.get()));
    std::string rel = clean_entry_path(archive_entry_pathname(e), what);
    auto type = archive_entry_filetype(e);
    if (rel.empty()) continue;
    fs::path target = dest / rel;
    std::error_code ec;
    if (type == AE_IFDIR) {
      fs::create_directories(target, ec);
      if (ec) fail(image_errc::io, what, "cannot create " + rel + ": " + ec.message());
      continue;
    }
    if (type != AE_IFREG || archive_entry_hardlink(e))
      fail(image_errc::bad_layout, what, "\"" + rel + "\" is not a regular file or directory (an OCI layout has none)");
    fs::create_directories(target.parent_path(), ec);
    if (ec) fail(image_errc::io, what, "cannot create " + target.parent_path().string() + ": " + ec.message());
    std::ofstream f(target, std::ios::binary | std::ios::trunc);
    if (!f) fail(image_errc::io, what, "cannot write " + target.string());
    char buf[1 << 16];
    la_ssize_t n;
    while ((n = archive_read_data(in.get(), buf, sizeof buf)) > 0) f.write(buf, n);
    if (n < 0) fail(image_errc::bad_layout, what, "cannot read \"" + rel + "\": " + archive_error_string(in.get()));
    if (!f.flush()) fail(image_errc::io, what, "cannot write " + target.string());
  }
}

}  // namespace navarch::images
