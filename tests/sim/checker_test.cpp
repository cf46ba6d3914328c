// The checkers themselves: histories known to be (non-)linearizable, and watch sessions with known defects.
#include <gtest/gtest.h>

#include "tests/sim/linearizability.hpp"
#include "tests/sim/watch_validator.hpp"

namespace navarch::sim {
namespace {

kv_op put(const std::string& v, stamp call, stamp ret) {
  return kv_op{.kind = kv_op::put, .key = "k", .value = v, .call = call, .ret = ret};
}
kv_op get(std::optional<std::string> seen, stamp call, stamp ret) {
  return kv_op{.kind = kv_op::get, .key = "k", .call = call, .ret = ret, .observed = std::move(seen)};
}
kv_op cas(std::optional<std::string> expected, const std::string& v, bool ok, stamp call, stamp ret) {
  return kv_op{.kind = kv_op::cas, .key = "k", .value = v, .expected = std::move(expected), .call = call, .ret = ret,
               .succeeded = ok};
}

TEST(LinearizabilityChecker, AcceptsASequentialHistory) {
  EXPECT_TRUE(check_linearizable({get(std::nullopt, 1, 2), put("a", 3, 4), get("a", 5, 6)}).ok);
}

TEST(LinearizabilityChecker, RejectsAStaleRead) {
  auto r = check_linearizable({put("a", 1, 2), put("b", 3, 4), get("a", 5, 6)});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.key, "k");
  EXPECT_NE(r.history.find("get(k) -> \"a\""), std::string::npos);
}

TEST(LinearizabilityChecker, ConcurrentOperationsMayTakeEffectInEitherOrder) {
  EXPECT_TRUE(check_linearizable({put("a", 1, 10), put("b", 2, 9), get("a", 11, 12)}).ok);
  EXPECT_TRUE(check_linearizable({put("a", 1, 10), put("b", 2, 9), get("b", 11, 12)}).ok);
  EXPECT_FALSE(check_linearizable({put("a", 1, 10), put("b", 2, 9), get("b", 11, 12), get("a", 13, 14)}).ok);
}

TEST(LinearizabilityChecker, UnknownOutcomesMayOrMayNotHappen) {
  EXPECT_TRUE(check_linearizable({put("a", 1, never), get(std::nullopt, 2, 3)}).ok);
  EXPECT_TRUE(check_linearizable({put("a", 1, never), get("a", 20, 21)}).ok);
  EXPECT_FALSE(check_linearizable({put("a", 1, never), get("a", 2, 3), get(std::nullopt, 4, 5)}).ok);
  EXPECT_FALSE(check_linearizable({get("zzz", 1, 2)}).ok);  // a value nobody wrote
}

TEST(LinearizabilityChecker, AnUnreadWriteOfUnknownOutcomeCanExplainAFailedCompare) {
  EXPECT_TRUE(check_linearizable({put("a", 1, 2), put("x", 3, never), cas("a", "b", false, 5, 6)}).ok);
  EXPECT_FALSE(check_linearizable({put("a", 1, 2), cas("a", "b", false, 5, 6)}).ok);
  EXPECT_FALSE(check_linearizable({put("a", 1, 2), put("x", 3, never), cas("a", "b", false, 5, 6), get("a", 7, 8)}).ok);
}

TEST(LinearizabilityChecker, CompareAndSwapMustAgreeWithTheState) {
  EXPECT_TRUE(check_linearizable({put("a", 1, 2), cas("a", "b", true, 3, 4), get("b", 5, 6)}).ok);
  EXPECT_FALSE(check_linearizable({put("a", 1, 2), cas("x", "b", true, 3, 4)}).ok);
  EXPECT_FALSE(check_linearizable({put("a", 1, 2), cas("a", "b", false, 3, 4)}).ok);
  EXPECT_TRUE(check_linearizable({cas(std::nullopt, "b", true, 1, 2), get("b", 3, 4)}).ok);
}

TEST(LinearizabilityChecker, RefusedOperationsAreIgnoredAndKeysAreIndependent) {
  kv_op refused = put("ghost", 1, never);
  refused.failed = true;
  kv_op other = put("x", 1, 2);
  other.key = "other";
  EXPECT_TRUE(check_linearizable({refused, other, get(std::nullopt, 3, 4)}).ok);
}

TEST(LinearizabilityChecker, MemoizationKeepsManyConcurrentWritesTractable) {
  // 12! orders without memoization; 2^12 * 12 (linearized set, state) pairs with it.
  std::vector<kv_op> ops;
  for (stamp i = 0; i < 12; ++i)
    ops.push_back(put("v" + std::to_string(i), i, 100 + i));
  ops.push_back(get("v7", 200, 201));
  EXPECT_TRUE(check_linearizable(ops).ok);
}

msg::watch_event ev(int64_t rev, const std::string& v) {
  msg::watch_event e;
  e.kv.key = "k0";
  e.kv.value = v;
  e.kv.mod_revision = rev;
  return e;
}

TEST(WatchValidator, AcceptsEveryEventOnceInOrder) {
  event_history truth{{2, {ev(2, "a")}}, {3, {ev(3, "b")}}, {4, {ev(4, "c")}}};
  watch_session w{.start_revision = 3, .events = {ev(3, "b"), ev(4, "c")}};
  EXPECT_EQ(validate_watch(w, truth), "");
}

TEST(WatchValidator, ReportsGapsRepeatsAndEventsAfterCancel) {
  event_history truth{{2, {ev(2, "a")}}, {3, {ev(3, "b")}}, {4, {ev(4, "c")}}};
  watch_session gap{.start_revision = 2, .events = {ev(2, "a"), ev(4, "c")}};
  EXPECT_NE(validate_watch(gap, truth), "");
  watch_session back{.start_revision = 2, .events = {ev(2, "a"), ev(3, "b"), ev(2, "a")}};
  EXPECT_NE(validate_watch(back, truth).find("back in time"), std::string::npos);
  watch_session late{.start_revision = 2, .events = {ev(2, "a")}, .canceled = true, .events_after_cancel = 1};
  EXPECT_NE(validate_watch(late, truth), "");
  watch_session wrong{.start_revision = 2, .events = {ev(2, "x")}};
  EXPECT_NE(validate_watch(wrong, truth), "");
}

}  // namespace
}  // namespace navarch::sim
