// What a reader can observe of an MVCC store, as text, and random write histories: tests compare two stores (a
// restored snapshot, a restarted replica) with a reference by everything they answer.
#pragma once

#include <algorithm>
#include <random>
#include <sstream>
#include <string>

#include "actors/store/mvcc.hpp"
#include "tests/unit/store_test_util.hpp"

namespace navarch::store::testing {

// Text renderings of responses, so two stores can be compared on everything they answer.
inline void put_kv(std::ostream& o, const msg::key_value& kv) {
  o << '{' << kv.key << '=' << kv.value << ' ' << kv.create_revision << ' ' << kv.mod_revision << ' '
    << kv.version << '}';
}

inline std::string dump(const msg::range_response& r) {
  std::ostringstream o;
  o << "err=" << r.error << " rev=" << r.revision << " count=" << r.count << " more=" << r.more;
  for (const auto& kv : r.kvs)
    put_kv(o, kv);
  return o.str();
}

inline std::string dump(const txn_result& t) {
  std::ostringstream o;
  o << "err=" << t.response.error << " ok=" << t.response.succeeded << " rev=" << t.response.revision;
  for (const auto& r : t.response.responses) {
    o << " [" << int{r.kind} << ' ' << dump(r.range) << " del=" << r.deleted;
    for (const auto& kv : r.prev_kvs)
      put_kv(o, kv);
    o << ']';
  }
  for (const auto& ev : t.events) {
    o << " ev" << int{ev.type};
    put_kv(o, ev.kv);
    put_kv(o, ev.prev_kv);
  }
  return o.str();
}

inline std::string dump(const history_result& h) {
  std::ostringstream o;
  o << "err=" << h.error << " compact=" << h.compact_revision;
  for (const auto& ev : h.events) {
    o << " ev" << int{ev.type};
    put_kv(o, ev.kv);
    put_kv(o, ev.prev_kv);
  }
  return o.str();
}

// Everything a reader can observe: every retained revision's full range, and the history from the compaction
// point on (and the refusal below it).
inline std::string observe(const mvcc& m) {
  std::ostringstream o;
  o << "rev=" << m.revision() << " compact=" << m.compact_revision() << " keys=" << m.key_count() << '\n';
  for (int64_t rev = std::max<int64_t>(m.compact_revision() - 1, 1); rev <= m.revision() + 1; ++rev)
    o << rev << ": " << dump(m.range(range_req("\x01", std::string(1, '\0'), rev))) << '\n';
  o << dump(m.events_since("\x01", std::string(1, '\0'), m.compact_revision())) << '\n';
  o << dump(m.events_since("k1", "k5", m.compact_revision() + 1)) << '\n';
  if (m.compact_revision() > 0)
    o << dump(m.events_since("\x01", std::string(1, '\0'), m.compact_revision() - 1)) << '\n';
  return o.str();
}

// A random write: a put, a delete (single or range), or a conditional txn of several ops.
inline msg::txn_request random_txn(std::mt19937& rng) {
  auto key = [&] { return "k" + std::to_string(rng() % 8); };
  const auto pick = rng() % 10;
  if (pick < 5)
    return txn_of(put_op(key(), "v" + std::to_string(rng() % 1000)));
  if (pick < 7)
    return txn_of(rng() % 2 ? del_op(key()) : del_op(key(), key()));
  msg::txn_request t;
  t.compares.push_back(cmp_num(key(), msg::compare::version, msg::compare::greater, rng() % 3));
  t.success.push_back(put_op("k" + std::to_string(rng() % 4), "s", true));
  t.success.push_back(range_op("k0", "k9"));
  t.success.push_back(del_op("k" + std::to_string(4 + rng() % 4), {}, true));
  t.failure.push_back(put_op(key(), "f"));
  return t;
}

}  // namespace navarch::store::testing
