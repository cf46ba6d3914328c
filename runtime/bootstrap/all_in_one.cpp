#include "runtime/bootstrap/all_in_one.hpp"

#include <unistd.h>

#include <caf/all.hpp>

#include "actors/apiserver/actor/apiserver_actor.hpp"
#include "actors/apiserver/actor/http_front.hpp"
#include "actors/apiserver/actor/kubernetes_service_publisher.hpp"
#include "actors/kubelet/actor/kubelet_actor.hpp"
#include "actors/scheduler/actor/scheduler_actor.hpp"
#include "actors/store/etcd/endpoints.hpp"
#include "actors/store/etcd/etcd_store.hpp"
#include "actors/store/replica/store_replica.hpp"
#include "messages/registry.hpp"
#include "net/tls/kubeconfig.hpp"
#include "net/tls/pki.hpp"

namespace fs = std::filesystem;

namespace navarch::bootstrap {

namespace {

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

// The etcd store, once etcd has answered a read: an unreachable etcd fails `navarch up` at once, saying why.
msg::store_actor spawn_checked_etcd_store(caf::actor_system& sys, const std::string& urls) {
  auto endpoints = etcd::parse_endpoints(urls);
  if (auto* err = std::get_if<std::string>(&endpoints)) throw std::runtime_error("datastore endpoint: " + *err);
  etcd::etcd_options opts{std::get<std::vector<http::endpoint>>(endpoints)};
  if (auto why = etcd::probe_etcd(opts.endpoints, opts.connect_timeout); !why.empty())
    throw std::runtime_error("cannot reach etcd at " + urls + ": " + why);
  return etcd::spawn_etcd_store(sys, std::move(opts));
}

// The embedded store: one Raft replica. A directory written by a Navarch from before the replica (a bare store.wal)
// is refused rather than silently started empty.
msg::store_actor spawn_embedded_store(caf::actor_system& sys, const std::filesystem::path& dir) {
  if (std::filesystem::exists(dir / "store.wal") && !std::filesystem::exists(dir / "raft.log"))
    throw std::runtime_error((dir / "store.wal").string() +
                             " is a store log of an older Navarch, which this version cannot read; move the data "
                             "directory away to start a new cluster");
  return store::spawn_store_replica(sys, {dir.string()});
}

}  // namespace

struct all_in_one::impl {
  all_in_one_options opts;
  msg::store_actor store;
  msg::api_actor api;
  caf::actor kubelet;
  caf::actor scheduler;
  std::unique_ptr<apiserver::http_front> front;
  std::string url;
};

all_in_one::all_in_one(caf::actor_system& sys, all_in_one_options opts) : impl_(std::make_unique<impl>()) {
  try {
    start(sys, std::move(opts));
  } catch (...) {
    stop();  // leave no actor behind: the actor system waits for every actor when it shuts down
    throw;
  }
}

void all_in_one::start(caf::actor_system& sys, all_in_one_options opts) {
  impl_->opts = opts;
  std::vector<std::string> names{"127.0.0.1", "::1", "localhost", host_name()};
  if (opts.bind_address != "127.0.0.1" && opts.bind_address != "0.0.0.0" && opts.bind_address != "::")
    names.push_back(opts.bind_address);
  auto pki = tls::load_or_create_pki(opts.data_dir / "pki", names);

  impl_->store = opts.datastore_endpoint.empty()
                     ? spawn_embedded_store(sys, opts.data_dir / "store")
                     : spawn_checked_etcd_store(sys, opts.datastore_endpoint);
  apiserver::apiserver_options api_opts;
  api_opts.bookmark_interval = opts.bookmark_interval;
  api_opts.workers = opts.api_workers;
  impl_->api = apiserver::spawn_apiserver(sys, impl_->store, api_opts);

  apiserver::http_front_options fo;
  fo.address = opts.bind_address;
  fo.port = opts.api_port;
  fo.cert_pem = pki.server_cert_pem;
  fo.key_pem = pki.server_key_pem;
  fo.client_ca_pem = pki.ca_cert_pem;
  impl_->front = std::make_unique<apiserver::http_front>(sys, impl_->api, fo);

  std::string host = opts.bind_address == "0.0.0.0" || opts.bind_address == "::" ? "127.0.0.1" : opts.bind_address;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  impl_->url = "https://" + host + ":" + std::to_string(impl_->front->port());
  tls::write_file_atomically(kubeconfig(), tls::make_kubeconfig(impl_->url, pki, "navarch"));
  apiserver::publish_kubernetes_service(sys, impl_->api, host.front() == '[' ? host.substr(1, host.size() - 2) : host,
                                        impl_->front->port());

  kubelet::kubelet_options ko;
  ko.node.name = opts.node_name.empty() ? host_name() : opts.node_name;
  ko.node.pod_cidr = "10.244.0.0/24";
  ko.node.runs_pods = opts.runtime != nullptr;
  ko.node.rootless = opts.rootless;
  impl_->kubelet = kubelet::spawn_kubelet(sys, impl_->api, ko, opts.runtime);
  if (opts.scheduler) impl_->scheduler = scheduler::spawn_scheduler(sys, impl_->api);
}

all_in_one::~all_in_one() { stop(); }

void all_in_one::stop() {
  if (impl_->front) impl_->front->stop();
  impl_->front.reset();
  if (impl_->scheduler) caf::anon_send_exit(impl_->scheduler, caf::exit_reason::user_shutdown);
  if (impl_->kubelet) caf::anon_send_exit(impl_->kubelet, caf::exit_reason::user_shutdown);
  if (impl_->api) caf::anon_send_exit(impl_->api, caf::exit_reason::user_shutdown);
  if (impl_->store) caf::anon_send_exit(impl_->store, caf::exit_reason::user_shutdown);
  impl_->scheduler = nullptr;
  impl_->kubelet = nullptr;
  impl_->api = nullptr;
  impl_->store = nullptr;
}

uint16_t all_in_one::port() const { return impl_->front ? impl_->front->port() : 0; }
std::string all_in_one::server_url() const { return impl_->url; }
fs::path all_in_one::kubeconfig() const { return impl_->opts.data_dir / "kubeconfig"; }
fs::path all_in_one::pki_dir() const { return impl_->opts.data_dir / "pki"; }
msg::api_actor all_in_one::api() const { return impl_->api; }
msg::store_actor all_in_one::store() const { return impl_->store; }

void configure(caf::actor_system_config& cfg) {
  msg::register_messages(cfg);
  cfg.set("logger.console", caf::atom("none"));
}

}  // namespace navarch::bootstrap
