// Tests reach the built-in kinds by plural ("pods") or kind name ("Deployment"), as they used to name resources.
// A name no built-in kind has gets a bare cluster-scoped kind (identity only, as a custom resource starts).
#pragma once

#include <string>
#include <string_view>

#include "api/registry/registry.hpp"

namespace navarch::api::test {

inline const kind_strategy& bare_kind() {
  static const kind_strategy k = [] {
    kind_strategy b;
    b.group = "example.com";
    b.kind = "Widget";
    b.plural = "widgets";
    b.singular = "widget";
    b.namespaced = false;
    return b;
  }();
  return k;
}

inline const kind_strategy& kind_for(std::string_view plural) {
  const auto* k = kind_registry().find_stored(plural);
  return k ? *k : bare_kind();
}

inline const kind_strategy& kind_named(std::string_view kind) {
  for (const auto& k : kind_registry().snapshot()->all())
    if (k->kind == kind) return *k;
  return bare_kind();
}

}  // namespace navarch::api::test
