// The registry of kinds: every kind the apiserver serves, each with its strategy. Lookups read an immutable
// snapshot, so worker threads never wait on a registration (CRDs register at run time); a registration builds a
// new snapshot and swaps it in.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

// An API group with its versions, preferred first.
struct api_group {
  std::string name;
  std::vector<std::string> versions;
};

// One immutable set of kinds, in discovery order.
class kind_set {
 public:
  explicit kind_set(std::vector<std::shared_ptr<const kind_strategy>> kinds);

  const kind_strategy* find(std::string_view group, std::string_view version, std::string_view plural) const;
  const kind_strategy* find_kind(std::string_view group, std::string_view kind) const;
  // The kind whose objects live under /registry/<plural>/ (the first in discovery order, should two groups share
  // a plural).
  const kind_strategy* find_stored(std::string_view plural) const;
  const std::vector<std::shared_ptr<const kind_strategy>>& all() const { return kinds_; }
  // The named groups in discovery order (the core group is not one of them).
  std::vector<api_group> groups() const;

 private:
  std::vector<std::shared_ptr<const kind_strategy>> kinds_;
};

class registry {
 public:
  explicit registry(std::vector<kind_strategy> kinds = {});

  // The current set. Strategies are never destroyed while the registry lives, so a pointer a lookup returned stays
  // valid after later registrations.
  std::shared_ptr<const kind_set> snapshot() const;

  // Adds a kind, or replaces the one served at the same group, version and plural. Returns an error message (and
  // changes nothing) when the kind is incomplete or its kind name is already served by another plural of its
  // group and version.
  std::string add(kind_strategy kind);

  // Shorthands on the current snapshot.
  const kind_strategy* find(std::string_view group, std::string_view version, std::string_view plural) const;
  const kind_strategy* find_kind(std::string_view group, std::string_view kind) const;
  const kind_strategy* find_stored(std::string_view plural) const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const kind_set> current_;
  std::vector<std::shared_ptr<const kind_strategy>> ever_;  // keeps replaced strategies alive
};

// The process's registry: the built-in kinds (api/kinds/builtin_kinds.cpp), then whatever registers at run time.
registry& kind_registry();

}  // namespace navarch::api
