#include "tests/sim/cluster.hpp"

#include <sstream>

#include "tests/sim/linearizability.hpp"
#include "tests/sim/watch_validator.hpp"

namespace navarch::sim {

cluster::cluster(const sim_options& o, uint64_t seed) : sched(seed), net(sched), opt(o), seed_(seed) {
  net.faults = opt.net;
  std::vector<raft::node_id> peers;
  for (int i = 1; i <= opt.replicas; ++i)
    peers.push_back(static_cast<raft::node_id>(i));
  for (auto id : peers)
    replicas_.push_back(std::make_unique<replica>(*this, id, peers));
  for (int i = 0; i < opt.clients; ++i)
    clients_.push_back(std::make_unique<client>(*this, first_client + static_cast<endpoint>(i), i));
}

void cluster::note(std::string line) {
  trace_.push_back("t=" + std::to_string(sched.now()) + " " + std::move(line));
}

void cluster::send_raft(const raft::message& m) {
  net.send_datagram(m.from, m.to, [this, m] { at(m.to).receive(m); });
}

void cluster::record_apply(raft::node_id who, uint64_t index, const std::string& payload, int64_t revision,
                           const std::vector<msg::watch_event>& events) {
  auto [it, fresh] = applied_by_index_.emplace(index, std::make_pair(payload, who));
  if (!fresh && it->second.first != payload)
    safety_.push_back("replicas " + std::to_string(it->second.second) + " and " + std::to_string(who) +
                      " applied different commands at index " + std::to_string(index));
  if (revision == 0)
    return;
  auto [t, new_rev] = truth_.emplace(revision, events);
  if (!new_rev && t->second.size() != events.size())
    safety_.push_back("replica " + std::to_string(who) + " produced other events at revision " +
                      std::to_string(revision));
}

void cluster::schedule_ticks(raft::node_id id) {
  sched.after(opt.tick_interval, [this, id] {
    at(id).tick();
    schedule_ticks(id);
  });
}

void cluster::schedule_faults() {
  sched.after(sched.uniform(50, 250), [this] {
    if (settling_)
      return;
    random_fault();
    schedule_faults();
  });
}

void cluster::random_fault() {
  int64_t roll = sched.uniform(0, 99);
  int n = replica_count();
  if (roll < 25) {
    // Split replicas and clients into two sides.
    std::vector<endpoint> a, b;
    for (int i = 1; i <= n; ++i)
      (sched.chance(0.5) ? a : b).push_back(static_cast<endpoint>(i));
    for (auto& c : clients_)
      (sched.chance(0.5) ? a : b).push_back(c->self());
    net.heal();
    for (auto x : a)
      for (auto y : b)
        net.cut(x, y);
    std::string desc;
    for (auto x : a)
      desc += " " + std::to_string(x);
    note("partition {" + desc + " } from the rest");
  } else if (roll < 45) {
    net.heal();
    note("heal");
  } else if (roll < 60) {
    auto id = static_cast<raft::node_id>(sched.uniform(1, n));
    if (!at(id).up())
      return;
    at(id).crash();
    sched.after(sched.uniform(50, 400), [this, id] {
      if (!at(id).up())
        at(id).start();
    });
  } else if (roll < 70) {
    for (int i = 1; i <= n; ++i) {
      if (!at(static_cast<raft::node_id>(i)).up() || at(static_cast<raft::node_id>(i)).raft().state() != raft::role::leader)
        continue;
      for (int j = 1; j <= n; ++j)
        if (j != i)
          net.cut(static_cast<endpoint>(i), static_cast<endpoint>(j));
      note("isolate leader " + std::to_string(i));
    }
  } else if (roll < 75) {
    for (int i = 1; i <= n; ++i) {
      auto id = static_cast<raft::node_id>(i);
      if (at(id).up() && at(id).raft().state() == raft::role::leader) {
        auto to = static_cast<raft::node_id>(sched.uniform(1, n));
        note("leader " + std::to_string(i) + " transfers to " + std::to_string(to));
        at(id).transfer_leadership(to);
      }
    }
  } else if (roll < 85) {
    net.faults.stream_extra_delay = sched.uniform(10, 60);
    note("watch streams starve");
    sched.after(200, [this] { net.faults.stream_extra_delay = opt.net.stream_extra_delay; });
  }
}

void cluster::settle() {
  settling_ = true;
  note("settle: heal, restart, no more faults or new operations");
  for (auto& c : clients_)
    c->stop();
  net.heal();
  net.faults = net_faults{.min_delay = opt.net.min_delay, .max_delay = opt.net.max_delay};
  for (auto& r : replicas_)
    if (!r->up())
      r->start();
}

run_result cluster::run() {
  for (auto& r : replicas_) {
    r->start();
    schedule_ticks(r->id());
  }
  for (auto& c : clients_)
    c->start();
  if (opt.random_faults)
    schedule_faults();
  sched.run_until(opt.duration);
  settle();
  sched.run_until(opt.duration + opt.settle);
  run_result r;
  check(r);
  return r;
}

double cluster::crash_chance() const { return settling_ ? 0 : opt.crash_mid_write; }

void cluster::check(run_result& r) {
  std::ostringstream out;
  for (const auto& s : safety_)
    out << "SAFETY: " << s << "\n";
  // Liveness: once healed, every replica catches up with the same state.
  int64_t rev = -1;
  for (auto& rp : replicas_) {
    if (!rp->up()) {
      out << "replica " << rp->id() << " is down after settling\n";
      continue;
    }
    if (rev == -1)
      rev = rp->kv().revision();
    if (rp->kv().revision() != rev)
      out << "replica " << rp->id() << " stays at revision " << rp->kv().revision() << ", another reached " << rev
          << "\n";
  }
  lin_result lin = check_linearizable(ops);
  if (!lin.ok)
    out << "NOT LINEARIZABLE on key " << lin.key << ":\n" << lin.history;
  for (const auto& w : watches) {
    std::string e = validate_watch(w, truth_);
    if (!e.empty())
      out << "WATCH: " << e << "\n";
    stats.watch_events += w.events.size();
  }
  stats.operations = ops.size();
  for (const auto& op : ops)
    stats.unknown_outcomes += !op.failed && op.ret == never ? 1 : 0;
  r.stats = stats;
  r.report = out.str();
  r.ok = r.report.empty();
  if (r.ok)
    return;
  std::ostringstream full;
  full << "seed " << seed_ << " failed (replay: NAVARCH_SIM_SEED=" << seed_ << "):\n" << r.report << "trace:\n";
  for (const auto& t : trace_)
    full << "  " << t << "\n";
  full << "all operations:\n";
  for (const auto& op : ops)
    full << "  " << describe(op) << (op.failed ? " (refused)" : "") << "\n";
  r.report = full.str();
}

run_result run_seed(const sim_options& opt, uint64_t seed) {
  cluster c(opt, seed);
  return c.run();
}

}  // namespace navarch::sim
