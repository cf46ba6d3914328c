#include "actors/store/replica/replica_watches.hpp"

#include <algorithm>
#include <utility>

#include <caf/local_actor.hpp>
#include <caf/send.hpp>

namespace navarch::store {

void replica_watches::init(caf::local_actor* owner, std::size_t max_watches, std::size_t max_batch_events) {
  owner_ = owner;
  max_watches_ = max_watches;
  max_batch_events_ = max_batch_events;
}

// Sends the events of `w`'s range from its next revision on, in batches that never split a revision.
void replica_watches::deliver(int64_t id, watch& w, const std::vector<msg::watch_event>& events) {
  msg::watch_batch batch;
  batch.watch_id = id;
  int64_t last = 0;
  for (const auto& ev : events) {
    const int64_t rev = ev.kv.mod_revision;
    if (rev < w.next_revision || !in_range(ev.kv.key, w.key, w.range_end))
      continue;
    if (batch.events.size() >= max_batch_events_ && rev != last) {
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

void replica_watches::drop(int64_t id, bool notify, int64_t compact_revision) {
  auto it = watches_.find(id);
  if (it == watches_.end())
    return;
  const caf::actor_addr addr = it->second.subscriber.address();
  if (notify) {
    msg::watch_batch last;
    last.watch_id = id;
    last.canceled = true;
    last.compact_revision = compact_revision;
    caf::anon_send(it->second.subscriber, std::move(last));
  }
  watches_.erase(it);
  auto& ids = watches_of_[addr];
  ids.erase(id);
  if (ids.empty()) {
    watches_of_.erase(addr);
    owner_->demonitor(addr);
  }
}

void replica_watches::add(caf::typed_response_promise<msg::watch_response> rp, const msg::watch_request& req,
                          const caf::actor& subscriber, const mvcc& state) {
  msg::watch_response resp;
  if (!subscriber || req.key.empty() || req.start_revision < 0) {
    resp.error = msg::store_bad_request;
    rp.deliver(resp);
    return;
  }
  if (watches_.size() >= max_watches_) {
    rp.deliver(caf::make_error(caf::sec::runtime_error,
                               "store: watch limit reached (" + std::to_string(max_watches_) + " watches)"));
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
  const int64_t id = next_id_++;
  resp.watch_id = id;
  auto& ids = watches_of_[subscriber.address()];
  if (ids.empty())
    owner_->monitor(subscriber);
  ids.insert(id);
  auto& stored = watches_.emplace(id, std::move(w)).first->second;
  rp.deliver(resp);
  deliver(id, stored, history.events);
  stored.next_revision = std::max(stored.next_revision, state.revision() + 1);
}

void replica_watches::cancel(int64_t id) { drop(id, true); }

void replica_watches::cancel_all() {
  while (!watches_.empty())
    drop(watches_.begin()->first, true);
}

void replica_watches::subscriber_down(const caf::actor_addr& who) {
  auto it = watches_of_.find(who);
  if (it == watches_of_.end())
    return;
  for (int64_t id : std::set<int64_t>(it->second))
    drop(id, false);
}

void replica_watches::publish(const std::vector<msg::watch_event>& events) {
  if (events.empty())
    return;
  for (auto& [id, w] : watches_)
    deliver(id, w, events);
}

void replica_watches::resync(const mvcc& state) {
  std::vector<int64_t> ids;
  for (auto& [id, w] : watches_)
    ids.push_back(id);
  for (int64_t id : ids) {
    watch& w = watches_.at(id);
    if (w.next_revision > state.revision())
      continue;
    history_result h = state.events_since(w.key, w.range_end, w.next_revision);
    if (h.error == msg::store_compacted) {
      drop(id, true, h.compact_revision);
      continue;
    }
    deliver(id, w, h.events);
    w.next_revision = std::max(w.next_revision, state.revision() + 1);
  }
}

}  // namespace navarch::store
