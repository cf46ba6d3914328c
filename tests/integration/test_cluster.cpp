#include "tests/integration/test_cluster.hpp"

#include <unistd.h>

#include <caf/all.hpp>

#include "runtime/bootstrap/all_in_one.hpp"

namespace fs = std::filesystem;

namespace navarch::test_support {

struct test_cluster::impl {
  fs::path dir;
  std::unique_ptr<caf::actor_system_config> cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<bootstrap::all_in_one> cluster;

  void start() {
    cfg = std::make_unique<caf::actor_system_config>();
    bootstrap::configure(*cfg);
    sys = std::make_unique<caf::actor_system>(*cfg);
    bootstrap::all_in_one_options opts;
    opts.data_dir = dir;
    opts.api_port = 0;
    opts.bookmark_interval = std::chrono::milliseconds(200);
    cluster = std::make_unique<bootstrap::all_in_one>(*sys, opts);
  }

  void stop() {
    cluster.reset();
    sys.reset();  // waits for every actor
    cfg.reset();
  }
};

test_cluster::test_cluster() : impl_(std::make_unique<impl>()) {
  char tmpl[] = "/tmp/navarch-it-XXXXXX";
  impl_->dir = mkdtemp(tmpl);
  impl_->start();
}

test_cluster::~test_cluster() {
  impl_->stop();
  std::error_code ec;
  fs::remove_all(impl_->dir, ec);
}

caf::actor_system& test_cluster::system() { return *impl_->sys; }
msg::api_actor test_cluster::api() const { return impl_->cluster->api(); }
uint16_t test_cluster::port() const { return impl_->cluster->port(); }
fs::path test_cluster::pki_dir() const { return impl_->cluster->pki_dir(); }
fs::path test_cluster::dir() const { return impl_->dir; }

void test_cluster::restart() {
  impl_->stop();
  impl_->start();
}

msg::api_response test_cluster::call(msg::api_request req) {
  caf::scoped_actor self{*impl_->sys};
  msg::api_response out{0, "", ""};
  self->request(api(), std::chrono::seconds(10), std::move(req))
      .receive([&](msg::api_response& r) { out = std::move(r); },
               [&](caf::error& err) { out.body = caf::to_string(err); });
  return out;
}

msg::api_request make_request(std::string verb, std::string resource, std::string ns, std::string name,
                              std::string body) {
  msg::api_request r;
  r.verb = std::move(verb);
  r.version = "v1";
  if (resource == "deployments" || resource == "replicasets" || resource == "daemonsets") r.group = "apps";
  r.resource = std::move(resource);
  r.ns = std::move(ns);
  r.name = std::move(name);
  r.body = std::move(body);
  return r;
}

}  // namespace navarch::test_support
