#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "runtime/images/busybox_image.hpp"
#include "runtime/images/digest.hpp"
#include "runtime/images/image_error.hpp"
#include "runtime/images/image_store.hpp"
#include "tests/integration/images_test_layout.hpp"

using namespace navarch::images;
using namespace navarch::images::test;
namespace fs = std::filesystem;

namespace {

bool is_root() { return ::geteuid() == 0; }

#define NEED_ROOT() \
  if (!is_root()) GTEST_SKIP() << "needs root: overlay whiteouts are 0/0 device nodes and trusted.* xattrs"

image_errc error_kind(auto&& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const image_error& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "expected an image_error";
  return image_errc::io;
}

std::size_t count_entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

ino_t inode(const fs::path& p) {
  struct stat st{};
  EXPECT_EQ(::lstat(p.c_str(), &st), 0) << p;
  return st.st_ino;
}

// The store's staging area and layer cache hold nothing from a failed operation.
void expect_nothing_left(const image_store& store) {
  EXPECT_EQ(count_entries(store.root() / "tmp"), 0u);
  EXPECT_EQ(count_entries(store.root() / "layers"), 0u);
  EXPECT_EQ(count_entries(store.root() / "flat"), 0u);
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// A base layer and a whiteout layer over it (opaque dir, deleted file).
std::vector<std::string> whiteout_layers() {
  using T = tar_item;
  return {make_tar({{T::dir, "etc", ""}, {T::file, "etc/keep", "k"}, {T::file, "etc/gone", "g"}, {T::dir, "data", ""},
                    {T::file, "data/a", "a"}, {T::dir, "data/sub", ""}, {T::file, "data/sub/b", "b"}}),
          make_tar({{T::dir, "etc", ""}, {T::file, "etc/.wh.gone", ""}, {T::dir, "data", ""},
                    {T::file, "data/.wh..wh..opq", ""}, {T::file, "data/c", "c"}})};
}

}  // namespace

TEST(ImageStore, BuildsImportsAndUnpacksBusybox) {
  if (!fs::exists(default_busybox_binary)) GTEST_SKIP() << "busybox-static is not installed";
  temp_dir tmp;
  image_store store(tmp.path / "store");
  auto t0 = std::chrono::steady_clock::now();
  auto digest = build_busybox_image(store);
  double built = ms_since(t0);
  auto t1 = std::chrono::steady_clock::now();
  auto layers = store.rootfs_layers("busybox");
  double unpacked = ms_since(t1);
  std::cout << "[ timing ] busybox build+import " << built << " ms, unpack " << unpacked << " ms ("
            << (layers.flattened ? "flattened" : "overlay layers") << ")\n";

  EXPECT_TRUE(is_sha256_digest(digest));
  for (auto ref : {"busybox", "busybox:latest", "docker.io/library/busybox:latest", "docker.io/busybox"})
    EXPECT_TRUE(store.has_image(ref)) << ref;
  EXPECT_FALSE(store.has_image("busybox:1.36"));
  EXPECT_EQ(store.list(), (std::vector<std::pair<std::string, std::string>>{{busybox_image_name, digest}}));
  auto info = store.inspect("busybox");
  EXPECT_EQ(info.manifest_digest, digest);
  EXPECT_EQ(info.config.cmd, std::vector<std::string>{"sh"});
  EXPECT_EQ(info.config.os, "linux");
  ASSERT_EQ(info.config.diff_ids.size(), 1u);

  ASSERT_EQ(layers.lower_dirs.size(), 1u);
  auto root = layers.lower_dirs[0];
  EXPECT_EQ(layers.flattened, !is_root());
  if (layers.flattened) {
    EXPECT_NE(layers.note.find("overlay layers need root"), std::string::npos) << layers.note;
  }
  struct stat st{};
  ASSERT_EQ(::stat((root / "bin/busybox").c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode) && (st.st_mode & 0111));
  EXPECT_EQ(st.st_size, static_cast<off_t>(fs::file_size(default_busybox_binary)));
  EXPECT_EQ(fs::read_symlink(root / "bin/sh"), "busybox");
  EXPECT_TRUE(fs::is_symlink(root / "bin/sleep"));
  ASSERT_EQ(::stat((root / "tmp").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 01777u);
  std::ifstream passwd(root / "etc/passwd");
  std::string first;
  std::getline(passwd, first);
  EXPECT_EQ(first, "root:x:0:0:root:/root:/bin/sh");
  EXPECT_TRUE(fs::exists(root / "etc/group"));
  EXPECT_TRUE(fs::is_directory(root / "proc"));

  // The unpacked busybox really runs.
  if (is_root()) {
    auto cmd = "chroot " + root.string() + " /bin/sh -c 'echo hi from busybox' > " + (tmp.path / "out").string();
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream out(tmp.path / "out");
    std::string line;
    std::getline(out, line);
    EXPECT_EQ(line, "hi from busybox");
  }
  EXPECT_EQ(count_entries(store.root() / "tmp"), 0u);
}

TEST(ImageStore, SecondImportReusesBlobsAndLayers) {
  if (!fs::exists(default_busybox_binary)) GTEST_SKIP() << "busybox-static is not installed";
  temp_dir tmp;
  write_busybox_layout(tmp.path / "layout");
  image_store store(tmp.path / "store");
  auto refs = store.import_layout(tmp.path / "layout");
  EXPECT_EQ(refs, std::vector<std::string>{busybox_image_name});
  auto first = store.rootfs_layers("busybox");
  auto info = store.inspect("busybox");
  auto layer_blob = store.blob_path(info.manifest.layers.at(0).digest);
  auto blob_inode = inode(layer_blob), dir_inode = inode(first.lower_dirs.at(0));
  auto blobs = count_entries(store.root() / "blobs/sha256");
  EXPECT_EQ(blobs, 3u);  // manifest, config, layer

  EXPECT_EQ(store.import_layout(tmp.path / "layout"), refs);
  auto second = store.rootfs_layers("docker.io/library/busybox");
  EXPECT_EQ(second.lower_dirs, first.lower_dirs);
  EXPECT_EQ(inode(layer_blob), blob_inode);
  EXPECT_EQ(inode(second.lower_dirs.at(0)), dir_inode);
  EXPECT_EQ(count_entries(store.root() / "blobs/sha256"), blobs);

  // The builder is reproducible: another build gives the same image, so nodes agree on digests.
  EXPECT_EQ(build_busybox_image(store), info.manifest_digest);
  EXPECT_EQ(count_entries(store.root() / "blobs/sha256"), blobs);
  // ensure_busybox_image does nothing when the image is there.
  ensure_busybox_image(store, "/nonexistent/busybox");
}

TEST(ImageStore, ImportsTarballsOfLayouts) {
  if (!fs::exists(default_busybox_binary)) GTEST_SKIP() << "busybox-static is not installed";
  temp_dir tmp;
  write_busybox_layout(tmp.path / "layout");
  ASSERT_EQ(std::system(("tar -C " + (tmp.path / "layout").string() + " -czf " + (tmp.path / "img.tar.gz").string() + " .").c_str()), 0);
  ASSERT_EQ(std::system(("tar -C " + tmp.path.string() + " -cf " + (tmp.path / "img.tar").string() + " layout").c_str()), 0);
  image_store a(tmp.path / "a"), b(tmp.path / "b");
  EXPECT_EQ(a.import_layout(tmp.path / "img.tar.gz"), std::vector<std::string>{busybox_image_name});
  EXPECT_EQ(b.import_layout(tmp.path / "img.tar"), std::vector<std::string>{busybox_image_name});
  EXPECT_EQ(a.resolve("busybox"), b.resolve("busybox"));
  EXPECT_EQ(count_entries(a.root() / "tmp"), 0u);
}

TEST(ImageStore, CorruptBlobIsRejectedAndNothingIsAdded) {
  temp_dir tmp;
  auto layers = whiteout_layers();
  write_layout(tmp.path / "layout", layers, "v1");
  auto bad = sha256_digest(layers[1]);
  {  // flip one byte of the top layer
    std::fstream f(tmp.path / "layout/blobs/sha256" / bad.substr(7), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(600);
    f.put('X');
  }
  image_store store(tmp.path / "store");
  std::string msg;
  EXPECT_EQ(error_kind([&] { store.import_layout(tmp.path / "layout", "app"); }, &msg), image_errc::corrupt_blob);
  EXPECT_NE(msg.find(bad), std::string::npos) << msg;
  EXPECT_FALSE(store.has_image("app:v1"));
  EXPECT_EQ(count_entries(store.root() / "blobs/sha256"), 0u);
  expect_nothing_left(store);

  // A blob missing from the layout is named too.
  fs::remove(tmp.path / "layout/blobs/sha256" / bad.substr(7));
  EXPECT_EQ(error_kind([&] { store.import_layout(tmp.path / "layout", "app"); }, &msg), image_errc::bad_layout);
  EXPECT_NE(msg.find(bad), std::string::npos) << msg;
}

TEST(ImageStore, BlobCorruptedInTheStoreFailsUnpacking) {
  temp_dir tmp;
  auto layers = whiteout_layers();
  write_layout(tmp.path / "layout", layers, "v1");
  image_store store(tmp.path / "store");
  store.import_layout(tmp.path / "layout", "app");
  auto digest = sha256_digest(layers[0]);
  {
    std::fstream f(store.blob_path(digest), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(520);  // inside the first file's data: the tar still parses, the digest does not match
    f.put('Z');
  }
  std::string msg;
  EXPECT_EQ(error_kind([&] { store.rootfs_layers("app:v1"); }, &msg), image_errc::corrupt_blob);
  EXPECT_NE(msg.find(digest), std::string::npos) << msg;
  // The intact top layer may stay unpacked; the corrupt one leaves nothing.
  EXPECT_FALSE(fs::exists(store.root() / "layers" / digest.substr(7)));
  EXPECT_FALSE(fs::exists(store.root() / "flat" / store.resolve("app:v1").substr(7)));
  EXPECT_EQ(count_entries(store.root() / "tmp"), 0u);
}

TEST(ImageStore, LayersThatEscapeTheirDirectoryAreRefused) {
  using T = tar_item;
  temp_dir tmp;
  struct evil_case {
    const char* name;
    std::vector<tar_item> items;
    const char* expect;
  };
  std::vector<evil_case> cases = {
      {"dotdot", {{T::file, "../escaped", "x"}}, "contains \"..\""},
      {"nested dotdot", {{T::dir, "a", ""}, {T::file, "a/../../escaped", "x"}}, "contains \"..\""},
      {"absolute", {{T::file, "/tmp/escaped", "x"}}, "absolute path"},
      {"through symlink", {{T::symlink, "link", tmp.path.string()}, {T::file, "link/escaped", "x"}}, "through the symlink"},
      {"hard link out", {{T::hardlink, "passwd", "../../../../etc/passwd"}}, "contains \"..\""},
      {"whiteout dotdot", {{T::file, "a/.wh...", ""}}, "malformed whiteout"},
  };
  for (bool flatten : {false, true}) {
    if (!flatten && !is_root()) continue;
    image_store store(tmp.path / (flatten ? "flat-store" : "store"), {.force_flatten = flatten});
    for (auto& c : cases) {
      auto layout = tmp.path / ("layout-" + std::string(c.name));
      fs::remove_all(layout);
      write_layout(layout, {make_tar(c.items)}, "");
      store.import_layout(layout, "evil");  // the blobs are intact; the content is the problem
      std::string msg;
      EXPECT_EQ(error_kind([&] { store.rootfs_layers("evil"); }, &msg), image_errc::unsafe_layer) << c.name;
      EXPECT_NE(msg.find(c.expect), std::string::npos) << c.name << ": " << msg;
      EXPECT_FALSE(fs::exists(tmp.path / "escaped")) << c.name;
      EXPECT_FALSE(fs::exists("/tmp/escaped")) << c.name;
      expect_nothing_left(store);
    }
  }
}

TEST(ImageStore, WhiteoutsBecomeOverlayfsWhiteoutsAndHideLowerFiles) {
  NEED_ROOT();
  temp_dir tmp;
  write_layout(tmp.path / "layout", whiteout_layers(), "v1");
  image_store store(tmp.path / "store");
  store.import_layout(tmp.path / "layout", "app");
  auto r = store.rootfs_layers("app:v1");
  ASSERT_FALSE(r.flattened) << r.note;
  ASSERT_EQ(r.lower_dirs.size(), 2u);
  auto top = r.lower_dirs[0], base = r.lower_dirs[1];
  EXPECT_TRUE(fs::exists(base / "etc/gone"));
  EXPECT_TRUE(fs::exists(top / "data/c"));
  struct stat st{};
  ASSERT_EQ(::lstat((top / "etc/gone").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(st.st_rdev, makedev(0, 0));
  EXPECT_FALSE(fs::exists(top / "etc/.wh.gone"));
  char v[4] = {};
  EXPECT_EQ(::lgetxattr((top / "data").c_str(), "trusted.overlay.opaque", v, sizeof v), 1);
  EXPECT_EQ(v[0], 'y');

  // Mount in a private mount namespace of a child process, so nothing leaks into the host's mounts.
  fs::create_directories(tmp.path / "merged");
  std::string opts = "lowerdir=" + top.string() + ":" + base.string();
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) ::_exit(100);
    auto merged = tmp.path / "merged";
    if (::mount("overlay", merged.c_str(), "overlay", MS_RDONLY, opts.c_str()) != 0) ::_exit(101);
    int bad = 0;
    if (!fs::exists(merged / "etc/keep")) bad |= 1;
    if (fs::exists(merged / "etc/gone")) bad |= 2;
    if (fs::exists(merged / "data/a") || fs::exists(merged / "data/sub")) bad |= 4;
    if (!fs::exists(merged / "data/c")) bad |= 8;
    ::umount2(merged.c_str(), MNT_DETACH);
    ::_exit(bad);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: etc/keep missing, 2: etc/gone visible, 4: opaque dir leaked lower files, "
                                       "8: data/c missing, 100/101: namespace or mount failed";
  // The host never saw the mount.
  EXPECT_EQ(count_entries(tmp.path / "merged"), 0u);
}

TEST(ImageStore, FlattenedFallbackAppliesWhiteouts) {
  temp_dir tmp;
  write_layout(tmp.path / "layout", whiteout_layers(), "v1");
  image_store store(tmp.path / "store", {.force_flatten = true});
  store.import_layout(tmp.path / "layout", "app");
  auto r = store.rootfs_layers("app:v1");
  EXPECT_TRUE(r.flattened);
  EXPECT_FALSE(r.note.empty());
  ASSERT_EQ(r.lower_dirs.size(), 1u);
  auto root = r.lower_dirs[0];
  EXPECT_TRUE(fs::exists(root / "etc/keep"));
  EXPECT_FALSE(fs::exists(root / "etc/gone"));
  EXPECT_FALSE(fs::exists(root / "etc/.wh.gone"));
  EXPECT_FALSE(fs::exists(root / "data/a"));
  EXPECT_FALSE(fs::exists(root / "data/sub"));
  EXPECT_TRUE(fs::exists(root / "data/c"));
  EXPECT_EQ(count_entries(store.root() / "layers"), 0u);
}

TEST(ImageStore, FlattenReplacesALowerSymlinkWithADirectory) {
  using T = tar_item;
  temp_dir tmp;
  // Like a merged-/usr base image: bin -> usr/bin below, a real bin/ above.
  write_layout(tmp.path / "layout",
               {make_tar({{T::dir, "usr/bin", ""}, {T::file, "usr/bin/tool", "t"}, {T::symlink, "bin", "usr/bin"}}),
                make_tar({{T::dir, "bin", ""}, {T::file, "bin/extra", "e"}})},
               "v1");
  image_store store(tmp.path / "store", {.force_flatten = true});
  store.import_layout(tmp.path / "layout", "app");
  auto root = store.rootfs_layers("app:v1").lower_dirs.at(0);
  EXPECT_FALSE(fs::is_symlink(root / "bin"));
  EXPECT_TRUE(fs::exists(root / "bin/extra"));
  EXPECT_FALSE(fs::exists(root / "usr/bin/extra"));
  EXPECT_TRUE(fs::exists(root / "usr/bin/tool"));
}

TEST(ImageStore, NamesComeFromAnnotationsOrTheGivenName) {
  temp_dir tmp;
  auto layers = whiteout_layers();
  write_layout(tmp.path / "tagged", layers, "1.0");
  write_layout(tmp.path / "full", layers, "registry.example.com/team/app:2.0");
  write_layout(tmp.path / "anonymous", layers, "");
  image_store store(tmp.path / "store");
  std::string msg;
  EXPECT_EQ(error_kind([&] { store.import_layout(tmp.path / "tagged"); }, &msg), image_errc::bad_layout);
  EXPECT_NE(msg.find("navarch image import PATH NAME"), std::string::npos) << msg;
  EXPECT_EQ(store.import_layout(tmp.path / "tagged", "myapp"), std::vector<std::string>{"docker.io/library/myapp:1.0"});
  EXPECT_EQ(store.import_layout(tmp.path / "full"), std::vector<std::string>{"registry.example.com/team/app:2.0"});
  EXPECT_EQ(store.import_layout(tmp.path / "anonymous", "other:3"), std::vector<std::string>{"docker.io/library/other:3"});
  EXPECT_TRUE(store.has_image("myapp:1.0"));
  auto digest = store.resolve("myapp:1.0");
  EXPECT_TRUE(store.has_image("anything@" + digest));
  store.tag("alias", digest);
  EXPECT_EQ(store.resolve("docker.io/library/alias:latest"), digest);
  EXPECT_TRUE(store.untag("alias"));
  EXPECT_FALSE(store.has_image("alias"));
  EXPECT_EQ(store.list().size(), 3u);
  // Not a layout at all.
  EXPECT_EQ(error_kind([&] { store.import_layout(tmp.path); }), image_errc::bad_layout);
  EXPECT_EQ(error_kind([&] { store.import_layout(tmp.path / "nope"); }), image_errc::not_found);
}

TEST(ImageStore, MissingImagesSayThereAreNoRegistryPulls) {
  temp_dir tmp;
  image_store store(tmp.path / "store");
  EXPECT_FALSE(store.has_image("nginx:1.25"));
  EXPECT_FALSE(store.has_image("Not A Reference"));
  std::string msg;
  EXPECT_EQ(error_kind([&] { store.resolve("nginx:1.25"); }, &msg), image_errc::not_found);
  EXPECT_NE(msg.find("\"nginx:1.25\" (docker.io/library/nginx:1.25)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("does not pull from registries"), std::string::npos) << msg;
  EXPECT_NE(msg.find("navarch image import"), std::string::npos) << msg;
  EXPECT_EQ(error_kind([&] { store.rootfs_layers("nginx"); }), image_errc::not_found);
  EXPECT_EQ(error_kind([&] { store.resolve("Bad Ref"); }), image_errc::invalid_reference);
}

TEST(ImageStore, StoreIsItselfAnOciLayout) {
  if (!fs::exists(default_busybox_binary)) GTEST_SKIP() << "busybox-static is not installed";
  temp_dir tmp;
  image_store a(tmp.path / "a");
  auto digest = build_busybox_image(a);
  // Another store can import the first store's directory as a layout.
  image_store b(tmp.path / "b");
  EXPECT_EQ(b.import_layout(a.root()), std::vector<std::string>{busybox_image_name});
  EXPECT_EQ(b.resolve("busybox"), digest);
}

TEST(ImageStore, ConcurrentUnpacksFromSeveralStoreObjectsAgree) {
  temp_dir tmp;
  write_layout(tmp.path / "layout", whiteout_layers(), "v1");
  image_store first(tmp.path / "store");
  first.import_layout(tmp.path / "layout", "app");
  // Separate objects on one root stand in for separate node processes: only the atomic renames protect them.
  std::vector<std::unique_ptr<image_store>> stores;
  for (int i = 0; i < 4; ++i) stores.push_back(std::make_unique<image_store>(tmp.path / "store"));
  std::vector<rootfs_layers_result> results(stores.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < stores.size(); ++i)
    threads.emplace_back([&, i] { results[i] = stores[i]->rootfs_layers("app:v1"); });
  for (auto& t : threads) t.join();
  for (auto& r : results) EXPECT_EQ(r.lower_dirs, results[0].lower_dirs);
  EXPECT_EQ(count_entries(first.root() / "tmp"), 0u);
  EXPECT_TRUE(fs::exists(results[0].lower_dirs.front() / "data/c"));  // the top layer, or the flattened tree
  if (!results[0].flattened) {
    EXPECT_TRUE(fs::exists(results[0].lower_dirs.back() / "data/a"));  // the bottom layer
  }
}
