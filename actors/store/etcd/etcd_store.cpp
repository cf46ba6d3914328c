#include "actors/store/etcd/etcd_store.hpp"

#include <algorithm>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/store/etcd/etcd_codec.hpp"

namespace navarch::etcd {
namespace {

// Work handed from the HTTP client's thread to the actor, so that all state changes and replies happen in it.
struct actor_task {
  std::function<void()> run;
};

}  // namespace
}  // namespace navarch::etcd

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::etcd::actor_task)

namespace navarch::etcd {
namespace {

using store_impl = msg::store_actor::extend<caf::reacts_to<actor_task>>;

// A broken watch stream is reopened after 100, 200, 400, 800, 1600 ms (per endpoint), so a restarting etcd keeps
// its watches; after that the watch is canceled and the subscriber re-lists.
constexpr std::size_t reconnect_attempts_per_endpoint = 5;
constexpr std::chrono::milliseconds first_reconnect_delay{100};

struct watch {
  caf::actor subscriber;
  msg::watch_request req;
  caf::typed_response_promise<msg::watch_response> reply;
  bool replied = false;
  int64_t next_revision = 0;  // events below it were delivered (or precede the watch); 0 = not known yet
  std::shared_ptr<http::stream_handle> stream;
  line_splitter lines;
  std::size_t failures = 0;  // streams ended since the last message arrived
};

struct etcd_state {
  // Declared first so it is destroyed last: its destructor stops the I/O thread before anything else goes.
  std::unique_ptr<http::client> client;
  etcd_options opts;
  std::size_t current = 0;  // index of the endpoint in use
  std::map<int64_t, watch> watches;
  std::map<caf::actor_addr, std::set<int64_t>> watches_of;  // by subscriber, to drop them when it goes down
  int64_t next_watch_id = 1;
  const char* name = "navarch.etcd_store";
};

using self_ptr = store_impl::stateful_pointer<etcd_state>;

// A callback for the client's thread that runs `f(arg)` inside the actor, if it still exists.
template <class Arg, class F>
std::function<void(Arg)> in_actor(self_ptr self, F f) {
  // A weak reference: the client (owned by the actor) must not keep the actor alive.
  return [weak = self->address(), f = std::move(f)](Arg arg) mutable {
    if (auto strong = caf::actor_cast<caf::actor>(weak))
      caf::anon_send(strong, actor_task{[f = f, arg = std::move(arg)]() mutable { f(std::move(arg)); }});
  };
}

void log(const std::string& what) { std::cerr << "navarch etcd store: " << what << "\n"; }

// POSTs to the current endpoint; on a failure that another endpoint may cure (no connection at all, or any
// transport failure of a request that is safe to repeat), moves to the next endpoint and tries again, once
// per endpoint. `k` runs in the actor.
void call(self_ptr self, const char* path, std::string body, bool repeatable,
          std::function<void(http::client_response)> k, std::size_t tries = 0) {
  auto& st = self->state;
  const std::size_t used = st.current;
  st.client->post(
      st.opts.endpoints[used], path, body, st.opts.request_timeout,
      in_actor<http::client_response>(self, [self, path, body, repeatable, k, tries, used](
                                                http::client_response r) mutable {
        const bool retry = r.failure == http::client_response::connect ||
                           (repeatable && r.failure != http::client_response::none);
        auto& st = self->state;
        if (retry && tries + 1 < st.opts.endpoints.size()) {
          if (st.current == used) st.current = (used + 1) % st.opts.endpoints.size();
          call(self, path, std::move(body), repeatable, std::move(k), tries + 1);
          return;
        }
        k(std::move(r));
      }));
}

// The reply for an etcd answer: decoded when it succeeded, else the store error it stands for.
template <class Response, class Decode>
Response interpret(const http::client_response& r, Decode decode) {
  Response out;
  if (r.failure != http::client_response::none) {
    log(r.error);
    out.error = msg::store_unavailable;
    return out;
  }
  if (r.status / 100 != 2) {
    out.error = error_of(r.status, r.body);
    if (out.error == msg::store_unavailable) log("HTTP " + std::to_string(r.status) + ": " + r.body);
    return out;
  }
  try {
    return decode(r.body);
  } catch (const std::exception& e) {
    log(e.what());
    out.error = msg::store_unavailable;
    return out;
  }
}

void open_stream(self_ptr self, int64_t id);

// Forgets watch `id` and closes its stream; `last` (if given) is the final batch its subscriber gets.
void drop_watch(self_ptr self, int64_t id, const msg::watch_batch* last) {
  auto& st = self->state;
  auto it = st.watches.find(id);
  if (it == st.watches.end()) return;
  auto& w = it->second;
  if (!w.replied) {
    msg::watch_response resp{msg::store_unavailable, 0, 0};
    if (last && last->compact_revision > 0) resp = {msg::store_compacted, 0, last->compact_revision};
    w.reply.deliver(resp);
  } else if (last) {
    caf::anon_send(w.subscriber, *last);
  }
  if (w.stream) w.stream->cancel();
  const caf::actor_addr addr = w.subscriber.address();
  st.watches.erase(it);
  auto& ids = st.watches_of[addr];
  ids.erase(id);
  if (ids.empty()) {
    st.watches_of.erase(addr);
    self->demonitor(addr);
  }
}

void cancel_with(self_ptr self, int64_t id, int64_t compact_revision) {
  msg::watch_batch last;
  last.watch_id = id;
  last.canceled = true;
  last.compact_revision = compact_revision;
  drop_watch(self, id, &last);
}

void on_watch_message(self_ptr self, int64_t id, watch& w, const watch_message& m) {
  if (m.created && !w.replied) {
    w.replied = true;
    w.reply.deliver(msg::watch_response{msg::store_ok, id, 0});  // before any batch, as the built-in store does
  }
  if (m.created && w.next_revision == 0) w.next_revision = m.revision + 1;  // a watch "from now"
  msg::watch_batch batch;
  batch.watch_id = id;
  for (const auto& ev : m.events) {
    // After a reconnection the stream restarts at next_revision; anything older was delivered already.
    if (ev.kv.mod_revision < w.next_revision) continue;
    batch.events.push_back(ev);
  }
  if (!batch.events.empty()) {
    w.next_revision = batch.events.back().kv.mod_revision + 1;
    caf::anon_send(w.subscriber, std::move(batch));
  }
  if (m.canceled) {
    if (m.compact_revision == 0) log("watch canceled by etcd: " + m.cancel_reason);
    cancel_with(self, id, m.compact_revision);
  }
}

void on_stream_data(self_ptr self, int64_t id, const std::string& data) {
  auto it = self->state.watches.find(id);
  if (it == self->state.watches.end()) return;
  auto& w = it->second;
  w.lines.feed(data);
  std::vector<std::string> lines;
  w.lines.take(lines);
  for (const auto& line : lines) {
    watch_message m;
    try {
      m = decode_watch_message(line);
    } catch (const std::exception& e) {
      log(std::string(e.what()) + "; canceling watch " + std::to_string(id));
      cancel_with(self, id, 0);
      return;
    }
    w.failures = 0;
    on_watch_message(self, id, w, m);
    if (!self->state.watches.count(id)) return;  // canceled by that message
  }
}

// The stream ended without our asking: etcd went away (reconnect with back-off, moving to the next endpoint when
// one refuses connections, and resume where the subscriber is) or refused the watch.
void on_stream_end(self_ptr self, int64_t id, const http::client_response& r) {
  auto it = self->state.watches.find(id);
  if (it == self->state.watches.end()) return;
  auto& w = it->second;
  w.stream.reset();
  w.lines = {};
  auto& st = self->state;
  const std::size_t n = st.opts.endpoints.size();
  if (r.failure == http::client_response::none && r.status / 100 != 2) {
    log("watch refused: HTTP " + std::to_string(r.status) + " " + r.body);
  } else if (++w.failures <= reconnect_attempts_per_endpoint * n) {
    log("watch stream ended (" + (r.failure ? r.error : std::string("closed by etcd")) + "); reconnecting");
    if (r.failure == http::client_response::connect) st.current = (st.current + 1) % n;
    const auto delay = std::min(first_reconnect_delay * (1 << std::min<std::size_t>(w.failures - 1, 4)),
                                std::chrono::milliseconds(2000));
    self->delayed_send(self, delay, actor_task{[self, id] {
                         auto again = self->state.watches.find(id);
                         if (again != self->state.watches.end() && !again->second.stream) open_stream(self, id);
                       }});
    return;
  }
  cancel_with(self, id, 0);
}

void open_stream(self_ptr self, int64_t id) {
  auto& st = self->state;
  auto& w = st.watches.at(id);
  msg::watch_request req = w.req;
  if (w.next_revision != 0) req.start_revision = w.next_revision;
  w.stream = st.client->stream(
      st.opts.endpoints[st.current], watch_path, encode(req),
      in_actor<const std::string&>(self, [self, id](const std::string& data) { on_stream_data(self, id, data); }),
      in_actor<http::client_response>(self, [self, id](http::client_response r) { on_stream_end(self, id, r); }));
}

caf::result<msg::watch_response> add_watch(self_ptr self, const msg::watch_request& req,
                                           const caf::actor& subscriber) {
  auto& st = self->state;
  if (!subscriber || req.key.empty() || req.start_revision < 0)
    return msg::watch_response{msg::store_bad_request, 0, 0};
  if (st.watches.size() >= st.opts.max_watches)
    return caf::make_error(caf::sec::runtime_error,
                           "etcd store: watch limit reached (" + std::to_string(st.opts.max_watches) + " watches)");
  const int64_t id = st.next_watch_id++;
  auto rp = self->make_response_promise<msg::watch_response>();
  watch w;
  w.subscriber = subscriber;
  w.req = req;
  w.reply = rp;
  w.next_revision = req.start_revision;
  st.watches.emplace(id, std::move(w));
  auto& ids = st.watches_of[subscriber.address()];
  if (ids.empty()) self->monitor(subscriber);
  ids.insert(id);
  open_stream(self, id);
  return rp;
}

store_impl::behavior_type etcd_behavior(self_ptr self, etcd_options opts) {
  http::client_options copts;
  copts.connect_timeout = opts.connect_timeout;
  self->state.client = std::make_unique<http::client>(copts);
  self->state.opts = std::move(opts);
  self->set_down_handler([self](caf::down_msg& dm) {
    auto it = self->state.watches_of.find(dm.source);
    if (it == self->state.watches_of.end()) return;
    for (int64_t id : std::set<int64_t>(it->second)) drop_watch(self, id, nullptr);
  });
  return {
      [self](const msg::range_request& req) -> caf::result<msg::range_response> {
        auto rp = self->make_response_promise<msg::range_response>();
        call(self, range_path, encode(req), true, [rp](http::client_response r) mutable {
          rp.deliver(interpret<msg::range_response>(r, decode_range));
        });
        return rp;
      },
      [self](const msg::txn_request& req) -> caf::result<msg::txn_response> {
        std::string body;
        try {
          body = encode(req);
        } catch (const std::invalid_argument&) {
          return msg::txn_response{msg::store_bad_request, false, 0, {}};
        }
        auto rp = self->make_response_promise<msg::txn_response>();
        call(self, txn_path, std::move(body), false, [rp](http::client_response r) mutable {
          rp.deliver(interpret<msg::txn_response>(r, decode_txn));
        });
        return rp;
      },
      [self](const msg::compact_request& req) -> caf::result<msg::compact_response> {
        auto rp = self->make_response_promise<msg::compact_response>();
        call(self, compact_path, encode(req), true, [rp](http::client_response r) mutable {
          rp.deliver(interpret<msg::compact_response>(r, decode_compact));
        });
        return rp;
      },
      [self](const msg::watch_request& req, const caf::actor& subscriber) -> caf::result<msg::watch_response> {
        return add_watch(self, req, subscriber);
      },
      [self](const msg::watch_cancel& c) { cancel_with(self, c.watch_id, 0); },
      [](actor_task& t) { t.run(); },
  };
}

}  // namespace

std::string probe_etcd(const std::vector<http::endpoint>& endpoints, std::chrono::milliseconds timeout) {
  http::client_options copts;
  copts.connect_timeout = timeout;
  http::client client(copts);
  std::string why = "no endpoint given";
  for (const auto& ep : endpoints) {
    std::promise<http::client_response> answer;
    auto got = answer.get_future();
    client.post(ep, range_path, encode(msg::range_request{"/", "", 0, 1, true}), timeout,
                [&answer](http::client_response r) { answer.set_value(std::move(r)); });
    auto r = got.get();
    if (r.failure == http::client_response::none && r.status == 200) return {};
    why = r.failure != http::client_response::none
              ? r.error
              : ep.host + ":" + std::to_string(ep.port) + " answered HTTP " + std::to_string(r.status);
  }
  return why;
}

msg::store_actor spawn_etcd_store(caf::actor_system& sys, etcd_options opts) {
  if (opts.endpoints.empty()) throw std::invalid_argument("etcd store: no endpoint given");
  store_impl impl = sys.spawn(etcd_behavior, std::move(opts));
  return impl;
}

}  // namespace navarch::etcd
