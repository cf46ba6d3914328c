#include <gtest/gtest.h>

#include "runtime/images/image_error.hpp"
#include "runtime/images/reference.hpp"

using namespace navarch::images;

namespace {
const std::string hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
}

TEST(ImageReference, DockerHubShortNamesGetLibraryAndLatest) {
  EXPECT_EQ(normalize_reference("busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(normalize_reference("busybox:1.36"), "docker.io/library/busybox:1.36");
  EXPECT_EQ(normalize_reference("docker.io/library/busybox:1.36"), "docker.io/library/busybox:1.36");
  EXPECT_EQ(normalize_reference("docker.io/busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(normalize_reference("index.docker.io/busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(normalize_reference("bitnami/nginx"), "docker.io/bitnami/nginx:latest");
}

TEST(ImageReference, RegistryHostsAreRecognised) {
  auto r = parse_reference("registry.k8s.io/pause:3.9");
  EXPECT_EQ(r.domain, "registry.k8s.io");
  EXPECT_EQ(r.repository, "pause");
  EXPECT_EQ(r.tag, "3.9");
  EXPECT_EQ(normalize_reference("localhost/app"), "localhost/app:latest");
  EXPECT_EQ(normalize_reference("localhost:5000/team/app"), "localhost:5000/team/app:latest");
  EXPECT_EQ(normalize_reference("myhost:5000/app:v1"), "myhost:5000/app:v1");
  EXPECT_EQ(parse_reference("localhost:5000/app").tag, "latest");  // the port is not a tag
}

TEST(ImageReference, DigestsNeedNoTag) {
  auto r = parse_reference("busybox@sha256:" + hex64);
  EXPECT_EQ(r.tag, "");
  EXPECT_EQ(r.digest, "sha256:" + hex64);
  EXPECT_EQ(r.str(), "docker.io/library/busybox@sha256:" + hex64);
  EXPECT_EQ(normalize_reference("busybox:1.36@sha256:" + hex64), "docker.io/library/busybox:1.36@sha256:" + hex64);
}

TEST(ImageReference, InvalidReferencesAreRefusedWithTheReason) {
  for (const char* bad : {"", "Busybox", "busybox:", "busybox:-x", "busybox@sha256:abc", "busybox@md5:" /*algo*/, "a//b",
                          "a/", "/a", "bus..box", "busybox:a:b", "with space", "-lead", "trail-"}) {
    try {
      parse_reference(bad);
      ADD_FAILURE() << "accepted \"" << bad << "\"";
    } catch (const image_error& e) {
      EXPECT_EQ(e.kind(), image_errc::invalid_reference) << bad;
      EXPECT_NE(std::string(e.what()).find("invalid image reference"), std::string::npos) << e.what();
    }
  }
}

TEST(ImageReference, SeparatorsFollowTheDistributionGrammar) {
  EXPECT_EQ(normalize_reference("my_app"), "docker.io/library/my_app:latest");
  EXPECT_EQ(normalize_reference("my__app"), "docker.io/library/my__app:latest");
  EXPECT_EQ(normalize_reference("my---app.v2"), "docker.io/library/my---app.v2:latest");
  EXPECT_THROW(parse_reference("my___app"), image_error);
  EXPECT_THROW(parse_reference("my_.app"), image_error);
  EXPECT_EQ(normalize_reference("busybox:V1.2_rc-3"), "docker.io/library/busybox:V1.2_rc-3");
}
