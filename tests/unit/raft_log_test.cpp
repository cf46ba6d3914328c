// The log: memory storage (append, truncate, compact, snapshot) and raft_log's append/commit/conflict rules.
#include "tests/unit/raft_test_util.hpp"

namespace navarch::raft {
namespace {

std::vector<entry> ents(std::initializer_list<std::pair<uint64_t, uint64_t>> index_term) {
  std::vector<entry> out;
  for (auto [i, t] : index_term)
    out.push_back(entry{.term = t, .index = i, .data = "e" + std::to_string(i) + "t" + std::to_string(t)});
  return out;
}

TEST(RaftStorage, AppendReplacesAConflictingSuffix) {
  memory_storage st;
  st.append(ents({{1, 1}, {2, 1}, {3, 1}}));
  st.append(ents({{2, 2}}));
  EXPECT_EQ(st.last_index(), 2u);
  EXPECT_EQ(st.term(2), 2u);
  EXPECT_EQ(st.term(3), std::nullopt);
  EXPECT_THROW(st.append(ents({{5, 2}})), std::logic_error);
}

TEST(RaftStorage, CompactMovesTheFirstIndexAndKeepsTheBoundaryTerm) {
  memory_storage st;
  st.append(ents({{1, 1}, {2, 1}, {3, 2}, {4, 2}}));
  st.create_snapshot(3, conf_state{{1}, {}}, "state@3");
  st.compact(3);
  EXPECT_EQ(st.first_index(), 4u);
  EXPECT_EQ(st.term(3), 2u);
  EXPECT_EQ(st.term(2), std::nullopt);
  EXPECT_EQ(st.latest_snapshot().index, 3u);
  EXPECT_EQ(st.entries(4, 5, 1000).size(), 1u);
  EXPECT_THROW(st.entries(2, 5, 1000), std::out_of_range);
  st.append(ents({{2, 1}, {3, 2}, {4, 2}, {5, 3}}));  // compacted prefix skipped
  EXPECT_EQ(st.last_index(), 5u);
}

TEST(RaftStorage, EntriesAreLimitedBySizeButNeverEmpty) {
  memory_storage st;
  std::vector<entry> es;
  for (uint64_t i = 1; i <= 10; ++i)
    es.push_back(entry{.term = 1, .index = i, .data = std::string(100, 'x')});
  st.append(es);
  EXPECT_EQ(st.entries(1, 11, 1).size(), 1u);
  EXPECT_EQ(st.entries(1, 11, 3 * entry_bytes(es[0])).size(), 3u);
  EXPECT_EQ(st.entries(1, 11, UINT64_MAX).size(), 10u);
}

TEST(RaftStorage, ApplySnapshotReplacesTheLog) {
  memory_storage st;
  st.append(ents({{1, 1}, {2, 1}}));
  st.apply_snapshot(snapshot{.index = 10, .term = 3, .conf = {{1, 2, 3}, {}}, .data = "s"});
  EXPECT_EQ(st.first_index(), 11u);
  EXPECT_EQ(st.last_index(), 10u);
  EXPECT_EQ(st.term(10), 3u);
}

TEST(RaftLog, MaybeAppendChecksThePreviousEntryAndTruncatesConflicts) {
  memory_storage st;
  st.append(ents({{1, 1}, {2, 2}, {3, 3}}));
  raft_log log(st);
  EXPECT_EQ(log.maybe_append(3, 2, 3, ents({{4, 4}})), std::nullopt);  // prev term mismatch
  EXPECT_EQ(log.maybe_append(4, 4, 3, ents({{5, 4}})), std::nullopt);  // prev beyond the log
  EXPECT_EQ(log.maybe_append(1, 1, 2, ents({{2, 4}, {3, 4}})), 3u);    // conflicting suffix replaced
  EXPECT_EQ(log.term(2), 4u);
  EXPECT_EQ(log.committed(), 2u);
  EXPECT_EQ(log.maybe_append(1, 1, 3, ents({{2, 4}})), 2u);  // an old, matching append keeps the newer tail
  EXPECT_EQ(log.last_index(), 3u);
  EXPECT_EQ(log.committed(), 2u);  // commit limited to what this append proved to match
  EXPECT_THROW(log.maybe_append(0, 0, 3, ents({{1, 9}})), std::logic_error);  // would rewrite a committed entry
}

TEST(RaftLog, FindConflictByTermSkipsWholeTerms) {
  memory_storage st;
  st.append(ents({{1, 1}, {2, 1}, {3, 3}, {4, 3}, {5, 5}, {6, 5}}));
  raft_log log(st);
  EXPECT_EQ(log.find_conflict_by_term(6, 4), std::make_pair(uint64_t{4}, uint64_t{3}));
  EXPECT_EQ(log.find_conflict_by_term(6, 2), std::make_pair(uint64_t{2}, uint64_t{1}));
  EXPECT_EQ(log.find_conflict_by_term(6, 0), std::make_pair(uint64_t{0}, uint64_t{0}));
  EXPECT_EQ(log.find_conflict_by_term(6, 5), std::make_pair(uint64_t{6}, uint64_t{5}));
}

TEST(RaftLog, CommitOnlyAtTheGivenTermAndUnstableFlow) {
  memory_storage st;
  raft_log log(st);
  log.append(ents({{1, 1}, {2, 2}}));
  EXPECT_FALSE(log.maybe_commit(1, 2));  // entry 1 is of term 1: not committed by counting in term 2
  EXPECT_TRUE(log.maybe_commit(2, 2));
  EXPECT_EQ(log.committed(), 2u);
  EXPECT_EQ(log.unstable_entries().size(), 2u);
  EXPECT_EQ(log.next_committed(UINT64_MAX).size(), 2u);
  st.append(log.unstable_entries());
  log.stable_to(2, 2);
  EXPECT_TRUE(log.unstable_entries().empty());
  log.applied_to(2);
  EXPECT_FALSE(log.has_next_committed());
  EXPECT_EQ(log.entries_from(1, UINT64_MAX)->size(), 2u);
}

TEST(RaftLog, RestoreFromSnapshot) {
  memory_storage st;
  st.append(ents({{1, 1}}));
  raft_log log(st);
  log.restore(snapshot{.index = 5, .term = 2, .conf = {{1}, {}}, .data = "s"});
  EXPECT_EQ(log.first_index(), 6u);
  EXPECT_EQ(log.last_index(), 5u);
  EXPECT_EQ(log.term(5), 2u);
  EXPECT_EQ(log.term(1), std::nullopt);
  EXPECT_EQ(log.committed(), 5u);
  EXPECT_EQ(log.entries_from(3, UINT64_MAX), std::nullopt);
}

TEST(RaftConfChange, EncodesAndRejectsGarbage) {
  conf_change cc{conf_change::add_learner, 0x0102030405060708ULL};
  conf_change back;
  ASSERT_TRUE(decode(encode(cc), back));
  EXPECT_EQ(back.kind, cc.kind);
  EXPECT_EQ(back.node, cc.node);
  EXPECT_FALSE(decode("xyz", back));
  EXPECT_FALSE(decode(std::string(1, '\x07') + std::string(8, '\0'), back));
}

}  // namespace
}  // namespace navarch::raft
