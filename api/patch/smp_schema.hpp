#pragma once

#include <span>
#include <string_view>

namespace navarch::patch {

struct schema_node;

// Strategic-merge metadata of one field: the patchStrategy and patchMergeKey struct tags of k8s.io/api.
struct field_meta {
  std::string_view name;
  const schema_node* type = nullptr;  // fields of the value (of each element, for a list); nullptr: none tracked
  bool merge = false;                 // patchStrategy "merge": the list merges instead of being replaced
  std::string_view merge_key = {};    // patchMergeKey: what identifies an element; empty for lists of primitives
};

// The fields of one object type that carry strategic-merge metadata, or lead to fields that do. Every other
// field merges as a map or is replaced. A kind's whole schema is its strategy's `smp` (nullptr for a kind
// without one: its lists are all replaced, as in a JSON merge patch).
struct schema_node {
  std::span<const field_meta> fields;

  const field_meta* field(std::string_view name) const;
};

}  // namespace navarch::patch
