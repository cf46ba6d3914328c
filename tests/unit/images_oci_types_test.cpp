#include <gtest/gtest.h>

#include "runtime/images/digest.hpp"
#include "runtime/images/image_error.hpp"
#include "runtime/images/oci_types.hpp"

using namespace navarch::images;

namespace {
const std::string d1 = sha256_digest("one"), d2 = sha256_digest("two"), d3 = sha256_digest("three");

image_errc kind_of(auto&& f) {
  try {
    f();
  } catch (const image_error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no error";
  return image_errc::io;
}
}  // namespace

TEST(OciTypes, ParsesAManifest) {
  auto m = parse_manifest(R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
    "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" + d1 + R"(","size":7},
    "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" + d2 + R"(","size":100},
              {"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":")" + d3 + R"(","size":5}]})",
                          "m");
  EXPECT_EQ(m.config.digest, d1);
  EXPECT_EQ(m.config.size, 7);
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.layers[0].digest, d2);
  EXPECT_EQ(m.layers[1].size, 5);
}

TEST(OciTypes, ParsesAnIndexWithPlatformsAndAnnotations) {
  auto i = parse_index(R"({"schemaVersion":2,"manifests":[
    {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" + d1 + R"(","size":1,
     "platform":{"os":"linux","architecture":"arm64","variant":"v8"},
     "annotations":{"org.opencontainers.image.ref.name":"1.36"}}]})",
                       "i");
  ASSERT_EQ(i.manifests.size(), 1u);
  EXPECT_EQ(i.manifests[0].platform_architecture, "arm64");
  EXPECT_EQ(i.manifests[0].platform_variant, "v8");
  EXPECT_EQ(i.manifests[0].annotations.at(std::string(annotation_ref_name)), "1.36");
}

TEST(OciTypes, ParsesTheConfigFieldsAContainerNeeds) {
  auto c = parse_config(R"({"architecture":"amd64","os":"linux","config":{"Entrypoint":["/docker-entrypoint.sh"],
    "Cmd":["nginx","-g","daemon off;"],"Env":["PATH=/usr/bin","NGINX_VERSION=1.25"],"WorkingDir":"/srv","User":"101:101",
    "ExposedPorts":{"80/tcp":{}}},"rootfs":{"type":"layers","diff_ids":[")" + d1 + R"("]}})",
                        "c");
  EXPECT_EQ(c.entrypoint, std::vector<std::string>{"/docker-entrypoint.sh"});
  EXPECT_EQ(c.cmd, (std::vector<std::string>{"nginx", "-g", "daemon off;"}));
  EXPECT_EQ(c.env.size(), 2u);
  EXPECT_EQ(c.working_dir, "/srv");
  EXPECT_EQ(c.user, "101:101");
  EXPECT_EQ(c.diff_ids, std::vector<std::string>{d1});
  // "Cmd": null is common in real images.
  EXPECT_TRUE(parse_config(R"({"config":{"Cmd":null}})", "c").cmd.empty());
}

TEST(OciTypes, RoundTripsThroughJson) {
  image_manifest m;
  m.config = {std::string(media_type::oci_config), d1, 10, "", "", "", {}};
  m.layers = {{std::string(media_type::oci_layer_gzip), d2, 20, "", "", "", {}}};
  auto back = parse_manifest(to_json(m), "m");
  EXPECT_EQ(back.config.digest, d1);
  EXPECT_EQ(back.layers.at(0).media_type, media_type::oci_layer_gzip);

  image_config c;
  c.os = "linux";
  c.cmd = {"sh"};
  c.env = {"A=1"};
  c.user = "1000";
  auto cb = parse_config(to_json(c), "c");
  EXPECT_EQ(cb.cmd, c.cmd);
  EXPECT_EQ(cb.env, c.env);
  EXPECT_EQ(cb.user, "1000");
  EXPECT_TRUE(cb.entrypoint.empty());

  descriptor d{std::string(media_type::oci_manifest), d3, 30, "linux", "amd64", "", {{"k", "v"}}};
  auto ib = parse_index(to_json(image_index{{d}}), "i");
  EXPECT_EQ(ib.manifests.at(0).annotations.at("k"), "v");
  EXPECT_EQ(ib.manifests.at(0).platform_os, "linux");
}

TEST(OciTypes, MalformedDocumentsAreBadLayoutErrorsNamingTheirSource) {
  try {
    parse_manifest("{not json", "manifest sha256:abc");
    FAIL();
  } catch (const image_error& e) {
    EXPECT_EQ(e.kind(), image_errc::bad_layout);
    EXPECT_NE(std::string(e.what()).find("manifest sha256:abc"), std::string::npos) << e.what();
  }
  EXPECT_EQ(kind_of([] { parse_index(R"({"schemaVersion":1,"manifests":[]})", "i"); }), image_errc::bad_layout);
  EXPECT_EQ(kind_of([] { parse_index(R"({"schemaVersion":2})", "i"); }), image_errc::bad_layout);
  // Digests that are not sha256 (or could be paths) are refused.
  EXPECT_EQ(kind_of([] {
              parse_index(R"({"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"sha256:../../etc","size":1}]})", "i");
            }),
            image_errc::bad_layout);
  EXPECT_EQ(kind_of([] {
              parse_index(R"({"schemaVersion":2,"manifests":[{"mediaType":"x","digest":")" + d1 + R"(","size":-1}]})", "i");
            }),
            image_errc::bad_layout);
  // A manifest whose layers are not tar is refused up front.
  EXPECT_EQ(kind_of([] {
              parse_manifest(R"({"schemaVersion":2,"config":{"mediaType":"c","digest":")" + d1 + R"(","size":1},
                "layers":[{"mediaType":"application/vnd.example.weights","digest":")" + d2 + R"(","size":1}]})",
                             "m");
            }),
            image_errc::bad_layout);
  EXPECT_EQ(kind_of([] { parse_config(R"({"config":{"Cmd":"sh"}})", "c"); }), image_errc::bad_layout);
  EXPECT_EQ(kind_of([] { parse_config("[]", "c"); }), image_errc::bad_layout);
}

TEST(OciTypes, MediaTypes) {
  EXPECT_TRUE(is_index_media_type(media_type::oci_index));
  EXPECT_TRUE(is_index_media_type(media_type::docker_list));
  EXPECT_FALSE(is_index_media_type(media_type::oci_manifest));
  EXPECT_TRUE(is_manifest_media_type(media_type::docker_manifest));
  EXPECT_TRUE(is_layer_media_type(media_type::oci_layer_tar));
  EXPECT_TRUE(is_layer_media_type("application/vnd.oci.image.layer.v1.tar+zstd"));
  EXPECT_FALSE(is_layer_media_type(media_type::oci_config));
  EXPECT_FALSE(host_architecture().empty());
}
