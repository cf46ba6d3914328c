#include "tests/integration/client_test_owner.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <optional>
#include <thread>

#include <boost/json.hpp>
#include <caf/all.hpp>

namespace navarch::test_support {
namespace {

using namespace client;

using namespace std::chrono_literals;
using dump_atom = caf::atom_constant<caf::atom("dump")>;
using stop_atom = caf::atom_constant<caf::atom("stop")>;
using why_atom = caf::atom_constant<caf::atom("why")>;

// What the handlers saw, in order; written by the owner, read by the test thread.
struct recorder {
  mutable std::mutex m;
  strings events;
  void add(std::string e) {
    std::lock_guard<std::mutex> g(m);
    events.push_back(std::move(e));
  }
  strings all() const {
    std::lock_guard<std::mutex> g(m);
    return events;
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> g(m);
    return events.size();
  }
};

std::string rv_of(const object_ptr& o) {
  const auto& meta = o->at("metadata").as_object();
  auto it = meta.find("resourceVersion");
  return it != meta.end() && it->value().is_string() ? std::string(it->value().get_string()) : "?";
}

struct owner_state {
  std::optional<informer> objects;
};

caf::behavior owner(caf::stateful_actor<owner_state>* self, server_resolver server, informer_options opts,
                    std::shared_ptr<recorder> rec) {
  informer_handlers h;
  h.on_add = [rec](const object_ptr& o) { rec->add("add " + object_key(*o) + "@" + rv_of(o)); };
  h.on_update = [rec](const object_ptr& old, const object_ptr& o) {
    rec->add("update " + object_key(*o) + "@" + rv_of(old) + "->" + rv_of(o));
  };
  h.on_delete = [rec](const object_ptr& o) { rec->add("delete " + object_key(*o) + "@" + rv_of(o)); };
  h.on_synced = [rec] { rec->add("synced"); };
  auto& inf = self->state.objects.emplace(self, std::move(server), std::move(opts), std::move(h));
  self->set_down_handler([=](caf::down_msg& dm) { self->state.objects->on_down(dm); });
  inf.start();
  return {
      [=](const msg::api_watch_event& ev) { self->state.objects->on_watch_event(ev); },
      [=](const informer_tick& t) { self->state.objects->on_tick(t); },
      [=](dump_atom) {
        const auto& i = *self->state.objects;
        std::string out = std::string(i.synced() ? "synced" : "unsynced") + " rv=" +
                          std::to_string(i.resource_version());
        for (const auto& o : i.cache().list()) out += " " + object_key(*o) + "@" + rv_of(o);
        return out;
      },
      [=](why_atom) { return self->state.objects->last_error(); },
      [=](stop_atom) { self->state.objects->stop(); },
  };
}

}  // namespace

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds limit) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}

struct test_owner::impl {
  impl(caf::actor_system& s) : sys(s), me(s) {}
  caf::actor_system& sys;
  caf::scoped_actor me;
  std::shared_ptr<recorder> rec = std::make_shared<recorder>();
  caf::actor actor;

  template <class Atom>
  std::string ask(Atom what) {
    std::string out;
    me->request(actor, 5s, what).receive([&](std::string& s) { out = std::move(s); },
                                         [&](caf::error& e) { ADD_FAILURE() << "owner: " << sys.render(e); });
    return out;
  }
};

test_owner::test_owner(caf::actor_system& sys, server_resolver server, informer_options options)
    : impl_(std::make_unique<impl>(sys)) {
  impl_->actor = sys.spawn(owner, std::move(server), std::move(options), impl_->rec);
}

test_owner::~test_owner() { impl_->me->send_exit(impl_->actor, caf::exit_reason::kill); }

strings test_owner::events_after(std::size_t skip, std::size_t n) {
  EXPECT_TRUE(eventually([&] { return impl_->rec->size() >= skip + n; }))
      << "only " << impl_->rec->size() << " of " << skip + n << " handler calls";
  auto all = impl_->rec->all();
  return strings(all.begin() + static_cast<std::ptrdiff_t>(std::min(skip, all.size())), all.end());
}

std::size_t test_owner::event_count() const { return impl_->rec->size(); }
std::string test_owner::dump() { return impl_->ask(dump_atom::value); }
std::string test_owner::last_error() { return impl_->ask(why_atom::value); }
void test_owner::stop() { impl_->me->send(impl_->actor, stop_atom::value); }

}  // namespace navarch::test_support
