// The simulation's only source of time and randomness: a seeded event queue. Events at the same time run in the
// order they were scheduled, so a seed replays exactly.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <utility>

namespace navarch::sim {

using sim_time = int64_t;  // milliseconds of simulated time

class scheduler {
 public:
  explicit scheduler(uint64_t seed) : rng_(seed) {}

  sim_time now() const { return now_; }
  void at(sim_time t, std::function<void()> f) { q_.emplace(std::make_pair(t, seq_++), std::move(f)); }
  void after(sim_time d, std::function<void()> f) { at(now_ + d, std::move(f)); }

  // Runs every event due at or before `end`, then sets the clock to `end`.
  void run_until(sim_time end) {
    while (!q_.empty() && q_.begin()->first.first <= end) {
      auto node = q_.extract(q_.begin());
      now_ = node.key().first;
      node.mapped()();
    }
    now_ = end;
  }

  bool chance(double p) { return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int64_t uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
  sim_time now_ = 0;
  uint64_t seq_ = 0;
  std::map<std::pair<sim_time, uint64_t>, std::function<void()>> q_;
};

}  // namespace navarch::sim
