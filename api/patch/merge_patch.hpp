#pragma once

#include <boost/json/value.hpp>

#include "api/patch/patch_result.hpp"

namespace navarch::patch {

// JSON merge patch (RFC 7386, application/merge-patch+json): object members merge recursively, null deletes a
// member, and any other patch value (array, scalar, a non-object target) replaces. It cannot fail.
patch_result merge_patch(const boost::json::value& target, const boost::json::value& patch);

}  // namespace navarch::patch
