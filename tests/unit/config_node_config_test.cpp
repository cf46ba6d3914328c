#include <gtest/gtest.h>

#include "config/node_config.hpp"

using namespace navarch::config;

namespace {

const char* three_replicas = R"(node:
  name: n2
  data-dir: /var/lib/navarch/n2
  listen: 127.0.0.1:7102
store:
  replica-id: 2
  peers: [127.0.0.1:7101, 127.0.0.1:7102, 127.0.0.1:7103]
apiserver:
  port: 6444
kubelet:
  pod-cidr: 10.244.2.0/24
)";

std::string error_of(const std::string& text) {
  auto r = parse_node_config(text, "n.yaml");
  return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : "";
}

}  // namespace

TEST(NodeConfig, ParsesRolesAndDefaults) {
  auto r = parse_node_config(three_replicas, "n2.yaml");
  ASSERT_TRUE(std::holds_alternative<node_config>(r)) << std::get<std::string>(r);
  auto c = std::get<node_config>(r);
  EXPECT_EQ(c.name, "n2");
  EXPECT_EQ(c.listen.port, 7102);
  ASSERT_TRUE(c.store);
  EXPECT_EQ(c.store->replica_id, 2);
  EXPECT_EQ(c.store->peers.size(), 3u);
  EXPECT_EQ(c.store->snapshot_every, 100000u);
  ASSERT_TRUE(c.apiserver);
  EXPECT_EQ(c.apiserver->port, 6444);
  EXPECT_EQ(c.apiserver->bind_address, "127.0.0.1");
  EXPECT_EQ(c.kubelet->pod_cidr, "10.244.2.0/24");
}

TEST(NodeConfig, ErrorsNameFileAndLine) {
  EXPECT_EQ(error_of("node:\n  name: a\n  data-dir: /d\n  lisen: 1.2.3.4:5\n"), "n.yaml:4: unknown key 'lisen' in node");
  EXPECT_EQ(error_of("node:\n  name: a\n  data-dir: /d\n  listen: nowhere\n"),
            "n.yaml:4: node.listen: 'nowhere' is not HOST:PORT");
  std::string bad_id = three_replicas;
  bad_id.replace(bad_id.find("replica-id: 2"), 13, "replica-id: 7");
  EXPECT_EQ(error_of(bad_id), "n.yaml:6: store.replica-id: must be between 1 and the number of peers (3)");
  std::string not_me = three_replicas;
  not_me.replace(not_me.find("replica-id: 2"), 13, "replica-id: 1");
  EXPECT_EQ(error_of(not_me), "n.yaml:6: store.peers[0] must be this node's node.listen address");
  EXPECT_EQ(error_of("node:\n  name: a\n  data-dir: /d\n  listen: 127.0.0.1:1\n"),
            "n.yaml:1: the node has no role: add store, apiserver or kubelet");
  EXPECT_EQ(error_of("node: [unclosed\n"), "n.yaml:2: end of sequence flow not found");
  EXPECT_EQ(error_of("node:\n  name: a\n  data-dir: /d\n  listen: 127.0.0.1:1\napiserver:\n  port: 99999\n"),
            "n.yaml:6: apiserver.port: must be a port number from 1 to 65535");
  std::string zero_every = three_replicas;
  zero_every.replace(zero_every.find("apiserver:"), 0, "  snapshot-every: 0\n");
  EXPECT_EQ(error_of(zero_every), "n.yaml:8: store.snapshot-every: must be a positive number of log entries");
}

TEST(NodeConfig, StoreSnapshotInterval) {
  std::string every = three_replicas;
  every.replace(every.find("apiserver:"), 0, "  snapshot-every: 64\n");
  auto r = parse_node_config(every, "n2.yaml");
  ASSERT_TRUE(std::holds_alternative<node_config>(r)) << std::get<std::string>(r);
  EXPECT_EQ(std::get<node_config>(r).store->snapshot_every, 64u);
}

TEST(NodeConfig, Endpoints) {
  EXPECT_EQ(parse_endpoint("[::1]:80")->host, "::1");
  EXPECT_EQ(parse_endpoint("localhost:6443")->port, 6443);
  EXPECT_FALSE(parse_endpoint("::1:80"));
  EXPECT_FALSE(parse_endpoint("host:"));
  EXPECT_FALSE(parse_endpoint("host:0"));
}

TEST(NodeConfig, TheExampleStoreReplicasLoad) {
  for (int i = 1; i <= 3; ++i) {
    auto r = load_node_config(std::string(NAVARCH_EXAMPLES_DIR) + "/store-replicas/n" + std::to_string(i) + ".yaml");
    ASSERT_TRUE(std::holds_alternative<node_config>(r)) << std::get<std::string>(r);
    EXPECT_EQ(std::get<node_config>(r).store->replica_id, i);
    EXPECT_EQ(std::get<node_config>(r).store->peers.size(), 3u);
  }
}
