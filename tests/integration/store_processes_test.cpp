// Three store replicas in three `navarch node` processes on loopback, linked through CAF's middleman, under the
// faults that matter: the leader killed with kill -9 while clients write, and a replica so far behind that only a
// snapshot can catch it up. No acknowledged write may be lost, and the cluster must converge.
#include <gtest/gtest.h>


#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/store/replica/peer_links.hpp"
#include "messages/registry.hpp"
#include "messages/store_replica.hpp"
#include "tests/e2e/child_process.hpp"
#include "tests/e2e/free_port.hpp"
#include "tests/e2e/scratch_dir.hpp"
#include "tests/unit/store_test_util.hpp"

using namespace navarch;
using namespace navarch::store::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

class StoreProcesses : public ::testing::Test {
 protected:
  static constexpr int replicas = 3;
  static constexpr int snapshot_every = 64;

  void SetUp() override {
    for (int i = 0; i < replicas; ++i)
      ports_.push_back(e2e::free_loopback_port());
    std::string peers;
    for (int i = 0; i < replicas; ++i)
      peers += (i ? ", 127.0.0.1:" : "127.0.0.1:") + std::to_string(ports_[i]);
    for (int i = 1; i <= replicas; ++i) {
      fs::path conf = dir_.path() / ("n" + std::to_string(i) + ".yaml");
      e2e::write_file(conf, "node:\n  name: n" + std::to_string(i) + "\n  data-dir: " +
                                (dir_.path() / ("n" + std::to_string(i))).string() + "\n  listen: 127.0.0.1:" +
                                std::to_string(ports_[i - 1]) + "\nstore:\n  replica-id: " + std::to_string(i) +
                                "\n  peers: [" + peers + "]\n  snapshot-every: " + std::to_string(snapshot_every) +
                                "\n");
    }
    for (int i = 1; i <= replicas; ++i)
      start(i);
    cfg_ = std::make_unique<caf::actor_system_config>();
    msg::register_messages(*cfg_);
    store::configure_peer_links(*cfg_);
    cfg_->set("logger.console", caf::atom("none"));
    sys_ = std::make_unique<caf::actor_system>(*cfg_);
    for (int i = 1; i <= replicas; ++i)
      connect(i);
  }

  void TearDown() override {
    handles_.clear();
    sys_.reset();
    cfg_.reset();
    procs_.clear();
  }

  void start(int i) {
    procs_[i] = std::make_unique<e2e::child_process>(
        std::vector<std::string>{NAVARCH_BINARY, "node", "--config",
                                 (dir_.path() / ("n" + std::to_string(i) + ".yaml")).string()},
        e2e::isolated_environment(dir_.path()), dir_.path() / ("n" + std::to_string(i) + "-" + std::to_string(++runs_)));
    ASSERT_TRUE(procs_[i]->await_out("ready", 10s)) << procs_[i]->err();
  }

  void connect(int i) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto h = sys_->middleman().remote_actor<msg::store_replica_actor>("127.0.0.1", ports_[i - 1]);
      if (h) {
        std::lock_guard<std::mutex> g(mu_);
        handles_[i] = *h;
        return;
      }
      std::this_thread::sleep_for(50ms);
    }
    FAIL() << "cannot reach replica " << i;
  }

  msg::store_replica_actor handle(int i) {
    std::lock_guard<std::mutex> g(mu_);
    return handles_.at(i);
  }

  std::optional<msg::replica_status> status(int i) {
    caf::scoped_actor self{*sys_};
    std::optional<msg::replica_status> out;
    self->request(handle(i), 1s, msg::replica_status_request{})
        .receive([&](msg::replica_status& s) { out = s; }, [](caf::error&) {});
    return out;
  }

  // The replica every live one agrees leads, once they do (a dead leader is still named until they notice).
  int await_leader(const std::vector<int>& live, std::chrono::milliseconds timeout) {
    auto deadline = clock_type::now() + timeout;
    while (clock_type::now() < deadline) {
      std::map<uint64_t, int> votes;
      for (int i : live)
        if (auto s = status(i); s && s->leader != 0)
          ++votes[s->leader];
      const int leader = votes.size() == 1 ? static_cast<int>(votes.begin()->first) : 0;
      if (leader != 0 && votes.begin()->second == static_cast<int>(live.size()) &&
          std::find(live.begin(), live.end(), leader) != live.end())
        return leader;
      std::this_thread::sleep_for(20ms);
    }
    return 0;
  }

  // Waits until replica i has applied as far as the leader has committed.
  bool await_caught_up(int i, int leader, std::chrono::milliseconds timeout) {
    auto deadline = clock_type::now() + timeout;
    while (clock_type::now() < deadline) {
      auto l = status(leader), s = status(i);
      if (l && s && s->applied >= l->commit && s->revision == l->revision)
        return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  std::optional<msg::txn_response> put(int i, const std::string& key, const std::string& value,
                                       std::chrono::milliseconds timeout = 1000ms) {
    caf::scoped_actor self{*sys_};
    std::optional<msg::txn_response> out;
    self->request(handle(i), timeout, txn_of(put_op(key, value)))
        .receive([&](msg::txn_response& r) {
                   if (r.error == msg::store_ok)
                     out = r;
                 },
                 [](caf::error&) {});
    return out;
  }

  msg::range_response read_all(int i, const std::string& prefix) {
    caf::scoped_actor self{*sys_};
    msg::range_response out;
    out.error = msg::store_unavailable;
    self->request(handle(i), 5s, range_req(prefix, prefix + "\xff"))
        .receive([&](msg::range_response& r) { out = std::move(r); },
                 [&](caf::error& e) { ADD_FAILURE() << "read at replica " << i << ": " << sys_->render(e); });
    return out;
  }

  e2e::scratch_dir dir_{"navarch-replicas-"};
  std::vector<uint16_t> ports_;
  std::map<int, std::unique_ptr<e2e::child_process>> procs_;
  int runs_ = 0;
  std::unique_ptr<caf::actor_system_config> cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  std::mutex mu_;
  std::map<int, msg::store_replica_actor> handles_;
};

TEST_F(StoreProcesses, KillingTheLeaderLosesNoAcknowledgedWriteAndANewLeaderServesWithinTwoSeconds) {
  const int leader = await_leader({1, 2, 3}, 10s);
  ASSERT_NE(leader, 0) << "no leader elected";

  // Writers send to every replica in turn (followers forward to the leader) and move on after a failure.
  std::atomic<bool> stop{false};
  std::atomic<clock_type::rep> killed_at{0};
  std::atomic<clock_type::rep> first_ack_after_kill{0};
  std::mutex acked_mu;
  std::map<std::string, std::string> acked;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      int target = 1 + w % replicas;
      for (int seq = 0; !stop; ++seq) {
        const std::string key = "/w/" + std::to_string(w) + "/" + std::to_string(seq);
        const auto sent = clock_type::now().time_since_epoch().count();
        if (put(target, key, "v" + std::to_string(seq), 300ms)) {
          std::lock_guard<std::mutex> g(acked_mu);
          acked[key] = "v" + std::to_string(seq);
          const auto k = killed_at.load();
          if (k != 0 && sent > k) {
            auto expected = clock_type::rep{0};
            first_ack_after_kill.compare_exchange_strong(expected, clock_type::now().time_since_epoch().count());
          }
        } else {
          target = 1 + target % replicas;
        }
      }
    });

  std::this_thread::sleep_for(1s);
  killed_at = clock_type::now().time_since_epoch().count();
  procs_[leader]->kill_group();
  std::this_thread::sleep_for(3s);
  stop = true;
  for (auto& t : writers)
    t.join();

  ASSERT_NE(first_ack_after_kill.load(), 0) << "no write was acknowledged after the leader died";
  const auto failover = std::chrono::duration_cast<std::chrono::milliseconds>(
      clock_type::duration(first_ack_after_kill.load() - killed_at.load()));
  std::printf("leader %d killed; a write sent after the kill was acknowledged %lld ms later; %zu writes acknowledged\n",
              leader, static_cast<long long>(failover.count()), acked.size());
  EXPECT_LT(failover, 2000ms);

  std::vector<int> live;
  for (int i = 1; i <= replicas; ++i)
    if (i != leader)
      live.push_back(i);
  const int new_leader = await_leader(live, 5s);
  ASSERT_NE(new_leader, 0);
  ASSERT_NE(new_leader, leader);

  // The killed replica restarts from its disk and catches up.
  start(leader);
  connect(leader);
  ASSERT_TRUE(await_caught_up(leader, new_leader, 10s)) << "the restarted replica did not catch up";

  auto all = read_all(leader, "/w/");
  ASSERT_EQ(all.error, msg::store_ok);
  std::map<std::string, std::string> stored;
  for (const auto& kv : all.kvs)
    stored[kv.key] = kv.value;
  std::size_t lost = 0;
  for (const auto& [k, v] : acked)
    if (stored.count(k) == 0 || stored[k] != v)
      ++lost;
  EXPECT_EQ(lost, 0u) << lost << " of " << acked.size() << " acknowledged writes are missing";
  EXPECT_GT(acked.size(), 50u) << "the writers barely wrote: the test proves little";
}

TEST_F(StoreProcesses, AReplicaFarBehindIsCaughtUpBySnapshot) {
  const int leader = await_leader({1, 2, 3}, 10s);
  ASSERT_NE(leader, 0);
  const int behind = leader % replicas + 1;
  auto before = status(behind);
  ASSERT_TRUE(before);
  procs_[behind]->kill_group();
  for (int i = 0; i < snapshot_every * 5; ++i)
    ASSERT_TRUE(put(leader, "/s/" + std::to_string(i), std::string(100, 'x'), 3000ms)) << "write " << i;
  auto l = status(leader);
  ASSERT_TRUE(l);
  // The leader dropped the entries the stopped replica lacks: only a snapshot can bring it up to date.
  ASSERT_GT(l->snapshot_index, before->applied) << "the leader still holds every entry the replica lacks";

  start(behind);
  connect(behind);
  ASSERT_TRUE(await_caught_up(behind, leader, 10s)) << "the lagging replica did not catch up";
  auto s = status(behind);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->revision, l->revision);

  // And it serves as a full member: with the leader's peer gone it can still form a majority with the third.
  const int third = 6 - leader - behind;
  procs_[leader]->kill_group();
  const int next = await_leader({behind, third}, 10s);
  ASSERT_NE(next, 0);
  auto all = read_all(next, "/s/");
  ASSERT_EQ(all.error, msg::store_ok);
  EXPECT_EQ(all.count, snapshot_every * 5);
}

TEST_F(StoreProcesses, AWatchOnAFollowerSeesEveryCommittedWriteOnceInOrderAcrossAFailover) {
  const int leader = await_leader({1, 2, 3}, 10s);
  ASSERT_NE(leader, 0);
  const int follower = leader % replicas + 1;
  caf::scoped_actor sub{*sys_};
  msg::watch_response w;
  sub->request(handle(follower), 5s, watch_req("/f/", "/f0"), caf::actor_cast<caf::actor>(sub))
      .receive([&](msg::watch_response& r) { w = r; }, [&](caf::error& e) { FAIL() << sys_->render(e); });
  ASSERT_EQ(w.error, msg::store_ok);

  // Writes before and after the leader dies; only the acknowledged ones are sure to exist.
  std::map<int64_t, std::string> acked;  // by revision
  auto write = [&](int i) {
    for (int target : {follower, 6 - leader - follower, follower}) {
      if (auto r = put(target, "/f/" + std::to_string(i), "v" + std::to_string(i), 1000ms)) {
        acked[r->revision] = "/f/" + std::to_string(i);
        return;
      }
    }
  };
  for (int i = 0; i < 50; ++i)
    write(i);
  procs_[leader]->kill_group();
  for (int i = 50; i < 100; ++i)
    write(i);
  ASSERT_GE(acked.size(), 90u);

  // The watch delivers every committed revision once, in order: all acknowledged writes, and nothing twice.
  std::vector<int64_t> seen;
  const int64_t last = acked.rbegin()->first;
  while (seen.empty() || seen.back() < last) {
    bool got = false;
    sub->receive([&](msg::watch_batch& b) {
                   ASSERT_FALSE(b.canceled) << "the watch ended";
                   for (const auto& ev : b.events)
                     seen.push_back(ev.kv.mod_revision);
                   got = true;
                 },
                 caf::after(5s) >> [] {});
    ASSERT_TRUE(got) << "the watch stalled after revision " << (seen.empty() ? 0 : seen.back());
  }
  for (std::size_t i = 1; i < seen.size(); ++i)
    ASSERT_LT(seen[i - 1], seen[i]) << "revision " << seen[i] << " came after " << seen[i - 1];
  for (const auto& [rev, key] : acked)
    EXPECT_TRUE(std::binary_search(seen.begin(), seen.end(), rev)) << "acknowledged " << key << " at " << rev
                                                                    << " never reached the watch";
}

TEST(NavarchNode, ABadConfigFileIsRefusedWithItsNameAndLine) {
  e2e::scratch_dir dir{"navarch-node-bad-"};
  const auto conf = dir.path() / "n1.yaml";
  e2e::write_file(conf, "node:\n  name: n1\n  data-dir: /tmp/x\n  listen: 127.0.0.1:1\nstore:\n  replica-id: 4\n"
                        "  peers: [127.0.0.1:1]\n");
  e2e::child_process bad({NAVARCH_BINARY, "node", "--config", conf.string()}, {}, dir.path() / "bad");
  EXPECT_EQ(bad.wait_for(10s), 2);
  EXPECT_NE(bad.err().find(conf.string() + ":6: store.replica-id: must be between 1 and the number of peers (1)"),
            std::string::npos)
      << bad.err();
  e2e::child_process missing({NAVARCH_BINARY, "node", "--config", (dir.path() / "none.yaml").string()}, {},
                             dir.path() / "missing");
  EXPECT_EQ(missing.wait_for(10s), 2);
  EXPECT_NE(missing.err().find("none.yaml"), std::string::npos) << missing.err();
}

}  // namespace
