#include "actors/store/raft/storage.hpp"

#include <stdexcept>

namespace navarch::raft {

uint64_t entry_bytes(const entry& e) { return e.data.size() + 24; }

void limit_size(std::vector<entry>& es, uint64_t max_bytes) {
  uint64_t total = 0;
  for (std::size_t i = 0; i < es.size(); ++i) {
    total += entry_bytes(es[i]);
    if (i > 0 && total > max_bytes) {
      es.resize(i);
      return;
    }
  }
}

memory_storage::memory_storage() : ents_(1) {}

std::vector<entry> memory_storage::entries(uint64_t lo, uint64_t hi, uint64_t max_bytes) const {
  if (lo < first_index() || hi > last_index() + 1 || lo > hi)
    throw std::out_of_range("raft storage: entries out of range");
  uint64_t off = ents_.front().index;
  std::vector<entry> out(ents_.begin() + static_cast<std::ptrdiff_t>(lo - off),
                         ents_.begin() + static_cast<std::ptrdiff_t>(hi - off));
  limit_size(out, max_bytes);
  return out;
}

std::optional<uint64_t> memory_storage::term(uint64_t i) const {
  uint64_t off = ents_.front().index;
  if (i < off || i > last_index())
    return std::nullopt;
  return ents_[i - off].term;
}

void memory_storage::append(const std::vector<entry>& es) {
  if (es.empty())
    return;
  uint64_t first = first_index();
  if (es.back().index < first)
    return;
  auto from = es.begin();
  if (es.front().index < first)
    from += static_cast<std::ptrdiff_t>(first - es.front().index);
  if (from->index > last_index() + 1)
    throw std::logic_error("raft storage: append leaves a gap");
  ents_.resize(from->index - ents_.front().index);  // drop the conflicting (or identical) suffix
  ents_.insert(ents_.end(), from, es.end());
}

void memory_storage::apply_snapshot(const snapshot& s) {
  if (s.index <= snap_.index)
    return;
  snap_ = s;
  ents_.assign(1, entry{s.term, s.index, entry_type::normal, {}});
}

void memory_storage::create_snapshot(uint64_t i, const conf_state& cs, std::string data) {
  if (i <= snap_.index)
    return;
  if (i > last_index())
    throw std::logic_error("raft storage: snapshot beyond the last index");
  snap_ = snapshot{i, *term(i), cs, std::move(data)};
}

void memory_storage::compact(uint64_t i) {
  uint64_t off = ents_.front().index;
  if (i <= off)
    return;
  if (i > last_index())
    throw std::logic_error("raft storage: compaction beyond the last index");
  ents_.erase(ents_.begin(), ents_.begin() + static_cast<std::ptrdiff_t>(i - off));
  ents_.front().data.clear();
}

}  // namespace navarch::raft
