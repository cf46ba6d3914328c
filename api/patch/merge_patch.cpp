#include "api/patch/merge_patch.hpp"

#include <utility>

namespace navarch::patch {
namespace {

boost::json::value merge(boost::json::value target, const boost::json::value& patch) {
  const auto* members = patch.if_object();
  if (!members) return patch;
  if (!target.is_object()) target = boost::json::object{};
  auto& result = target.get_object();
  for (const auto& member : *members) {
    if (member.value().is_null()) {
      result.stable_erase(member.key());
    } else {
      auto& slot = result[member.key()];
      slot = merge(std::move(slot), member.value());
    }
  }
  return target;
}

}  // namespace

patch_result merge_patch(const boost::json::value& target, const boost::json::value& patch) {
  return patch_result{true, merge(target, patch), {}, false};
}

}  // namespace navarch::patch
