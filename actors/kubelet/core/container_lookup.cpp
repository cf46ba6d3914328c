#include "actors/kubelet/core/container_lookup.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"

namespace navarch::kubelet {

namespace {

const boost::json::object* named(const boost::json::object* section, std::initializer_list<const char*> lists,
                                 std::string_view name) {
  for (const char* list : lists)
    if (const auto* items = api::jv::array_at(section, list))
      for (const auto& item : *items)
        if (const auto* o = item.if_object(); o && api::jv::string_at(o, "name") == name) return o;
  return nullptr;
}

}  // namespace

const boost::json::object* find_container(const boost::json::object& pod, std::string_view name) {
  return named(api::jv::object_at(&pod, "spec"), {"initContainers", "containers"}, name);
}

const boost::json::object* find_container_status(const boost::json::object& pod, std::string_view name) {
  return named(api::jv::object_at(&pod, "status"), {"initContainerStatuses", "containerStatuses"}, name);
}

}  // namespace navarch::kubelet
