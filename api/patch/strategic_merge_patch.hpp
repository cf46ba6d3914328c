#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "api/patch/patch_result.hpp"

namespace navarch::patch {

// Kubernetes strategic merge patch (application/strategic-merge-patch+json), applied as the apiserver applies it
// (k8s.io/apimachinery strategicpatch): maps merge and null deletes; lists the schema of `kind` marks as merging
// are merged by their merge key (or as sets of primitives), other lists are replaced. Directives: "$patch":
// "replace" | "delete" in maps and in list elements, "$setElementOrder/<list>", "$retainKeys" and
// "$deleteFromPrimitiveList/<list>". Unknown kinds replace every list. Directives and nulls nested in content
// taken as is are dropped, as the apiserver's typed decoding drops them.
struct schema_node;

patch_result strategic_merge_patch(const boost::json::value& target, const boost::json::value& patch,
                                   const schema_node* schema);
// With the schema of a built-in kind (smp_schema.hpp).
patch_result strategic_merge_patch(const boost::json::value& target, const boost::json::value& patch,
                                   std::string_view kind);

}  // namespace navarch::patch
