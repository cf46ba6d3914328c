// Inside an apiserver worker: one of a pool that decodes, validates, patches and encodes requests, reads the
// store directly, and hands decided writes to the apiserver actor, which orders them. Every request carries a
// deadline: past it the work stops where it is and the client gets a 504 Timeout Status. Included by the worker
// files only.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include <caf/all.hpp>

#include "actors/apiserver/actor/apiserver_actor.hpp"
#include "actors/apiserver/actor/core_protocol.hpp"
#include "actors/apiserver/actor/request_helpers.hpp"
#include "actors/apiserver/core/writes.hpp"

namespace navarch::apiserver::detail {

// Requests each worker holds (queued or waiting for the store), shared with the pool's dispatch policy, which
// gives each request to the least busy worker so that a slow request does not hold up the ones behind it.
struct pool_load {
  explicit pool_load(std::size_t workers) : outstanding(workers) {}
  std::vector<std::atomic<int>> outstanding;
  std::atomic<std::size_t> next{0};  // where the search for the least busy worker starts, for fairness
};

struct worker_state {
  worker_state() = default;  // not an aggregate: CAF would otherwise try to build the state from the actor pointer
  core_actor core;
  msg::store_actor store;
  apiserver_options opts;
  std::shared_ptr<pool_load> load;
  std::size_t index = 0;  // this worker's place in the pool (and in load->outstanding)
  static inline const char* name = "apiserver-worker";
};

using worker_ptr = msg::api_actor::stateful_pointer<worker_state>;

msg::api_actor::behavior_type worker(worker_ptr self, core_actor core, msg::store_actor store,
                                     apiserver_options opts, std::shared_ptr<pool_load> load, std::size_t index);

// worker.cpp: the time a request has left.
// How long a store round trip may take: what is left of the request's time, within the store timeout.
std::chrono::milliseconds time_left(worker_ptr self, steady::time_point deadline);
// Answers 504 when the deadline has passed; the caller then stops working on the request.
bool gave_up(steady::time_point deadline, const reply_fn& rp);
// A failed round trip to the store (or to the apiserver actor): past the deadline a 504 for the request, else
// the store's failure.
std::function<void(caf::error&)> failed(steady::time_point deadline, reply_fn rp);

// read_handlers.cpp
void handle_get(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                steady::time_point deadline);
void handle_list(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                 steady::time_point deadline);

// write_handlers.cpp
using decide_fn = std::function<api::plan_or_error(const json::object& current, int64_t rv)>;
void handle_create(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                   steady::time_point deadline, int attempt = 0);
void read_modify_write(worker_ptr self, api::route rt, api_request req, decide_fn decide, reply_fn rp,
                       steady::time_point deadline, int attempt);
void handle_deletecollection(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                             steady::time_point deadline);

}  // namespace navarch::apiserver::detail
