#include "actors/scheduler/core/failure_message.hpp"

#include <algorithm>
#include <map>

namespace navarch::scheduler {

namespace {

// "N reason" for each distinct reason, sorted as strings (so "10 x" sorts before "2 y", as in Go's sort.Strings).
std::string histogram(const std::map<std::string, size_t>& counts) {
  std::vector<std::string> parts;
  for (const auto& [reason, n] : counts) parts.push_back(std::to_string(n) + " " + reason);
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

std::string failed_scheduling_message(size_t all_nodes, const std::vector<node_failure>& failures, bool preempt_never) {
  if (all_nodes == 0) return "no nodes available to schedule pods";
  std::map<std::string, size_t> reasons, preemption;
  for (const auto& f : failures) {
    for (const auto& r : f.reasons) ++reasons[r];
    ++preemption[f.unresolvable ? "Preemption is not helpful for scheduling" : "No preemption victims found for incoming pod"];
  }
  std::string head = "0/" + std::to_string(all_nodes) + " nodes are available:";
  std::string msg = head;
  if (!reasons.empty()) msg += " " + histogram(reasons) + ".";
  msg += " preemption: ";
  msg += preempt_never ? "not eligible due to preemptionPolicy=Never." : head + " " + histogram(preemption) + ".";
  return msg;
}

}  // namespace navarch::scheduler
