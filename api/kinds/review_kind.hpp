// The identity every review kind shares: cluster-scoped, served for "create" only, its singular the plural's
// stem. Each review fills in its own validation and answer.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

inline kind_strategy review_kind(std::string group, std::string kind, std::string plural) {
  kind_strategy k;
  k.group = std::move(group);
  k.kind = std::move(kind);
  k.singular = plural.substr(0, plural.size() - 1);
  k.plural = std::move(plural);
  k.namespaced = false;
  k.verbs = {"create"};
  return k;
}

}  // namespace navarch::api
