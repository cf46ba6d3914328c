#include <gtest/gtest.h>

#include "actors/store/mvcc.hpp"
#include "tests/unit/store_test_util.hpp"

using namespace navarch;
using namespace navarch::store;
using namespace navarch::store::testing;

namespace {

int64_t put(mvcc& m, const std::string& k, const std::string& v) {
  auto r = m.txn(txn_of(put_op(k, v)));
  EXPECT_EQ(r.response.error, msg::store_ok);
  return r.response.revision;
}

int64_t del(mvcc& m, const std::string& k, const std::string& end = {}) {
  return m.txn(txn_of(del_op(k, end))).response.revision;
}

std::vector<std::string> keys_of(const msg::range_response& r) {
  std::vector<std::string> out;
  for (const auto& kv : r.kvs)
    out.push_back(kv.key);
  return out;
}

const std::string all_end(1, '\0');

}  // namespace

TEST(StoreMvcc, EmptyStoreIsAtRevisionOneAndEachWriteTxnAdvancesByOne) {
  mvcc m;
  EXPECT_EQ(m.revision(), 1);
  EXPECT_EQ(put(m, "a", "1"), 2);
  EXPECT_EQ(put(m, "b", "1"), 3);
  // Several writes in one txn share one revision.
  msg::txn_request t;
  t.success = {put_op("c", "1"), put_op("d", "1"), del_op("a")};
  auto r = m.txn(t);
  EXPECT_EQ(r.response.revision, 4);
  EXPECT_EQ(m.range(range_req("c")).kvs.at(0).mod_revision, 4);
  EXPECT_EQ(m.range(range_req("d")).kvs.at(0).mod_revision, 4);
  ASSERT_EQ(r.events.size(), 3u);
  EXPECT_EQ(r.events[2].type, msg::watch_event::del);
  EXPECT_EQ(r.events[2].kv.mod_revision, 4);
}

TEST(StoreMvcc, PutTracksCreateModAndVersion) {
  mvcc m;
  put(m, "k", "v1");
  put(m, "other", "x");
  put(m, "k", "v2");
  auto r = m.range(range_req("k"));
  ASSERT_EQ(r.kvs.size(), 1u);
  EXPECT_EQ(r.kvs[0].value, "v2");
  EXPECT_EQ(r.kvs[0].create_revision, 2);
  EXPECT_EQ(r.kvs[0].mod_revision, 4);
  EXPECT_EQ(r.kvs[0].version, 2);
  EXPECT_EQ(r.revision, 4);
}

TEST(StoreMvcc, DeleteLeavesTombstoneAndRecreationStartsNewGeneration) {
  mvcc m;
  put(m, "k", "v1");            // 2
  EXPECT_EQ(del(m, "k"), 3);    // 3
  EXPECT_TRUE(m.range(range_req("k")).kvs.empty());
  EXPECT_EQ(del(m, "k"), 3);    // deleting nothing writes nothing
  put(m, "k", "v2");            // 4
  auto kv = m.range(range_req("k")).kvs.at(0);
  EXPECT_EQ(kv.create_revision, 4);
  EXPECT_EQ(kv.version, 1);
  // The old generation is still readable at its revision, and the gap is visible.
  EXPECT_EQ(m.range(range_req("k", {}, 2)).kvs.at(0).value, "v1");
  EXPECT_TRUE(m.range(range_req("k", {}, 3)).kvs.empty());
}

TEST(StoreMvcc, RangeAtOldRevisionAndRevisionErrors) {
  mvcc m;
  put(m, "a", "1");  // 2
  put(m, "b", "1");  // 3
  put(m, "a", "2");  // 4
  auto at3 = m.range(range_req("a", "c", 3));
  EXPECT_EQ(keys_of(at3), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(at3.kvs[0].value, "1");
  EXPECT_EQ(at3.revision, 4);  // the header revision is the store's, like etcd
  EXPECT_EQ(m.range(range_req("a", "c", 2)).count, 1);
  EXPECT_EQ(m.range(range_req("a", {}, 5)).error, msg::store_future_revision);
  EXPECT_EQ(m.range(range_req("")).error, msg::store_bad_request);
  EXPECT_EQ(m.range(range_req("a", {}, 0, -1)).error, msg::store_bad_request);
}

TEST(StoreMvcc, RangeEndConventionsLimitMoreAndCount) {
  mvcc m;
  for (std::string k : {"/r/a", "/r/b", "/r/c", "/s/a"})
    put(m, k, "v");
  auto prefix = m.range(range_req("/r/", "/r0"));
  EXPECT_EQ(keys_of(prefix), (std::vector<std::string>{"/r/a", "/r/b", "/r/c"}));
  EXPECT_EQ(prefix.count, 3);
  EXPECT_FALSE(prefix.more);

  auto limited = m.range(range_req("/r/", "/r0", 0, 2));
  EXPECT_EQ(keys_of(limited), (std::vector<std::string>{"/r/a", "/r/b"}));
  EXPECT_EQ(limited.count, 3);
  EXPECT_TRUE(limited.more);

  EXPECT_EQ(m.range(range_req("/r/b", all_end)).count, 3);  // "\0": everything from the key on
  auto counted = range_req("/", all_end);
  counted.count_only = true;
  auto c = m.range(counted);
  EXPECT_EQ(c.count, 4);
  EXPECT_TRUE(c.kvs.empty());
  EXPECT_FALSE(c.more);
  EXPECT_EQ(m.range(range_req("/r/z", "/r/a")).count, 0);  // end before start: empty
}

TEST(StoreMvcc, TxnCompareOnModRevisionIsOptimisticConcurrency) {
  mvcc m;
  put(m, "k", "v1");  // 2
  msg::txn_request t;
  t.compares = {cmp_num("k", msg::compare::mod, msg::compare::equal, 2)};
  t.success = {put_op("k", "v2")};
  t.failure = {range_op("k")};
  auto ok = m.txn(t);
  EXPECT_TRUE(ok.response.succeeded);
  EXPECT_EQ(ok.response.revision, 3);
  auto conflict = m.txn(t);  // k is now at mod 3
  EXPECT_FALSE(conflict.response.succeeded);
  EXPECT_EQ(conflict.response.revision, 3);
  EXPECT_TRUE(conflict.events.empty());
  ASSERT_EQ(conflict.response.responses.size(), 1u);
  EXPECT_EQ(conflict.response.responses[0].kind, msg::request_op::range);
  EXPECT_EQ(conflict.response.responses[0].range.kvs.at(0).value, "v2");
}

TEST(StoreMvcc, TxnCompareTargetsAndResults) {
  mvcc m;
  put(m, "k", "b");  // create 2
  put(m, "k", "b");  // mod 3, version 2
  auto holds = [&](msg::compare c) {
    msg::txn_request t;
    t.compares = {std::move(c)};
    return m.txn(t).response.succeeded;
  };
  using C = msg::compare;
  EXPECT_TRUE(holds(cmp_num("k", C::create, C::equal, 2)));
  EXPECT_FALSE(holds(cmp_num("k", C::create, C::not_equal, 2)));
  EXPECT_TRUE(holds(cmp_num("k", C::mod, C::greater, 2)));
  EXPECT_FALSE(holds(cmp_num("k", C::mod, C::less, 3)));
  EXPECT_TRUE(holds(cmp_num("k", C::version, C::equal, 2)));
  EXPECT_TRUE(holds(cmp_num("k", C::version, C::less, 3)));
  EXPECT_TRUE(holds(cmp_value("k", C::equal, "b")));
  EXPECT_TRUE(holds(cmp_value("k", C::greater, "a")));
  EXPECT_TRUE(holds(cmp_value("k", C::less, "c")));
  EXPECT_FALSE(holds(cmp_value("k", C::not_equal, "b")));
  // A missing key has zero revisions and version ("create if absent"), and fails value compares.
  EXPECT_TRUE(holds(cmp_num("absent", C::create, C::equal, 0)));
  EXPECT_TRUE(holds(cmp_num("absent", C::version, C::equal, 0)));
  EXPECT_FALSE(holds(cmp_value("absent", C::not_equal, "x")));
  // All compares must hold.
  msg::txn_request both;
  both.compares = {cmp_num("k", C::version, C::equal, 2), cmp_value("k", C::equal, "zzz")};
  EXPECT_FALSE(m.txn(both).response.succeeded);
  EXPECT_EQ(m.revision(), 3);  // compares alone never write
}

TEST(StoreMvcc, TxnOpsApplyInOrderAndReturnPrevKvs) {
  mvcc m;
  put(m, "a", "1");
  put(m, "b", "1");
  msg::txn_request t;
  t.success = {put_op("a", "2", true), range_op("a", "z"), del_op("b", {}, true), range_op("a", "z"),
               put_op("c", "new", true)};
  auto r = m.txn(t);
  ASSERT_EQ(r.response.responses.size(), 5u);
  EXPECT_EQ(r.response.responses[0].prev_kvs.at(0).value, "1");
  EXPECT_EQ(r.response.responses[1].range.kvs.at(0).value, "2");  // sees the put before it
  EXPECT_EQ(r.response.responses[1].range.count, 2);
  EXPECT_EQ(r.response.responses[2].deleted, 1);
  EXPECT_EQ(r.response.responses[2].prev_kvs.at(0).key, "b");
  EXPECT_EQ(r.response.responses[3].range.count, 1);               // sees the delete before it
  EXPECT_TRUE(r.response.responses[4].prev_kvs.empty());
  EXPECT_EQ(r.response.responses[1].range.revision, 4);
}

TEST(StoreMvcc, TxnRejectsMalformedAndOversizedRequestsWithoutWriting) {
  mvcc m;
  put(m, "a", "1");
  msg::txn_request dup;
  dup.success = {put_op("k", "1"), put_op("k", "2")};
  EXPECT_EQ(m.txn(dup).response.error, msg::store_bad_request);
  msg::txn_request put_then_del;
  put_then_del.failure = {put_op("k", "1"), del_op("a", "z")};
  EXPECT_EQ(m.txn(put_then_del).response.error, msg::store_bad_request);
  EXPECT_EQ(m.txn(txn_of(put_op("", "1"))).response.error, msg::store_bad_request);
  auto bad_kind = txn_of(put_op("k", "1"));
  bad_kind.success[0].kind = 7;
  EXPECT_EQ(m.txn(bad_kind).response.error, msg::store_bad_request);
  msg::txn_request bad_cmp;
  bad_cmp.compares = {cmp_num("k", 9, msg::compare::equal, 0)};
  EXPECT_EQ(m.txn(bad_cmp).response.error, msg::store_bad_request);
  EXPECT_EQ(m.txn(txn_of(put_op("big", std::string(max_request_bytes + 1, 'x')))).response.error,
            msg::store_too_large);
  EXPECT_EQ(m.txn(txn_of(put_op("fits", std::string(max_request_bytes - 4, 'x')))).response.error,
            msg::store_ok);
  EXPECT_EQ(m.revision(), 3);
  EXPECT_EQ(m.range(range_req("k")).count, 0);
}

TEST(StoreMvcc, CompactionKeepsLatestLiveVersionsAndRefusesOlderReads) {
  mvcc m;
  put(m, "a", "1");  // 2
  put(m, "a", "2");  // 3
  put(m, "b", "1");  // 4
  del(m, "b");       // 5
  put(m, "c", "1");  // 6
  put(m, "a", "3");  // 7
  auto r = m.compact(6);
  EXPECT_EQ(r.error, msg::store_ok);
  EXPECT_EQ(m.compact_revision(), 6);
  EXPECT_EQ(m.range(range_req("a", {}, 5)).error, msg::store_compacted);
  auto at6 = m.range(range_req("a", "z", 6));
  EXPECT_EQ(at6.error, msg::store_ok);
  EXPECT_EQ(keys_of(at6), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(at6.kvs[0].value, "2");
  EXPECT_EQ(at6.kvs[0].create_revision, 2);  // the kept version still knows its generation
  EXPECT_EQ(m.range(range_req("a")).kvs.at(0).value, "3");
  EXPECT_EQ(m.key_count(), 2u);  // b's tombstone went with its history
  EXPECT_EQ(m.compact(6).error, msg::store_compacted);
  EXPECT_EQ(m.compact(8).error, msg::store_future_revision);
  // Writing on after compaction continues the generation.
  put(m, "a", "4");
  EXPECT_EQ(m.range(range_req("a")).kvs.at(0).version, 4);
}

TEST(StoreMvcc, EventsSinceReplaysHistoryInRevisionAndOpOrder) {
  mvcc m;
  put(m, "/p/b", "1");  // 2
  msg::txn_request t;   // 3: op order differs from key order
  t.success = {put_op("/p/c", "1"), put_op("/p/a", "1")};
  m.txn(t);
  put(m, "/q/x", "1");  // 3 -> 4, outside the prefix
  put(m, "/p/b", "2");  // 5
  del(m, "/p/b");       // 6
  auto h = m.events_since("/p/", "/p0", 3);
  ASSERT_EQ(h.error, msg::store_ok);
  ASSERT_EQ(h.events.size(), 4u);
  EXPECT_EQ(h.events[0].kv.key, "/p/c");
  EXPECT_EQ(h.events[1].kv.key, "/p/a");
  EXPECT_EQ(h.events[2].kv.value, "2");
  EXPECT_EQ(h.events[2].prev_kv.value, "1");
  EXPECT_EQ(h.events[3].type, msg::watch_event::del);
  EXPECT_EQ(h.events[3].kv.mod_revision, 6);
  EXPECT_EQ(h.events[3].prev_kv.value, "2");
  EXPECT_TRUE(m.events_since("/p/", "/p0", 7).events.empty());

  m.compact(5);
  auto old = m.events_since("/p/", "/p0", 4);
  EXPECT_EQ(old.error, msg::store_compacted);
  EXPECT_EQ(old.compact_revision, 5);
  auto kept = m.events_since("/p/", "/p0", 5);
  ASSERT_EQ(kept.events.size(), 2u);
  EXPECT_EQ(kept.events[0].prev_kv.value, "1");  // the live version before the compaction point was kept
}

TEST(StoreMvcc, TxnEventsMatchHistoryEvents) {
  mvcc m;
  put(m, "k", "1");
  msg::txn_request t;
  t.success = {put_op("k", "2"), put_op("j", "1")};
  auto live = m.txn(t).events;
  auto replayed = m.events_since("a", "z", 3).events;
  ASSERT_EQ(live.size(), replayed.size());
  for (std::size_t i = 0; i < live.size(); ++i) {
    EXPECT_EQ(live[i].kv.key, replayed[i].kv.key);
    EXPECT_EQ(live[i].kv.mod_revision, replayed[i].kv.mod_revision);
    EXPECT_EQ(live[i].prev_kv.value, replayed[i].prev_kv.value);
  }
}
