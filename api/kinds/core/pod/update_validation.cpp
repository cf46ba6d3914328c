#include <algorithm>

#include <boost/json.hpp>

#include "api/kinds/core/pod/parts.hpp"
#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

void validate_pod_update(const json::value& pod, const json::value& old, field_errors& errs) {
  const auto* new_spec = jv::object_at(pod, {"spec"});
  const auto* old_spec = jv::object_at(old, {"spec"});
  if (!new_spec || !old_spec) return;
  // Copy the fields that may change from the new spec onto the old one; anything else left different is forbidden.
  json::object mutated = *old_spec;
  auto take_images = [&](std::string_view key) {
    const auto* now = new_spec->if_contains(key);
    auto* was = mutated.if_contains(key);
    if (!now || !was || !now->is_array() || !was->is_array()) return;
    auto& a = was->get_array();
    const auto& b = now->get_array();
    if (a.size() != b.size()) return;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].is_object() && b[i].is_object())
        if (const auto* img = b[i].get_object().if_contains("image")) a[i].get_object()["image"] = *img;
  };
  take_images("containers");
  take_images("initContainers");
  if (const auto* ads = new_spec->if_contains("activeDeadlineSeconds")) {
    auto now = jv::int_at(*ads, {});
    auto was = jv::int_at(old, {"spec", "activeDeadlineSeconds"});
    if (now && (!was || *now <= *was)) mutated["activeDeadlineSeconds"] = *ads;
  }
  // Tolerations may only be added to: the old ones must remain, in order, at the front.
  if (const auto* tol = new_spec->if_contains("tolerations"); tol && tol->is_array()) {
    const auto* was = old_spec->if_contains("tolerations");
    const auto& now = tol->get_array();
    bool prefix = !was || was->is_null() ||
                  (was->is_array() && was->get_array().size() <= now.size() &&
                   std::equal(was->get_array().begin(), was->get_array().end(), now.begin()));
    if (prefix) mutated["tolerations"] = *tol;
  }
  // Binding: Navarch's scheduler assigns a node by updating a pod whose nodeName is still unset.
  if (jv::string_at(old, {"spec", "nodeName"}).empty())
    if (const auto* n = new_spec->if_contains("nodeName")) mutated["nodeName"] = *n;
  if (mutated != *new_spec)
    errs.push_back(forbidden(
        "spec",
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
        "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
}


}  // namespace navarch::api
