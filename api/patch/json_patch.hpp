#pragma once

#include <boost/json/value.hpp>

#include "api/patch/patch_result.hpp"

namespace navarch::patch {

// JSON patch (RFC 6902, application/json-patch+json): `operations` is an array of add, remove, replace, move,
// copy and test operations with RFC 6901 pointers. All apply or none: the first failing operation (a failed
// test included) fails the whole patch. Malformed operations are reported as malformed; paths that do not fit
// the document (missing member, index out of bounds) as not appliable.
patch_result json_patch(const boost::json::value& target, const boost::json::value& operations);

}  // namespace navarch::patch
