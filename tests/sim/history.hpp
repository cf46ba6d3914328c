// What the clients observed, for the checkers: key-value operations with call/return stamps, and watch sessions.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "messages/store.hpp"

namespace navarch::sim {

// Call and return points in one global order (a counter, finer than simulated milliseconds).
using stamp = uint64_t;
inline constexpr stamp never = std::numeric_limits<stamp>::max();

struct kv_op {
  enum kind_t : uint8_t { put, get, cas };
  kind_t kind = put;
  int client = 0;
  std::string key{};
  std::string value{};                  // put: written; cas: written when the compare holds
  std::optional<std::string> expected{};  // cas: the value compared (nullopt: the key must not exist)
  stamp call = 0;
  stamp ret = never;                    // never: the outcome is unknown (timed out, may or may not have happened)
  std::optional<std::string> observed{};  // get: what it read
  bool succeeded = false;               // cas: whether the compare held
  bool failed = false;                  // refused (not the leader...): certainly without effect, not checked
};
std::string describe(const kv_op& op);

struct watch_session {
  int client = 0;
  uint64_t id = 0;
  int64_t start_revision = 0;
  std::vector<msg::watch_event> events{};  // in arrival order, across reconnects
  bool canceled = false;                 // the cancel was acknowledged
  int events_after_cancel = 0;
  int64_t compacted_at = 0;              // ended because history before start was compacted
};

// What a watch stream carries: events of one or more revisions, or the end of the watch.
struct watch_batch {
  std::vector<msg::watch_event> events;
  bool canceled = false;
  int64_t compact_revision = 0;  // canceled because the history it needed was compacted
};

// The committed history: each revision's events, as the first replica applied them.
using event_history = std::map<int64_t, std::vector<msg::watch_event>>;

}  // namespace navarch::sim
