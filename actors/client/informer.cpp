#include "actors/client/informer.hpp"

#include <algorithm>
#include <atomic>
#include <vector>

#include <caf/all.hpp>

namespace navarch::client {

namespace {

std::atomic<uint64_t> next_informer_id{1};

// Events that arrive while a watch request is pending may belong to it (if the apiserver's events overtake its
// reply); they are kept until the reply names the watch. Past this many, the informer relists instead.
constexpr std::size_t max_early_events = 4096;

}  // namespace

struct informer::impl : std::enable_shared_from_this<impl> {
  enum class phase { idle, listing, watch_pending, watching, waiting };
  enum class step { relist, rewatch };

  impl(caf::event_based_actor* owner, server_resolver resolver, informer_options options,
       informer_handlers hs)
      : self(owner),
        resolve(std::move(resolver)),
        opts(std::move(options)),
        handlers(std::move(hs)),
        client(opts.resource, opts.user) {}

  caf::event_based_actor* self;
  server_resolver resolve;
  informer_options opts;
  informer_handlers handlers;
  resource_client client;
  object_cache cache;
  const uint64_t id = next_informer_id++;
  uint64_t generation = 0;  // bumped by every new attempt: replies and ticks of older ones are ignored
  phase state = phase::idle;
  step after_wait = step::relist;
  msg::api_actor server;  // the apiserver of the current attempt
  caf::actor_addr monitored;
  int64_t watch_id = 0;
  std::vector<msg::api_watch_event> early;
  bool early_overflow = false;
  int failures = 0;  // consecutive attempts without progress; sets the back-off
  bool synced = false;
  std::string last_error;

  bool pick_server() {
    server = resolve ? resolve() : msg::api_actor{};
    if (!server) return false;
    if (server.address() != monitored) {
      if (monitored) self->demonitor(monitored);
      monitored = server.address();
      self->monitor(server);
    }
    return true;
  }

  void list() {
    const auto gen = ++generation;
    state = phase::listing;
    if (!pick_server()) return retry(step::relist, "no apiserver");
    list_options lo;
    lo.label_selector = opts.label_selector;
    lo.field_selector = opts.field_selector;
    self->request(server, opts.request_timeout, client.list(opts.ns, lo))
        .then(
            [w = weak_from_this(), gen](msg::api_response& r) {
              if (auto p = w.lock(); p && p->generation == gen) p->on_list_reply(r);
            },
            [w = weak_from_this(), gen](caf::error& e) {
              if (auto p = w.lock(); p && p->generation == gen)
                p->retry(step::relist, "list: " + p->self->home_system().render(e));
            });
  }

  void on_list_reply(const msg::api_response& r) {
    if (r.code != 200) return retry(step::relist, "list: " + reply_error(r));
    auto result = cache.apply_list(r.body);
    if (!result.ok()) return retry(step::relist, result.error);
    failures = 0;
    const auto gen = generation;
    if (!dispatch(result.deltas)) return;
    if (!synced) {
      synced = true;
      if (handlers.on_synced) handlers.on_synced();
      if (gen != generation) return;
    }
    watch();
  }

  void watch() {
    const auto gen = ++generation;
    state = phase::watch_pending;
    watch_id = 0;
    early.clear();
    early_overflow = false;
    if (!pick_server()) return retry(step::relist, "no apiserver");
    watch_options wo;
    wo.label_selector = opts.label_selector;
    wo.field_selector = opts.field_selector;
    wo.resource_version = cache.resource_version();
    wo.timeout_seconds = opts.watch_timeout.count();
    auto* owner = self;
    self->request(server, opts.request_timeout, client.watch(opts.ns, wo), caf::actor_cast<caf::actor>(self))
        .then(
            [w = weak_from_this(), gen, owner, srv = server](msg::api_response& r) {
              auto p = w.lock();
              if (p && p->generation == gen) return p->on_watch_reply(r);
              // A reply for an attempt given up meanwhile: release the watch it registered.
              if (auto stale = reply_watch_id(r)) owner->send(srv, msg::api_watch_cancel{stale});
            },
            [w = weak_from_this(), gen](caf::error& e) {
              if (auto p = w.lock(); p && p->generation == gen)
                p->retry(step::relist, "watch: " + p->self->home_system().render(e));
            });
  }

  void on_watch_reply(const msg::api_response& r) {
    const auto wid = reply_watch_id(r);
    // 410 Expired or another failure: start over.
    if (wid == 0)
      return retry(step::relist, "watch: " + (succeeded(r) ? "no watchId in " + r.body : reply_error(r)));
    state = phase::watching;
    watch_id = wid;
    failures = 0;
    const auto gen = generation;
    // The watchdog: the apiserver closes the watch by timeoutSeconds; silence well past that means it is lost.
    self->delayed_send(caf::actor_cast<caf::actor>(self), opts.watch_timeout + opts.watch_grace,
                       informer_tick{id, gen});
    if (early_overflow) return retry(step::relist, "watch: too many events before the reply");
    auto buffered = std::move(early);
    early.clear();
    for (const auto& ev : buffered) {
      if (gen != generation) return;
      if (ev.watch_id == wid) handle_event(ev);
    }
  }

  void on_event(const msg::api_watch_event& ev) {
    if (state == phase::watching && ev.watch_id == watch_id) {
      handle_event(ev);
    } else if (state == phase::watch_pending) {
      if (early.size() < max_early_events)
        early.push_back(ev);
      else
        early_overflow = true;
    }
  }

  void handle_event(const msg::api_watch_event& ev) {
    if (ev.type == "ERROR") {
      state = phase::waiting;  // the apiserver ended the watch: nothing to cancel
      return retry(step::relist, "watch ERROR " + std::to_string(status_code(ev.object)) + ": " + ev.object);
    }
    if (!ev.type.empty()) {
      auto result = cache.apply_event(ev.type, ev.object, ev.resource_version);
      if (!result.ok()) return retry(step::relist, result.error);
      failures = 0;
      if (!dispatch(result.deltas)) return;
    }
    if (ev.closed) {
      state = phase::waiting;
      retry(step::rewatch, "watch closed");
    }
  }

  // Calls the handlers; false when one of them stopped or restarted the informer.
  bool dispatch(const std::vector<cache_delta>& deltas) {
    const auto gen = generation;
    auto keep_alive = shared_from_this();  // a handler may destroy the informer
    for (const auto& d : deltas) {
      switch (d.kind) {
        case cache_delta::added:
          if (handlers.on_add) handlers.on_add(d.object);
          break;
        case cache_delta::updated:
          if (handlers.on_update) handlers.on_update(d.old_object, d.object);
          break;
        case cache_delta::deleted:
          if (handlers.on_delete) handlers.on_delete(d.object);
          break;
      }
      if (gen != generation) return false;
    }
    return true;
  }

  void cancel_watch() {
    if (state == phase::watching && server) self->send(server, msg::api_watch_cancel{watch_id});
    watch_id = 0;
    early.clear();
  }

  // Gives up the current attempt and schedules `next` after the back-off.
  void retry(step next, std::string why) {
    last_error = std::move(why);
    cancel_watch();
    const auto gen = ++generation;
    state = phase::waiting;
    after_wait = next;
    ++failures;
    auto delay = opts.initial_backoff * (int64_t{1} << std::min(failures - 1, 20));
    delay = std::min(delay, opts.max_backoff);
    self->delayed_send(caf::actor_cast<caf::actor>(self), delay, informer_tick{id, gen});
  }

  void on_tick(const informer_tick& t) {
    if (t.informer != id || t.generation != generation) return;
    if (state == phase::waiting)
      after_wait == step::relist ? list() : watch();
    else if (state == phase::watching)
      retry(step::relist, "watch: silent past its timeout");  // the watchdog fired
  }

  void on_down(const caf::down_msg& dm) {
    if (!monitored || dm.source != monitored) return;
    monitored = nullptr;
    server = nullptr;
    if (state == phase::listing || state == phase::watch_pending || state == phase::watching) {
      state = phase::waiting;  // nobody left to cancel the watch with
      retry(step::relist, "apiserver down: " + self->home_system().render(dm.reason));
    }
  }

  void stop() {
    cancel_watch();
    ++generation;
    state = phase::idle;
    if (monitored) self->demonitor(monitored);
    monitored = nullptr;
  }
};

informer::informer(caf::event_based_actor* self, server_resolver server, informer_options options,
                   informer_handlers handlers)
    : impl_(std::make_shared<impl>(self, std::move(server), std::move(options), std::move(handlers))) {}

informer::~informer() = default;

void informer::start() {
  if (impl_->state != impl::phase::idle) return;
  impl_->failures = 0;
  impl_->list();
}

void informer::stop() { impl_->stop(); }
void informer::on_watch_event(const msg::api_watch_event& event) { impl_->on_event(event); }
void informer::on_tick(const informer_tick& tick) { impl_->on_tick(tick); }
void informer::on_down(const caf::down_msg& down) { impl_->on_down(down); }
bool informer::synced() const { return impl_->synced; }
const object_cache& informer::cache() const { return impl_->cache; }
const std::string& informer::last_error() const { return impl_->last_error; }
int64_t informer::resource_version() const { return impl_->cache.resource_version(); }

}  // namespace navarch::client
