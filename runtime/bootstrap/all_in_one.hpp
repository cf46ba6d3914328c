// The all-in-one cluster of `navarch up`: store, apiserver and its HTTPS front in one actor system, with the
// cluster PKI and an admin kubeconfig in the data directory. Tests and benchmarks start the same assembly.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "actors/kubelet/core/container_port.hpp"
#include "messages/api_actor.hpp"
#include "messages/store_actor.hpp"

namespace navarch::bootstrap {

struct all_in_one_options {
  std::filesystem::path data_dir;
  std::string bind_address = "127.0.0.1";
  uint16_t api_port = 6443;  // 0 picks a free port
  std::chrono::milliseconds bookmark_interval{5000};
  std::string node_name;  // the local kubelet's node; "" = the host name
  // What runs the local node's containers; without one the node registers but runs no pods.
  std::shared_ptr<kubelet::container_port> runtime;
  bool rootless = false;  // the runtime runs pods without root (the Node says so)
  bool scheduler = true;
  // "" = the built-in store under data_dir; else etcd client URLs "http://HOST:PORT[,...]" holding the objects.
  std::string datastore_endpoint;
  std::size_t api_workers = 0;  // the apiserver's worker pool; 0 = one per core
};

class all_in_one {
 public:
  // Throws std::runtime_error with a clear message (unusable data dir, port taken, corrupt PKI or log).
  all_in_one(caf::actor_system& sys, all_in_one_options opts);
  ~all_in_one();  // stops the front and the actors
  all_in_one(const all_in_one&) = delete;
  all_in_one& operator=(const all_in_one&) = delete;

  uint16_t port() const;
  std::string server_url() const;
  std::filesystem::path kubeconfig() const;
  std::filesystem::path pki_dir() const;  // ca.crt, admin.crt, admin.key, ...
  msg::api_actor api() const;
  msg::store_actor store() const;
  void stop();

 private:
  void start(caf::actor_system& sys, all_in_one_options opts);
  struct impl;
  std::unique_ptr<impl> impl_;
};

// Registers Navarch's message types on a configuration (every process does this before creating its system).
void configure(caf::actor_system_config& cfg);

}  // namespace navarch::bootstrap
