#pragma once

// Internal to the patch engines: failures are thrown deep in the recursion and turned into a patch_result at
// the public entry point, so no function in between has to thread an error through its return value.

#include <string>
#include <utility>

#include "api/patch/patch_result.hpp"

namespace navarch::patch::detail {

struct patch_failure {
  std::string message;
  bool malformed;
};

[[noreturn]] inline void malformed(std::string message) { throw patch_failure{std::move(message), true}; }
[[noreturn]] inline void unappliable(std::string message) { throw patch_failure{std::move(message), false}; }

// Runs `apply` (returning the patched document) and reports a thrown patch_failure as a failed result.
template <class Apply>
patch_result guarded(Apply&& apply) {
  try {
    return patch_result{true, apply(), {}, false};
  } catch (const patch_failure& failure) {
    return patch_result{false, nullptr, failure.message, failure.malformed};
  }
}

}  // namespace navarch::patch::detail
