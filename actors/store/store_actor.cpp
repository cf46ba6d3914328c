#include "actors/store/store_actor.hpp"

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/store/durable_store.hpp"

namespace navarch::store {

namespace {

// Group commit: the store sends itself one flush per burst of writes; it syncs the WAL once for all of them.
using flush_atom = caf::atom_constant<caf::atom("flush")>;
using store_impl = msg::store_actor::extend<caf::reacts_to<flush_atom>>;

struct watch {
  caf::actor subscriber;
  std::string key;
  std::string range_end;
  bool prev_kv = false;
  int64_t next_revision = 0;  // events below this were delivered already (or precede the watch)
};

// Consistency: writes are applied to the MVCC state at once, so a later txn's compares see earlier ones in the
// same order the WAL replays them, and logged to the WAL buffer. Every reply that depends on state not yet on
// disk — writes, and any read, txn, compaction or watch registration arriving while such state exists — waits
// for the flush. Clients therefore never observe a write before it is durable, and reads stay linearizable:
// a read is answered only once everything it could see is acknowledged.
struct store_state {
  std::shared_ptr<durable_store> store;
  store_options opts;
  // Work waiting for the next flush, in arrival order; the flag says whether the sync succeeded.
  std::vector<std::function<void(bool durable)>> after_sync;
  std::vector<msg::watch_event> unsynced_events;
  bool flush_scheduled = false;
  std::map<int64_t, watch> watches;
  std::map<caf::actor_addr, std::set<int64_t>> watches_of;  // by subscriber, to drop them when it goes down
  int64_t next_watch_id = 1;
  const char* name = "navarch.store";
};

using self_ptr = store_impl::stateful_pointer<store_state>;

// Sends the events of `w`'s range from its next revision on, in batches that never split a revision.
void deliver(self_ptr self, int64_t id, watch& w, const std::vector<msg::watch_event>& events) {
  msg::watch_batch batch;
  batch.watch_id = id;
  int64_t last = 0;
  for (const auto& ev : events) {
    const int64_t rev = ev.kv.mod_revision;
    if (rev < w.next_revision || !in_range(ev.kv.key, w.key, w.range_end))
      continue;
    if (batch.events.size() >= self->state.opts.max_batch_events && rev != last) {
      caf::anon_send(w.subscriber, std::move(batch));
      batch = {};
      batch.watch_id = id;
    }
    batch.events.push_back(ev);
    if (!w.prev_kv)
      batch.events.back().prev_kv = {};
    last = rev;
  }
  if (!batch.events.empty())
    caf::anon_send(w.subscriber, std::move(batch));
  if (last != 0)
    w.next_revision = last + 1;
}

void schedule_flush(self_ptr self) {
  if (!self->state.flush_scheduled) {
    self->state.flush_scheduled = true;
    self->send(self, flush_atom::value);
  }
}

// Answers through `rp` now when nothing unsynced exists, else after the next successful flush.
template <class Promise, class Compute, class Failed>
void answer(self_ptr self, Promise rp, Compute compute, Failed failed) {
  if (!self->state.store->has_unsynced()) {
    compute(rp);
    return;
  }
  self->state.after_sync.emplace_back([rp, compute, failed](bool durable) mutable {
    if (durable)
      compute(rp);
    else
      rp.deliver(failed());
  });
  schedule_flush(self);
}

void drop_watch(self_ptr self, int64_t id, bool notify) {
  auto it = self->state.watches.find(id);
  if (it == self->state.watches.end())
    return;
  const caf::actor_addr addr = it->second.subscriber.address();
  if (notify) {
    msg::watch_batch last;
    last.watch_id = id;
    last.canceled = true;
    caf::anon_send(it->second.subscriber, std::move(last));
  }
  self->state.watches.erase(it);
  auto& ids = self->state.watches_of[addr];
  ids.erase(id);
  if (ids.empty()) {
    self->state.watches_of.erase(addr);
    self->demonitor(addr);
  }
}

// Registers a watch on the synced state: replays history from its start revision, then it is live.
void add_watch(self_ptr self, caf::typed_response_promise<msg::watch_response> rp, const msg::watch_request& req,
               const caf::actor& subscriber) {
  auto& st = self->state;
  const mvcc& state = st.store->state();
  msg::watch_response resp;
  if (!subscriber || req.key.empty() || req.start_revision < 0) {
    resp.error = msg::store_bad_request;
    rp.deliver(resp);
    return;
  }
  if (st.watches.size() >= st.opts.max_watches) {
    rp.deliver(caf::make_error(caf::sec::runtime_error,
                               "store: watch limit reached (" + std::to_string(st.opts.max_watches) + " watches)"));
    return;
  }
  watch w{subscriber, req.key, req.range_end, req.prev_kv,
          req.start_revision == 0 ? state.revision() + 1 : req.start_revision};
  history_result history;
  if (w.next_revision <= state.revision()) {
    history = state.events_since(req.key, req.range_end, w.next_revision);
    if (history.error != msg::store_ok) {
      resp.error = history.error;
      resp.compact_revision = history.compact_revision;
      rp.deliver(resp);
      return;
    }
  }
  const int64_t id = st.next_watch_id++;
  resp.watch_id = id;
  auto& ids = st.watches_of[subscriber.address()];
  if (ids.empty())
    self->monitor(subscriber);
  ids.insert(id);
  auto& stored = st.watches.emplace(id, std::move(w)).first->second;
  rp.deliver(resp);  // before any batch, so the subscriber knows the id first
  deliver(self, id, stored, history.events);
  stored.next_revision = std::max(stored.next_revision, state.revision() + 1);
}

void flush(self_ptr self) {
  auto& st = self->state;
  st.flush_scheduled = false;
  bool durable = true;
  try {
    st.store->sync();
  } catch (const std::exception& e) {
    // The in-memory state is now ahead of the disk; only a restart (replaying the WAL) makes them agree again.
    std::cerr << "navarch store: " << e.what() << "; stopping the store\n";
    durable = false;
  }
  auto waiting = std::exchange(st.after_sync, {});
  auto events = std::exchange(st.unsynced_events, {});
  for (auto& f : waiting)
    f(durable);
  if (!durable) {
    for (auto it = st.watches.begin(); it != st.watches.end();)
      drop_watch(self, (it++)->first, true);
    self->quit(caf::make_error(caf::sec::runtime_error, "store: WAL sync failed"));
    return;
  }
  if (!events.empty())
    for (auto& [id, w] : st.watches)
      deliver(self, id, w, events);
}

store_impl::behavior_type store_behavior(self_ptr self, std::shared_ptr<durable_store> store, store_options opts) {
  self->state.store = std::move(store);
  self->state.opts = std::move(opts);
  self->set_down_handler([self](caf::down_msg& dm) {
    auto it = self->state.watches_of.find(dm.source);
    if (it == self->state.watches_of.end())
      return;
    for (int64_t id : std::set<int64_t>(it->second))
      drop_watch(self, id, false);
  });
  return {
      [self](const msg::range_request& req) -> caf::result<msg::range_response> {
        auto rp = self->make_response_promise<msg::range_response>();
        answer(
            self, rp, [self, req](auto& p) { p.deliver(self->state.store->state().range(req)); },
            [] { return msg::range_response{msg::store_unavailable, {}, false, 0, 0}; });
        return rp;
      },
      [self](const msg::txn_request& req) -> caf::result<msg::txn_response> {
        auto result = self->state.store->txn(req);
        auto& events = self->state.unsynced_events;
        events.insert(events.end(), std::make_move_iterator(result.events.begin()),
                      std::make_move_iterator(result.events.end()));
        auto rp = self->make_response_promise<msg::txn_response>();
        answer(
            self, rp, [resp = std::move(result.response)](auto& p) { p.deliver(resp); },
            [] { return msg::txn_response{msg::store_unavailable, false, 0, {}}; });
        return rp;
      },
      [self](const msg::compact_request& req) -> caf::result<msg::compact_response> {
        auto resp = self->state.store->compact(req.revision);
        auto rp = self->make_response_promise<msg::compact_response>();
        answer(
            self, rp, [resp](auto& p) { p.deliver(resp); },
            [] { return msg::compact_response{msg::store_unavailable, 0}; });
        return rp;
      },
      [self](const msg::watch_request& req, const caf::actor& subscriber) -> caf::result<msg::watch_response> {
        auto rp = self->make_response_promise<msg::watch_response>();
        answer(
            self, rp, [self, req, subscriber](auto& p) { add_watch(self, p, req, subscriber); },
            [] { return msg::watch_response{msg::store_unavailable, 0, 0}; });
        return rp;
      },
      [self](const msg::watch_cancel& c) { drop_watch(self, c.watch_id, true); },
      [self](flush_atom) { flush(self); },
  };
}

}  // namespace

msg::store_actor spawn_store(caf::actor_system& sys, const store_options& opts) {
  auto store = std::make_shared<durable_store>(opts.data_dir);
  store_impl impl = sys.spawn<caf::detached>(store_behavior, std::move(store), opts);
  return impl;
}

}  // namespace navarch::store
