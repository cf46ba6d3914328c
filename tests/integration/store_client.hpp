// Blocking calls to any msg::store_actor, for tests: the built-in store and the etcd store answer the same
// protocol, so their suites share these.
#pragma once

#include <chrono>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "messages/store_actor.hpp"
#include "tests/unit/store_test_util.hpp"

namespace navarch::store::testing {

template <class Resp, class... Req>
Resp store_call(caf::actor_system& sys, const msg::store_actor& store, std::chrono::seconds timeout,
                const Req&... req) {
  caf::scoped_actor self{sys};
  Resp out;
  self->request(store, timeout, req...)
      .receive([&](Resp& r) { out = std::move(r); },
               [&](caf::error& e) { ADD_FAILURE() << "store error: " << sys.render(e); });
  return out;
}

// Receives one watch_batch on `self`, failing the test after `timeout`.
inline msg::watch_batch next_batch(caf::scoped_actor& self, std::chrono::seconds timeout) {
  msg::watch_batch out;
  self->receive([&](msg::watch_batch& b) { out = std::move(b); },
                caf::after(timeout) >> [timeout] { ADD_FAILURE() << "no watch batch within " << timeout.count() << " s"; });
  return out;
}

}  // namespace navarch::store::testing
