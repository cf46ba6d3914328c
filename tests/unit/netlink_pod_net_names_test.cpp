#include <gtest/gtest.h>

#include "net/netlink/pod_net_names.hpp"

namespace nl = navarch::netlink;

TEST(PodNetNames, StableShortNamesFromTheUid) {
  const auto a = nl::pod_net_names_for("0d6c7a3e-5f1b-4c2e-9a77-1b2c3d4e5f60");
  EXPECT_EQ(a.netns, "navarch-0d6c7a3e-5f1b-4c2e-9a77-1b2c3d4e5f60");
  EXPECT_EQ(a.host_veth.size(), 15u);
  EXPECT_EQ(a.host_veth.rfind("veth", 0), 0u);
  EXPECT_TRUE(nl::valid_interface_name(a.host_veth));
  EXPECT_EQ(a.host_veth, nl::pod_net_names_for("0d6c7a3e-5f1b-4c2e-9a77-1b2c3d4e5f60").host_veth);
  // Uids that differ in one character get different interfaces.
  EXPECT_NE(a.host_veth, nl::pod_net_names_for("0d6c7a3e-5f1b-4c2e-9a77-1b2c3d4e5f61").host_veth);
}

TEST(PodNetNames, HashIsFnv1a) {
  // Reference values of 64-bit FNV-1a: the names must not change between builds.
  EXPECT_EQ(nl::fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(nl::fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(nl::pod_net_names_for("a").host_veth, "vethaf63dc4c860");
}

TEST(PodNetNames, RejectsUidsThatAreNotSafeFileNames) {
  for (const char* bad : {"", ".hidden", "..", "a/b", "a b", "x\n"})
    EXPECT_THROW(nl::pod_net_names_for(bad), std::invalid_argument) << bad;
  EXPECT_THROW(nl::pod_net_names_for(std::string(129, 'a')), std::invalid_argument);
  EXPECT_NO_THROW(nl::pod_net_names_for(std::string(128, 'a')));
}

TEST(PodNetNames, InterfaceNameRules) {
  EXPECT_TRUE(nl::valid_interface_name("cni0"));
  EXPECT_TRUE(nl::valid_interface_name("abcdefghijklmno"));
  EXPECT_FALSE(nl::valid_interface_name("abcdefghijklmnop"));
  for (const char* bad : {"", ".", "..", "a/b", "a:b", "a b"}) EXPECT_FALSE(nl::valid_interface_name(bad)) << bad;
}
