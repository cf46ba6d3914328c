#include "actors/store/raft/log.hpp"

#include <algorithm>
#include <stdexcept>

namespace navarch::raft {

raft_log::raft_log(const storage& s)
    : storage_(s), offset_(s.last_index() + 1), committed_(s.first_index() - 1), applied_(s.first_index() - 1) {}

uint64_t raft_log::first_index() const {
  return unstable_snap_ ? unstable_snap_->index + 1 : storage_.first_index();
}

uint64_t raft_log::last_index() const {
  if (!unstable_.empty())
    return offset_ + unstable_.size() - 1;
  if (unstable_snap_)
    return unstable_snap_->index;
  return storage_.last_index();
}

std::optional<uint64_t> raft_log::term(uint64_t i) const {
  if (i + 1 < first_index() || i > last_index())
    return std::nullopt;
  if (!unstable_.empty() && i >= offset_)
    return unstable_[i - offset_].term;
  if (unstable_snap_ && i == unstable_snap_->index)
    return unstable_snap_->term;
  if (unstable_snap_)
    return std::nullopt;  // below a pending snapshot: storage's entries are about to be replaced
  return storage_.term(i);
}

std::optional<std::vector<entry>> raft_log::entries_from(uint64_t lo, uint64_t max_bytes) const {
  if (lo < first_index())
    return std::nullopt;
  return slice(lo, last_index() + 1, max_bytes);
}

std::vector<entry> raft_log::slice(uint64_t lo, uint64_t hi, uint64_t max_bytes) const {
  std::vector<entry> out;
  if (lo >= hi)
    return out;
  if (lo < offset_)
    out = storage_.entries(lo, std::min(hi, offset_), max_bytes);
  if (hi > offset_ && (out.empty() || out.back().index + 1 == offset_)) {
    for (uint64_t i = std::max(lo, offset_); i < hi; ++i)
      out.push_back(unstable_[i - offset_]);
  }
  limit_size(out, max_bytes);
  return out;
}

uint64_t raft_log::find_conflict(const std::vector<entry>& es) const {
  for (const auto& e : es)
    if (!match_term(e.index, e.term))
      return e.index;
  return 0;
}

std::optional<uint64_t> raft_log::maybe_append(uint64_t prev_index, uint64_t prev_term, uint64_t commit,
                                               const std::vector<entry>& es) {
  if (!match_term(prev_index, prev_term))
    return std::nullopt;
  uint64_t last_new = prev_index + es.size();
  uint64_t conflict = find_conflict(es);
  if (conflict != 0) {
    if (conflict <= committed_)
      throw std::logic_error("raft: entry conflicts with a committed entry");
    append(std::vector<entry>(es.begin() + static_cast<std::ptrdiff_t>(conflict - prev_index - 1), es.end()));
  }
  commit_to(std::min(commit, last_new));
  return last_new;
}

uint64_t raft_log::append(const std::vector<entry>& es) {
  if (es.empty())
    return last_index();
  uint64_t after = es.front().index;
  if (after <= committed_)
    throw std::logic_error("raft: append would overwrite committed entries");
  if (after == offset_ + unstable_.size()) {
    unstable_.insert(unstable_.end(), es.begin(), es.end());
  } else if (after <= offset_) {
    // Replaces the unstable tail entirely; storage keeps its copy until the driver overwrites it.
    offset_ = after;
    unstable_ = es;
  } else {
    unstable_.resize(after - offset_);
    unstable_.insert(unstable_.end(), es.begin(), es.end());
  }
  return last_index();
}

std::pair<uint64_t, uint64_t> raft_log::find_conflict_by_term(uint64_t i, uint64_t t) const {
  for (;; --i) {
    auto ti = term(i);
    if (!ti)
      return {i, 0};
    if (*ti <= t || i == 0)
      return {i, *ti};
  }
}

void raft_log::commit_to(uint64_t i) {
  if (i <= committed_)
    return;
  if (i > last_index())
    throw std::logic_error("raft: commit index beyond the log");
  committed_ = i;
}

bool raft_log::maybe_commit(uint64_t i, uint64_t t) {
  if (i > committed_ && term(i) == t) {
    commit_to(i);
    return true;
  }
  return false;
}

void raft_log::applied_to(uint64_t i) {
  if (i == 0)
    return;
  if (i > committed_ || i < applied_)
    throw std::logic_error("raft: applied index out of range");
  applied_ = i;
}

bool raft_log::has_next_committed() const { return committed_ > std::max(applied_, first_index() - 1); }

std::vector<entry> raft_log::next_committed(uint64_t max_bytes) const {
  uint64_t lo = std::max(applied_ + 1, first_index());
  if (committed_ < lo)
    return {};
  return slice(lo, committed_ + 1, max_bytes);
}

void raft_log::stable_to(uint64_t i, uint64_t t) {
  if (i < offset_ || i >= offset_ + unstable_.size() || unstable_[i - offset_].term != t)
    return;  // already replaced by a newer append
  unstable_.erase(unstable_.begin(), unstable_.begin() + static_cast<std::ptrdiff_t>(i + 1 - offset_));
  offset_ = i + 1;
}

void raft_log::stable_snap_to(uint64_t i) {
  if (unstable_snap_ && unstable_snap_->index == i)
    unstable_snap_.reset();
}

void raft_log::restore(const snapshot& s) {
  committed_ = s.index;
  unstable_snap_ = s;
  unstable_.clear();
  offset_ = s.index + 1;
}

}  // namespace navarch::raft
