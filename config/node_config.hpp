// The configuration file of `navarch node --config FILE`: who this node is and which roles it runs.
//
//   node:
//     name: n1
//     data-dir: /var/lib/navarch/n1
//     listen: 127.0.0.1:7101           # where this node's actors accept links from other nodes
//   store:                              # the etcd role: one Raft replica
//     replica-id: 1
//     peers: [127.0.0.1:7101, 127.0.0.1:7102, 127.0.0.1:7103]   # every replica, this one included, by id order
//     snapshot-every: 100000           # optional: applied log entries between snapshots
//   apiserver:
//     port: 6443
//     bind-address: 127.0.0.1
//   kubelet:
//     pod-cidr: 10.244.1.0/24
//
// Every error names the file and line: "n1.yaml:7: store.replica-id: must be between 1 and the number of peers".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace navarch::config {

struct endpoint {
  std::string host;
  uint16_t port = 0;
};

struct store_role {
  int replica_id = 0;           // 1-based index into peers
  std::vector<endpoint> peers;  // every replica's listen endpoint
  uint64_t snapshot_every = 100000;  // applied log entries between snapshots of the store's state
};

struct apiserver_role {
  uint16_t port = 6443;
  std::string bind_address = "127.0.0.1";
};

struct kubelet_role {
  std::string pod_cidr;
};

struct node_config {
  std::string name;
  std::string data_dir;
  endpoint listen;
  std::optional<store_role> store;
  std::optional<apiserver_role> apiserver;
  std::optional<kubelet_role> kubelet;
};

// `file` names the source in error messages.
std::variant<node_config, std::string> parse_node_config(const std::string& text, const std::string& file);
std::variant<node_config, std::string> load_node_config(const std::string& path);

// "127.0.0.1:7101" or "[::1]:7101".
std::optional<endpoint> parse_endpoint(const std::string& text);

}  // namespace navarch::config
