#include "actors/store/replica/store_replica.hpp"

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <utility>
#include <variant>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/store/replica/raft_codec.hpp"
#include "actors/store/replica/raft_disk.hpp"
#include "actors/store/replica/replica_core.hpp"
#include "actors/store/replica/replica_watches.hpp"

namespace navarch::store {

namespace {

using tick_atom = caf::atom_constant<caf::atom("tick")>;
using process_atom = caf::atom_constant<caf::atom("process")>;
using replica_impl = msg::store_replica_actor::extend<caf::reacts_to<tick_atom>, caf::reacts_to<process_atom>>;
using clock = std::chrono::steady_clock;

using promise = std::variant<caf::typed_response_promise<msg::txn_response>,
                             caf::typed_response_promise<msg::range_response>,
                             caf::typed_response_promise<msg::compact_response>>;

// A client request this replica cannot place yet: it waits for a leader to be known.
struct parked_request {
  clock::time_point deadline;
  std::function<void(bool expired)> resume;
};

struct replica_state {
  replica_state() = default;
  store_replica_options opts;
  std::shared_ptr<raft_disk> disk;
  std::unique_ptr<replica_core> core;
  std::map<uint64_t, msg::store_replica_actor> peers;
  std::map<uint64_t, promise> promises;  // by token
  uint64_t next_token = 1;
  std::vector<parked_request> parked;
  bool process_scheduled = false;
  replica_watches watches;
  const char* name = "navarch.store_replica";
};

using self_ptr = replica_impl::stateful_pointer<replica_state>;

void schedule_process(self_ptr self) {
  if (!self->state.process_scheduled) {
    self->state.process_scheduled = true;
    self->send(self, process_atom::value);
  }
}

template <class Promise>
struct response_of;
template <class T>
struct response_of<caf::typed_response_promise<T>> {
  using type = T;
};

template <class Response>
Response error_response(int32_t error) {
  Response r;
  r.error = error;
  return r;
}

// Places a client request: with the core when this replica leads, at the leader when it knows one, else parked
// until a leader appears (or the wait times out). `submit` hands the request to the core under a token.
template <class Request, class Response, class Submit>
void route(self_ptr self, caf::typed_response_promise<Response> rp, Request req, Submit submit) {
  auto& st = self->state;
  const uint64_t token = st.next_token++;
  if (submit(*st.core, token, req)) {
    st.promises.emplace(token, rp);
    schedule_process(self);
    return;
  }
  auto leader = st.peers.find(st.core->leader());
  if (leader != st.peers.end() && leader->first != st.opts.id) {
    rp.delegate(leader->second, std::move(req));
    return;
  }
  st.parked.push_back(parked_request{clock::now() + st.opts.leader_wait, [self, rp, req, submit](bool expired) mutable {
                               if (expired)
                                 rp.deliver(error_response<Response>(msg::store_unavailable));
                               else
                                 route(self, rp, std::move(req), submit);
                             }});
}

bool submit_txn(replica_core& c, uint64_t token, const msg::txn_request& r) { return c.txn(token, r); }
bool submit_read(replica_core& c, uint64_t token, const msg::range_request& r) { return c.read(token, r); }
bool submit_compact(replica_core& c, uint64_t token, const msg::compact_request& r) {
  return c.compact(token, r.revision);
}

// Retries parked requests once a leader is known; fails those whose wait is over.
void resume_parked(self_ptr self) {
  auto& st = self->state;
  if (st.parked.empty())
    return;
  const bool leader_known = st.core->is_leader() || st.peers.count(st.core->leader());
  const auto now = clock::now();
  auto waiting = std::exchange(st.parked, {});
  for (auto& p : waiting) {
    if (leader_known)
      p.resume(false);
    else if (p.deadline <= now)
      p.resume(true);
    else
      st.parked.push_back(std::move(p));
  }
}

void send_raft(const replica_state& st, const std::vector<raft::message>& messages) {
  for (const auto& m : messages) {
    auto peer = st.peers.find(m.to);
    if (peer != st.peers.end())  // an unlinked peer misses it; Raft retries
      caf::anon_send(peer->second, msg::raft_packet{m.from, m.to, encode(m)});
  }
}

void stop_on_disk_failure(self_ptr self, const std::exception& e) {
  auto& st = self->state;
  std::cerr << "navarch store replica " << st.opts.id << ": " << e.what() << "; stopping the replica\n";
  for (auto& [token, p] : st.promises)
    std::visit(
        [](auto& rp) {
          using response = typename response_of<std::decay_t<decltype(rp)>>::type;
          rp.deliver(error_response<response>(msg::store_unavailable));
        },
        p);
  st.promises.clear();
  for (auto& p : st.parked)
    p.resume(true);
  st.parked.clear();
  st.watches.cancel_all();
  self->quit(caf::make_error(caf::sec::runtime_error, "store replica: disk failure"));
}

void process(self_ptr self) {
  auto& st = self->state;
  st.process_scheduled = false;
  replica_output out;
  try {
    out = st.core->process();
  } catch (const std::exception& e) {
    stop_on_disk_failure(self, e);
    return;
  }
  send_raft(st, out.messages);
  if (out.restored)
    st.watches.resync(st.core->kv());
  if (!out.committed.empty()) {
    std::vector<msg::watch_event> events;
    for (auto& rev : out.committed)
      events.insert(events.end(), std::make_move_iterator(rev.events.begin()),
                    std::make_move_iterator(rev.events.end()));
    st.watches.publish(events);
  }
  for (auto& r : out.replies) {
    auto p = st.promises.extract(r.token);
    if (!p)
      continue;
    std::visit(
        [&r](auto& rp) {
          using response = typename response_of<std::decay_t<decltype(rp)>>::type;
          if (auto* body = std::get_if<response>(&r.body))
            rp.deliver(std::move(*body));
        },
        p.mapped());
  }
  for (auto& [token, req] : out.bounced_reads) {
    auto p = st.promises.extract(token);
    if (p)
      route(self, std::get<caf::typed_response_promise<msg::range_response>>(p.mapped()), std::move(req),
            submit_read);
  }
  resume_parked(self);
}

replica_impl::behavior_type replica_behavior(self_ptr self, store_replica_options opts,
                                             std::shared_ptr<raft_disk> disk_handle) {
  auto& st = self->state;
  st.opts = std::move(opts);
  st.disk = std::move(disk_handle);
  replica_options core;
  core.id = st.opts.id;
  core.peers = st.opts.peers;
  core.election_tick = st.opts.election_ticks;
  core.snapshot_every = st.opts.snapshot_every;
  core.snapshot_keep = st.opts.snapshot_keep;
  core.seed = std::random_device{}();
  st.core = std::make_unique<replica_core>(core, *st.disk);
  st.core->send_before_sync = [self](std::vector<raft::message>&& msgs) { send_raft(self->state, msgs); };
  st.watches.init(self, st.opts.max_watches, st.opts.max_batch_events);
  self->set_down_handler([self](caf::down_msg& dm) { self->state.watches.subscriber_down(dm.source); });
  self->send(self, tick_atom::value);
  schedule_process(self);
  return {
      [self](const msg::range_request& req) -> caf::result<msg::range_response> {
        auto rp = self->make_response_promise<msg::range_response>();
        route(self, rp, req, submit_read);
        return rp;
      },
      [self](const msg::txn_request& req) -> caf::result<msg::txn_response> {
        auto rp = self->make_response_promise<msg::txn_response>();
        route(self, rp, req, submit_txn);
        return rp;
      },
      [self](const msg::compact_request& req) -> caf::result<msg::compact_response> {
        auto rp = self->make_response_promise<msg::compact_response>();
        route(self, rp, req, submit_compact);
        return rp;
      },
      [self](const msg::watch_request& req, const caf::actor& subscriber) -> caf::result<msg::watch_response> {
        auto rp = self->make_response_promise<msg::watch_response>();
        self->state.watches.add(rp, req, subscriber, self->state.core->kv());
        return rp;
      },
      [self](const msg::watch_cancel& c) { self->state.watches.cancel(c.watch_id); },
      [self](const msg::raft_packet& p) {
        raft::message m;
        if (p.to != self->state.opts.id || !decode(p.bytes, m))
          return;  // misrouted or corrupt: dropping it is safe, Raft retransmits
        self->state.core->step(m);
        schedule_process(self);
      },
      [self](const msg::replica_peer& p) {
        if (p.id == self->state.opts.id)
          return;
        if (p.handle)
          self->state.peers[p.id] = caf::actor_cast<msg::store_replica_actor>(p.handle);
        else
          self->state.peers.erase(p.id);
        resume_parked(self);
      },
      [self](msg::replica_status_request) {
        auto& c = *self->state.core;
        return msg::replica_status{c.id(),          c.raft().term(),       c.leader(),
                                   c.raft().log().committed(), c.applied(), c.kv().revision(),
                                   self->state.disk->first_index() - 1};
      },
      [self](tick_atom) {
        self->state.core->tick();
        schedule_process(self);
        self->delayed_send(self, self->state.opts.tick, tick_atom::value);
      },
      [self](process_atom) { process(self); },
  };
}

}  // namespace

msg::store_replica_actor spawn_store_replica(caf::actor_system& sys, const store_replica_options& opts) {
  auto disk = std::make_shared<raft_disk>(opts.data_dir);
  replica_impl impl = sys.spawn<caf::detached>(replica_behavior, opts, std::move(disk));
  return impl;
}

}  // namespace navarch::store
