#include "tests/sim/linearizability.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <unordered_set>

namespace navarch::sim {

std::string describe(const kv_op& op) {
  std::ostringstream o;
  auto show = [](const std::optional<std::string>& v) { return v ? "\"" + *v + "\"" : std::string("<none>"); };
  o << "client " << op.client << " [" << op.call << ", " << (op.ret == never ? std::string("?") : std::to_string(op.ret))
    << "] ";
  switch (op.kind) {
    case kv_op::put: o << "put(" << op.key << ", \"" << op.value << "\")"; break;
    case kv_op::get: o << "get(" << op.key << ") -> " << show(op.observed); break;
    case kv_op::cas:
      o << "cas(" << op.key << ", " << show(op.expected) << " -> \"" << op.value << "\") -> "
        << (op.ret == never ? "?" : op.succeeded ? "ok" : "failed");
      break;
  }
  return o.str();
}

namespace {

using state = std::optional<std::string>;

// Values nobody ever read or compared against are indistinguishable to every operation, so they all become this
// one value: states that differ only in such values merge in the memo.
const std::string blind = std::string("\x01blind");

void canonicalize(std::vector<kv_op>& ops) {
  std::unordered_set<std::string> observed;
  for (const auto& op : ops) {
    if (op.kind == kv_op::get && op.observed)
      observed.insert(*op.observed);
    if (op.kind == kv_op::cas && op.expected)
      observed.insert(*op.expected);
  }
  for (auto& op : ops)
    if (op.kind != kv_op::get && !observed.count(op.value))
      op.value = blind;
}

class search {
 public:
  explicit search(std::vector<kv_op> ops) : ops_(std::move(ops)), done_(ops_.size(), '0') {
    canonicalize(ops_);
    for (const auto& op : ops_)
      required_ += op.ret != never ? 1 : 0;
  }

  bool run() { return dfs(std::nullopt, 0); }

 private:
  // Applies op to s; false when its observed result contradicts the state.
  static bool step(const kv_op& op, state& s) {
    switch (op.kind) {
      case kv_op::put:
        s = op.value;
        return true;
      case kv_op::get:
        return op.observed == s;
      case kv_op::cas: {
        bool holds = s == op.expected;
        if (op.ret != never && holds != op.succeeded)
          return false;
        if (holds)
          s = op.value;
        return true;
      }
    }
    return false;
  }

  bool dfs(const state& s, std::size_t required_done) {
    if (required_done == required_)
      return true;
    std::string memo = done_ + (s ? "=" + *s : "#");
    if (failed_.count(memo))
      return false;
    // Only an operation called before every pending one returned may take effect next.
    stamp horizon = never;
    for (std::size_t i = 0; i < ops_.size(); ++i)
      if (done_[i] == '0')
        horizon = std::min(horizon, ops_[i].ret);
    bool tried_blind_put = false;
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      if (done_[i] == '1' || ops_[i].call > horizon)
        continue;
      const kv_op& op = ops_[i];
      if (op.ret == never) {
        // An operation that may not have happened is only worth linearizing when it changes the state. Blind
        // writes of unknown outcome are interchangeable: trying the earliest called one covers them all.
        if (op.kind == kv_op::cas && s != op.expected)
          continue;
        if (op.kind == kv_op::put && op.value == blind && (s == blind || tried_blind_put))
          continue;
        tried_blind_put = tried_blind_put || (op.kind == kv_op::put && op.value == blind);
      }
      state next = s;
      if (!step(ops_[i], next))
        continue;
      done_[i] = '1';
      bool ok = dfs(next, required_done + (ops_[i].ret != never ? 1 : 0));
      done_[i] = '0';
      if (ok)
        return true;
    }
    failed_.insert(std::move(memo));
    return false;
  }

  std::vector<kv_op> ops_;
  std::string done_;  // '1' for each linearized operation
  std::size_t required_ = 0;
  std::unordered_set<std::string> failed_;
};

}  // namespace

lin_result check_linearizable(const std::vector<kv_op>& ops) {
  std::map<std::string, std::vector<kv_op>> by_key;
  for (const auto& op : ops)
    if (!op.failed && !(op.kind == kv_op::get && op.ret == never))  // a read that never returned constrains nothing
      by_key[op.key].push_back(op);
  for (auto& [key, list] : by_key) {
    std::sort(list.begin(), list.end(), [](const kv_op& a, const kv_op& b) { return a.call < b.call; });
    if (search(list).run())
      continue;
    lin_result r{false, key, {}};
    for (const auto& op : list)
      r.history += "  " + describe(op) + "\n";
    return r;
  }
  return {};
}

}  // namespace navarch::sim
