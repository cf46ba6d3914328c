// An in-process cluster for integration tests: the all-in-one assembly of `navarch up` on a temporary data
// directory and a free port, in its own actor system.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "messages/api_actor.hpp"

namespace caf {
class actor_system;
}

namespace navarch::test_support {

class test_cluster {
 public:
  test_cluster();
  ~test_cluster();

  caf::actor_system& system();
  msg::api_actor api() const;
  // Sends one API call and waits for the answer.
  msg::api_response call(msg::api_request req);
  uint16_t port() const;
  std::filesystem::path pki_dir() const;  // ca.crt, admin.crt, admin.key
  std::filesystem::path dir() const;

  // Stops everything and starts again on the same data directory, as a process restart would.
  void restart();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

msg::api_request make_request(std::string verb, std::string resource, std::string ns = {}, std::string name = {},
                              std::string body = {});

}  // namespace navarch::test_support
