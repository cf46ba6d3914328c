#include "bench/store_backends.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <caf/all.hpp>
#include <caf/io/middleman.hpp>

#include "actors/store/etcd/etcd_store.hpp"
#include "actors/store/replica/store_replica.hpp"
#include "messages/store_replica.hpp"
#include "tests/e2e/child_process.hpp"
#include "tests/e2e/free_port.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::bench {

namespace {

using namespace std::chrono_literals;

struct processes {
  e2e::scratch_dir dir{"navarch-store-bench-"};
  std::vector<std::unique_ptr<e2e::child_process>> children;
};

std::string member_list(const std::vector<uint16_t>& ports, const std::string& prefix) {
  std::string out;
  for (std::size_t i = 0; i < ports.size(); ++i)
    out += (i ? ", " : "") + prefix + std::to_string(ports[i]);
  return out;
}

}  // namespace

store_backend navarch_in_process(caf::actor_system& sys) {
  auto dir = std::make_shared<e2e::scratch_dir>("navarch-store-bench-");
  store_backend b{"navarch, in-process", 1, {}, dir};
  b.store = store::spawn_store_replica(sys, {(dir->path() / "store").string()});
  return b;
}

store_backend navarch_processes(caf::actor_system& sys, const std::string& navarch, int members) {
  auto procs = std::make_shared<processes>();
  std::vector<uint16_t> ports;
  for (int i = 0; i < members; ++i)
    ports.push_back(e2e::free_loopback_port());
  const std::string peers = member_list(ports, "127.0.0.1:");
  for (int i = 1; i <= members; ++i) {
    const auto conf = procs->dir.path() / ("n" + std::to_string(i) + ".yaml");
    e2e::write_file(conf, "node:\n  name: n" + std::to_string(i) + "\n  data-dir: " +
                              (procs->dir.path() / ("n" + std::to_string(i))).string() +
                              "\n  listen: 127.0.0.1:" + std::to_string(ports[i - 1]) +
                              "\nstore:\n  replica-id: " + std::to_string(i) + "\n  peers: [" + peers + "]\n");
    procs->children.push_back(std::make_unique<e2e::child_process>(
        std::vector<std::string>{navarch, "node", "--config", conf.string()}, std::vector<std::string>{},
        procs->dir.path() / ("n" + std::to_string(i))));
  }
  for (auto& c : procs->children)
    if (!c->await_out("ready", 10s))
      throw std::runtime_error("navarch node did not start: " + c->err());
  // Clients talk to member 1 whoever leads, as etcd's clients below do: followers forward.
  auto first = sys.middleman().remote_actor<msg::store_replica_actor>("127.0.0.1", ports[0]);
  if (!first)
    throw std::runtime_error("cannot reach navarch node 1: " + sys.render(first.error()));
  caf::scoped_actor self{sys};
  bool led = false;
  for (int attempt = 0; attempt < 200 && !led; ++attempt) {
    self->request(*first, 1s, msg::replica_status_request{})
        .receive([&](const msg::replica_status& s) { led = s.leader != 0; }, [](caf::error&) {});
    if (!led)
      std::this_thread::sleep_for(50ms);
  }
  if (!led)
    throw std::runtime_error("the navarch replicas elected no leader");
  return store_backend{"navarch, " + std::to_string(members) + " processes", members,
                       caf::actor_cast<msg::store_actor>(*first), procs};
}

store_backend etcd_members(caf::actor_system& sys, int members) {
  auto procs = std::make_shared<processes>();
  std::vector<uint16_t> client_ports, peer_ports;
  for (int i = 0; i < members; ++i) {
    client_ports.push_back(e2e::free_loopback_port());
    peer_ports.push_back(e2e::free_loopback_port());
  }
  std::string cluster;
  for (int i = 0; i < members; ++i)
    cluster += (i ? "," : "") + ("m" + std::to_string(i + 1)) + "=http://127.0.0.1:" + std::to_string(peer_ports[i]);
  for (int i = 0; i < members; ++i) {
    const std::string client = "http://127.0.0.1:" + std::to_string(client_ports[i]);
    const std::string peer = "http://127.0.0.1:" + std::to_string(peer_ports[i]);
    const std::string metrics = "http://127.0.0.1:" + std::to_string(e2e::free_loopback_port());
    procs->children.push_back(std::make_unique<e2e::child_process>(
        std::vector<std::string>{"etcd", "--logger=zap", "--log-outputs=stderr", "--name", "m" + std::to_string(i + 1),
                                 "--data-dir", (procs->dir.path() / ("m" + std::to_string(i + 1))).string(),
                                 "--listen-client-urls", client, "--advertise-client-urls", client,
                                 "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                                 "--initial-cluster", cluster, "--initial-cluster-state", "new",
                                 "--listen-metrics-urls", metrics},
        std::vector<std::string>{"PATH=/usr/bin:/bin:/usr/sbin:/sbin"},
        procs->dir.path() / ("m" + std::to_string(i + 1))));
  }
  for (auto& c : procs->children)
    if (!c->await_err("serving client traffic", 30s))
      throw std::runtime_error("etcd did not start: " + c->err());
  etcd::etcd_options opts;
  opts.endpoints.push_back(http::endpoint{"127.0.0.1", client_ports[0]});
  return store_backend{"etcd 3.4, " + std::to_string(members) + (members == 1 ? " member" : " members"), members,
                       etcd::spawn_etcd_store(sys, opts), procs};
}

}  // namespace navarch::bench
