// A linearizability checker for the key-value operations, porcupine style: keys are independent, so each key's
// history is checked alone by a Wing & Gong / Lowe search with memoization of (linearized set, state). An
// operation with an unknown outcome may be linearized anywhere after its call, or not at all.
#pragma once

#include <string>
#include <vector>

#include "tests/sim/history.hpp"

namespace navarch::sim {

struct lin_result {
  bool ok = true;
  std::string key;      // the first key without a linearization
  std::string history;  // that key's operations, printed
};

lin_result check_linearizable(const std::vector<kv_op>& ops);

}  // namespace navarch::sim
