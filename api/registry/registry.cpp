#include "api/registry/registry.hpp"

#include <algorithm>

namespace navarch::api {

kind_set::kind_set(std::vector<std::shared_ptr<const kind_strategy>> kinds) : kinds_(std::move(kinds)) {}

const kind_strategy* kind_set::find(std::string_view group, std::string_view version, std::string_view plural) const {
  for (const auto& k : kinds_)
    if (k->group == group && k->version == version && k->plural == plural) return k.get();
  return nullptr;
}

const kind_strategy* kind_set::find_kind(std::string_view group, std::string_view kind) const {
  for (const auto& k : kinds_)
    if (k->group == group && k->kind == kind) return k.get();
  return nullptr;
}

const kind_strategy* kind_set::find_stored(std::string_view plural) const {
  for (const auto& k : kinds_)
    if (k->plural == plural) return k.get();
  return nullptr;
}

std::vector<api_group> kind_set::groups() const {
  std::vector<api_group> out;
  for (const auto& k : kinds_) {
    if (k->group.empty()) continue;
    auto g = std::find_if(out.begin(), out.end(), [&](const api_group& x) { return x.name == k->group; });
    if (g == out.end()) out.push_back({k->group, {k->version}});
    else if (std::find(g->versions.begin(), g->versions.end(), k->version) == g->versions.end())
      g->versions.push_back(k->version);
  }
  return out;
}

registry::registry(std::vector<kind_strategy> kinds) : current_(std::make_shared<const kind_set>(
                                                          std::vector<std::shared_ptr<const kind_strategy>>{})) {
  for (auto& k : kinds) add(std::move(k));
}

std::shared_ptr<const kind_set> registry::snapshot() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::string registry::add(kind_strategy kind) {
  if (kind.kind.empty() || kind.plural.empty() || kind.version.empty())
    return "a kind needs a kind name, a plural and a version";
  std::lock_guard lock(mutex_);
  auto kinds = current_->all();
  for (const auto& k : kinds)
    if (k->group == kind.group && k->version == kind.version && k->kind == kind.kind && k->plural != kind.plural)
      return "kind " + kind.kind + " is already served as " + k->qualified_name();
  auto added = std::make_shared<const kind_strategy>(std::move(kind));
  auto same = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) {
    return k->group == added->group && k->version == added->version && k->plural == added->plural;
  });
  if (same != kinds.end()) *same = added;
  else kinds.push_back(added);
  ever_.push_back(added);
  current_ = std::make_shared<const kind_set>(std::move(kinds));
  return {};
}

const kind_strategy* registry::find(std::string_view group, std::string_view version, std::string_view plural) const {
  return snapshot()->find(group, version, plural);
}

const kind_strategy* registry::find_kind(std::string_view group, std::string_view kind) const {
  return snapshot()->find_kind(group, kind);
}

const kind_strategy* registry::find_stored(std::string_view plural) const { return snapshot()->find_stored(plural); }

}  // namespace navarch::api
