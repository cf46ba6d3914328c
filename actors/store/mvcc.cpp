#include "actors/store/mvcc.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace navarch::store {

namespace {

const std::string all_keys_end(1, '\0');

// Visits every (key, history) of [key, range_end) in key order; works for const and mutable maps.
template <class Map, class F>
void visit_range(Map& keys, const std::string& key, const std::string& range_end, F&& f) {
  if (range_end.empty()) {
    if (auto it = keys.find(key); it != keys.end())
      f(it->first, it->second);
    return;
  }
  for (auto it = keys.lower_bound(key); it != keys.end(); ++it) {
    if (range_end != all_keys_end && it->first >= range_end)
      break;
    f(it->first, it->second);
  }
}

// The newest write at or before `rev`, or nullptr.
const key_revision* latest_at(const key_history& h, int64_t rev) {
  auto it = std::upper_bound(h.begin(), h.end(), rev,
                             [](int64_t r, const key_revision& e) { return r < e.revision; });
  return it == h.begin() ? nullptr : &*std::prev(it);
}

const key_revision* live_latest(const key_history& h) {
  return h.empty() || h.back().tombstone ? nullptr : &h.back();
}

msg::key_value to_kv(const std::string& key, const key_revision& e) {
  return {key, e.value, e.create_revision, e.revision, e.version};
}

template <class T>
bool compare_values(const T& actual, uint8_t result, const T& wanted) {
  switch (result) {
    case msg::compare::equal: return actual == wanted;
    case msg::compare::not_equal: return actual != wanted;
    case msg::compare::greater: return actual > wanted;
    default: return actual < wanted;  // msg::compare::less; validate_txn rejected anything else
  }
}

}  // namespace

bool in_range(const std::string& k, const std::string& key, const std::string& range_end) {
  if (range_end.empty())
    return k == key;
  return k >= key && (range_end == all_keys_end || k < range_end);
}

int32_t validate_txn(const msg::txn_request& req) {
  std::size_t bytes = 0;
  for (const auto& c : req.compares) {
    bytes += c.key.size() + c.text.size();
    if (c.key.empty() || c.target > msg::compare::value || c.result > msg::compare::less)
      return msg::store_bad_request;
  }
  for (const auto* branch : {&req.success, &req.failure}) {
    std::set<std::string> put_keys;
    for (const auto& op : *branch) {
      bytes += op.key.size() + op.range_end.size() + op.value.size();
      if (op.key.empty() || op.kind > msg::request_op::del)
        return msg::store_bad_request;
      if (op.kind == msg::request_op::put && !put_keys.insert(op.key).second)
        return msg::store_bad_request;
    }
    for (const auto& op : *branch)
      if (op.kind == msg::request_op::del)
        for (const auto& k : put_keys)
          if (in_range(k, op.key, op.range_end))
            return msg::store_bad_request;
  }
  return bytes > max_request_bytes ? msg::store_too_large : msg::store_ok;
}

msg::range_response mvcc::range(const msg::range_request& req) const {
  msg::range_response resp;
  resp.revision = revision_;
  if (req.key.empty() || req.limit < 0) {
    resp.error = msg::store_bad_request;
    return resp;
  }
  int64_t at = req.revision <= 0 ? revision_ : req.revision;
  if (at > revision_) {
    resp.error = msg::store_future_revision;
    return resp;
  }
  if (at < compact_revision_) {
    resp.error = msg::store_compacted;
    return resp;
  }
  return range_at(req, at);
}

msg::range_response mvcc::range_at(const msg::range_request& req, int64_t at) const {
  msg::range_response resp;
  resp.revision = revision_;
  visit_range(keys_, req.key, req.range_end, [&](const std::string& k, const key_history& h) {
    const key_revision* e = latest_at(h, at);
    if (e == nullptr || e->tombstone)
      return;
    ++resp.count;
    if (req.count_only)
      return;
    if (req.limit > 0 && static_cast<int64_t>(resp.kvs.size()) >= req.limit) {
      resp.more = true;
      return;
    }
    resp.kvs.push_back(to_kv(k, *e));
  });
  return resp;
}

bool mvcc::compare_holds(const msg::compare& c) const {
  const key_revision* e = nullptr;
  if (auto it = keys_.find(c.key); it != keys_.end())
    e = live_latest(it->second);
  // Like etcd: a missing key has zero revisions and version, and fails every value compare.
  switch (c.target) {
    case msg::compare::mod: return compare_values<int64_t>(e ? e->revision : 0, c.result, c.number);
    case msg::compare::create: return compare_values<int64_t>(e ? e->create_revision : 0, c.result, c.number);
    case msg::compare::version: return compare_values<int64_t>(e ? e->version : 0, c.result, c.number);
    default: return e != nullptr && compare_values(e->value, c.result, c.text);
  }
}

txn_result mvcc::txn(const msg::txn_request& req) {
  txn_result out;
  out.response.revision = revision_;
  if (int32_t err = validate_txn(req); err != msg::store_ok) {
    out.response.error = err;
    return out;
  }
  out.response.succeeded =
      std::all_of(req.compares.begin(), req.compares.end(), [&](const auto& c) { return compare_holds(c); });
  const auto& ops = out.response.succeeded ? req.success : req.failure;
  const int64_t rev = revision_ + 1;
  int32_t sub = 0;
  for (const auto& op : ops)
    apply_op(op, rev, sub, out);
  if (!out.events.empty())
    revision_ = rev;
  out.response.revision = revision_;
  for (auto& r : out.response.responses)
    r.range.revision = revision_;
  return out;
}

void mvcc::apply_op(const msg::request_op& op, int64_t rev, int32_t& sub, txn_result& out) {
  msg::op_response resp;
  resp.kind = op.kind;
  if (op.kind == msg::request_op::range) {
    msg::range_request rr;
    rr.key = op.key;
    rr.range_end = op.range_end;
    resp.range = range_at(rr, rev);  // rev is this txn's: earlier writes of the txn are visible
  } else if (op.kind == msg::request_op::put) {
    key_history& h = keys_[op.key];
    msg::watch_event ev;
    if (const key_revision* prev = live_latest(h)) {
      ev.prev_kv = to_kv(op.key, *prev);
      if (op.prev_kv)
        resp.prev_kvs.push_back(ev.prev_kv);
    }
    const bool fresh = ev.prev_kv.version == 0;
    h.push_back({rev, sub++, false, fresh ? rev : ev.prev_kv.create_revision,
                 fresh ? 1 : ev.prev_kv.version + 1, op.value});
    ev.type = msg::watch_event::put;
    ev.kv = to_kv(op.key, h.back());
    out.events.push_back(std::move(ev));
  } else {
    visit_range(keys_, op.key, op.range_end, [&](const std::string& k, key_history& h) {
      const key_revision* prev = live_latest(h);
      if (prev == nullptr)
        return;
      msg::watch_event ev;
      ev.type = msg::watch_event::del;
      ev.prev_kv = to_kv(k, *prev);
      ev.kv.key = k;
      ev.kv.mod_revision = rev;
      if (op.prev_kv)
        resp.prev_kvs.push_back(ev.prev_kv);
      ++resp.deleted;
      h.push_back({rev, sub++, true, 0, 0, {}});
      out.events.push_back(std::move(ev));
    });
  }
  out.response.responses.push_back(std::move(resp));
}

msg::compact_response mvcc::compact(int64_t revision) {
  msg::compact_response resp;
  resp.revision = revision_;
  if (revision <= compact_revision_) {
    resp.error = msg::store_compacted;
    return resp;
  }
  if (revision > revision_) {
    resp.error = msg::store_future_revision;
    return resp;
  }
  for (auto it = keys_.begin(); it != keys_.end();) {
    key_history& h = it->second;
    // First write at or after the compaction point; everything before it goes, except the newest live write.
    auto keep = std::lower_bound(h.begin(), h.end(), revision,
                                 [](const key_revision& e, int64_t r) { return e.revision < r; });
    if (keep != h.begin() && !std::prev(keep)->tombstone)
      --keep;
    h.erase(h.begin(), keep);
    it = h.empty() ? keys_.erase(it) : std::next(it);
  }
  compact_revision_ = revision;
  return resp;
}

history_result mvcc::events_since(const std::string& key, const std::string& range_end,
                                  int64_t from_revision) const {
  history_result out;
  if (from_revision < compact_revision_) {
    out.error = msg::store_compacted;
    out.compact_revision = compact_revision_;
    return out;
  }
  std::vector<std::tuple<int64_t, int32_t, msg::watch_event>> found;
  visit_range(keys_, key, range_end, [&](const std::string& k, const key_history& h) {
    auto it = std::lower_bound(h.begin(), h.end(), from_revision,
                               [](const key_revision& e, int64_t r) { return e.revision < r; });
    for (; it != h.end(); ++it) {
      msg::watch_event ev;
      if (it != h.begin() && !std::prev(it)->tombstone)
        ev.prev_kv = to_kv(k, *std::prev(it));
      if (it->tombstone) {
        ev.type = msg::watch_event::del;
        ev.kv.key = k;
        ev.kv.mod_revision = it->revision;
      } else {
        ev.kv = to_kv(k, *it);
      }
      found.emplace_back(it->revision, it->sub, std::move(ev));
    }
  });
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });
  out.events.reserve(found.size());
  for (auto& f : found)
    out.events.push_back(std::move(std::get<2>(f)));
  return out;
}

}  // namespace navarch::store
