// The watch cache: a window of recent store events, decoded once, and the registered watches they fan out to.
// Pure: the actor feeds it store events and sends the deliveries it returns.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "actors/apiserver/core/filter.hpp"
#include "actors/apiserver/core/reads.hpp"
#include "messages/store.hpp"

namespace navarch::api {

struct kind_strategy;

struct watch_spec {
  const kind_strategy* resource = nullptr;
  std::string ns;  // "" = all namespaces
  object_filter filter;
  read_format format;
  bool bookmarks = false;
};

struct delivery {
  int64_t watch_id = 0;
  std::string type;    // ADDED MODIFIED DELETED BOOKMARK
  std::string object;  // rendered JSON (object or one-row Table)
  int64_t rv = 0;
};

struct cached_event {
  const kind_strategy* resource = nullptr;
  std::string ns;
  std::string name;
  bool deleted = false;
  std::shared_ptr<const boost::json::value> object;  // new state; for deletes the last state
  std::shared_ptr<const boost::json::value> prev;    // state before, if any
  int64_t rv = 0;
};

class watch_hub {
 public:
  explicit watch_hub(size_t window_capacity);

  // Starts (or restarts) the window: events after `rv` will follow.
  void reset(int64_t rv);
  int64_t latest_rv() const { return latest_rv_; }
  int64_t oldest_rv() const { return oldest_rv_; }

  // Registers a watch that continues after `from_rv`. Returns the window's events after from_rv that match, or
  // nullopt when from_rv is older than the window (the caller answers 410 Expired).
  std::optional<std::vector<delivery>> add(int64_t id, watch_spec spec, int64_t from_rv, clock::time_point now);
  void remove(int64_t id);
  size_t size() const { return watches_.size(); }

  // Decodes one store event into the window and returns what each matching watch must receive.
  std::vector<delivery> push(const msg::watch_event& ev, clock::time_point now);

  std::vector<delivery> bookmarks() const;

  // Renders an object as a watch event object in the watch's format (used for the initial ADDED events too).
  static std::string render(const watch_spec& spec, const boost::json::value& obj, int64_t rv,
                            clock::time_point now);

 private:
  struct watch {
    watch_spec spec;
    int64_t from_rv = 0;
  };
  void match(int64_t id, const watch& w, const cached_event& e, clock::time_point now,
             std::vector<delivery>& out) const;

  size_t capacity_;
  std::deque<cached_event> window_;
  int64_t oldest_rv_ = 0;  // the window holds every event with rv > oldest_rv_
  int64_t latest_rv_ = 0;
  std::map<int64_t, watch> watches_;
};

// Splits a store key /registry/<resource>/[<ns>/]<name>.
struct key_parts {
  const kind_strategy* resource = nullptr;
  std::string ns;
  std::string name;
};
std::optional<key_parts> parse_key(std::string_view key);

}  // namespace navarch::api
