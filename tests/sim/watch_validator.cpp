#include "tests/sim/watch_validator.hpp"

#include <algorithm>
#include <sstream>

namespace navarch::sim {

namespace {

std::string show(const msg::watch_event& e) {
  std::ostringstream o;
  o << (e.type == msg::watch_event::put ? "put " : "del ") << e.kv.key << "@" << e.kv.mod_revision;
  if (e.type == msg::watch_event::put)
    o << "=\"" << e.kv.value << "\"";
  return o.str();
}

bool same(const msg::watch_event& a, const msg::watch_event& b) {
  return a.type == b.type && a.kv.key == b.kv.key && a.kv.mod_revision == b.kv.mod_revision &&
         a.kv.value == b.kv.value;
}

}  // namespace

std::string validate_watch(const watch_session& w, const event_history& truth) {
  std::ostringstream err;
  if (w.events_after_cancel > 0)
    err << w.events_after_cancel << " event(s) after the cancel was acknowledged; ";
  // The expected stream: every committed event from the start revision on, in order, up to the last one seen.
  std::vector<const msg::watch_event*> expected;
  int64_t last = 0;
  for (const auto& e : w.events)
    last = std::max(last, e.kv.mod_revision);
  for (auto it = truth.lower_bound(w.start_revision); it != truth.end() && it->first <= last; ++it)
    for (const auto& e : it->second)
      expected.push_back(&e);
  std::size_t n = std::max(expected.size(), w.events.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (i >= w.events.size()) {
      err << "missing " << show(*expected[i]) << " (gap)";
      break;
    }
    if (i >= expected.size() || !same(w.events[i], *expected[i])) {
      err << "event #" << i << " is " << show(w.events[i]) << " but the committed history has "
          << (i < expected.size() ? show(*expected[i]) : std::string("nothing more"))
          << (i > 0 && w.events[i].kv.mod_revision <= w.events[i - 1].kv.mod_revision ? " (repeated or back in time)" : "");
      break;
    }
  }
  std::string s = err.str();
  if (s.empty())
    return s;
  std::ostringstream full;
  full << "watch " << w.id << " of client " << w.client << " from revision " << w.start_revision << ": " << s
       << "\n  received:";
  for (const auto& e : w.events)
    full << " " << show(e);
  return full.str();
}

}  // namespace navarch::sim
