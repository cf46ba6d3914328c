#include "actors/scheduler/queue/scheduling_queue.hpp"

#include <algorithm>

namespace navarch::scheduler {

scheduling_queue::scheduling_queue(queue_options opts) : opts_(opts) {}

bool scheduling_queue::contains(const std::string& key) const {
  return in_active_.count(key) > 0 || waiting_.count(key) > 0;
}

void scheduling_queue::add(const std::string& key) {
  if (contains(key)) return;
  active_.push_back(key);
  in_active_.insert(key);
}

void scheduling_queue::remove(const std::string& key) {
  if (in_active_.erase(key)) active_.erase(std::find(active_.begin(), active_.end(), key));
  waiting_.erase(key);
  attempts_.erase(key);
}

std::chrono::milliseconds scheduling_queue::backoff_for(const std::string& key) {
  int n = ++attempts_[key];
  auto d = opts_.initial_backoff;
  for (int i = 1; i < n && d < opts_.max_backoff; ++i) d *= 2;
  return std::min(d, opts_.max_backoff);
}

void scheduling_queue::unschedulable(const std::string& key, steady::time_point now) {
  auto d = backoff_for(key);
  waiting_[key] = waiting_pod{now + d, now, true};
}

void scheduling_queue::retry(const std::string& key, steady::time_point now) {
  auto d = backoff_for(key);
  waiting_[key] = waiting_pod{now + d, now, false};
}

void scheduling_queue::cluster_changed(steady::time_point) {
  for (auto& [key, w] : waiting_) w.parked = false;
}

void scheduling_queue::promote(steady::time_point now) {
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    const auto& w = it->second;
    bool ready = w.parked ? now - w.parked_at >= opts_.max_unschedulable : now >= w.ready_at;
    if (ready) {
      active_.push_back(it->first);
      in_active_.insert(it->first);
      it = waiting_.erase(it);
    } else {
      ++it;
    }
  }
}

std::optional<std::string> scheduling_queue::pop(steady::time_point now) {
  promote(now);
  if (active_.empty()) return std::nullopt;
  std::string key = std::move(active_.front());
  active_.pop_front();
  in_active_.erase(key);
  return key;
}

std::optional<steady::time_point> scheduling_queue::next_ready() const {
  std::optional<steady::time_point> next;
  for (const auto& [key, w] : waiting_) {
    auto at = w.parked ? w.parked_at + opts_.max_unschedulable : w.ready_at;
    if (!next || at < *next) next = at;
  }
  return next;
}

}  // namespace navarch::scheduler
