// A component actor for informer tests: it owns one informer (as later components will), records every handler
// call, and answers the test thread's questions about its cache.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/client/informer.hpp"

namespace navarch::test_support {

using client::informer_options;
using client::server_resolver;

using strings = std::vector<std::string>;

// Polls `pred` until it holds or `limit` passes; returns its last value.
bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds limit = std::chrono::seconds(5));

class test_owner {
 public:
  // Spawns the owner actor, which starts its informer at once. Handler calls are recorded as
  // "add ns/name@rv", "update ns/name@oldrv->rv", "delete ns/name@rv" and "synced".
  test_owner(caf::actor_system& sys, server_resolver server, informer_options options);
  ~test_owner();  // kills the actor

  // Waits (failing the test after 5 s) for `skip + n` handler calls and returns the ones after the first `skip`.
  strings events_after(std::size_t skip, std::size_t n);
  strings events(std::size_t n) { return events_after(0, n); }
  std::size_t event_count() const;

  std::string dump();  // "synced rv=N ns/a@1 ns/b@2": synced(), resource_version() and the cache, in key order
  std::string last_error();
  void stop();  // informer::stop() inside the actor

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace navarch::test_support
