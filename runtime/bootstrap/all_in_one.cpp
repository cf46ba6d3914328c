#include "runtime/bootstrap/all_in_one.hpp"

#include <unistd.h>

#include <caf/all.hpp>

#include "actors/apiserver/actor/apiserver_actor.hpp"
#include "actors/apiserver/actor/http_front.hpp"
#include "actors/kubelet/actor/kubelet_actor.hpp"
#include "actors/store/store_actor.hpp"
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

}  // namespace

struct all_in_one::impl {
  all_in_one_options opts;
  msg::store_actor store;
  msg::api_actor api;
  caf::actor kubelet;
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

  impl_->store = store::spawn_store(sys, store::store_options{(opts.data_dir / "store").string()});
  apiserver::apiserver_options api_opts;
  api_opts.bookmark_interval = opts.bookmark_interval;
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

  kubelet::kubelet_options ko;
  ko.node.name = opts.node_name.empty() ? host_name() : opts.node_name;
  ko.node.pod_cidr = "10.244.0.0/24";
  impl_->kubelet = kubelet::spawn_kubelet(sys, impl_->api, ko);
}

all_in_one::~all_in_one() { stop(); }

void all_in_one::stop() {
  if (impl_->front) impl_->front->stop();
  impl_->front.reset();
  if (impl_->kubelet) caf::anon_send_exit(impl_->kubelet, caf::exit_reason::user_shutdown);
  if (impl_->api) caf::anon_send_exit(impl_->api, caf::exit_reason::user_shutdown);
  if (impl_->store) caf::anon_send_exit(impl_->store, caf::exit_reason::user_shutdown);
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
