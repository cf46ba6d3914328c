#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "api/patch/patch_result.hpp"
#include "api/patch/smp_schema.hpp"

namespace navarch::patch {

// Kubernetes strategic merge patch (application/strategic-merge-patch+json), applied as the apiserver applies it
// (k8s.io/apimachinery strategicpatch): maps merge and null deletes; lists that `schema` (the kind's strategic-merge
// schema) marks as merging are merged by their merge key (or as sets of primitives), other lists are replaced.
// Directives: "$patch": "replace" | "delete" in maps and in list elements, "$setElementOrder/<list>", "$retainKeys"
// and "$deleteFromPrimitiveList/<list>". Without a schema every list is replaced. Directives and nulls nested in
// content taken as is are dropped, as the apiserver's typed decoding drops them.
patch_result strategic_merge_patch(const boost::json::value& target, const boost::json::value& patch,
                                   const schema_node* schema);

}  // namespace navarch::patch
