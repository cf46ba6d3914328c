#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace navarch::patch {

// Outcome of applying a patch. On failure `doc` is null and `error` says why, for the API Status message.
struct patch_result {
  bool ok = true;
  boost::json::value doc;
  std::string error;
  // Set on failure when the patch itself is malformed (HTTP 400); otherwise it could not be applied to this
  // object (HTTP 422).
  bool malformed = false;
};

}  // namespace navarch::patch
