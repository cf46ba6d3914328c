#include "api/defaults/pod_spec.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

bool image_is_latest(std::string_view image) {
  if (image.find('@') != std::string_view::npos) return false;  // pinned by digest
  size_t slash = image.rfind('/');
  size_t colon = image.rfind(':');
  if (colon == std::string_view::npos || (slash != std::string_view::npos && colon < slash)) return true;
  return image.substr(colon + 1) == "latest";
}

// env[].valueFrom.fieldRef.apiVersion is "v1" unless given.
void default_env(json::object& c) {
  auto it = c.find("env");
  if (it == c.end() || !it->value().is_array()) return;
  for (auto& e : it->value().as_array()) {
    auto* eo = e.if_object();
    auto* from = eo ? eo->if_contains("valueFrom") : nullptr;
    auto* ref = from && from->is_object() ? from->as_object().if_contains("fieldRef") : nullptr;
    if (ref && ref->is_object()) set_default(ref->as_object(), "apiVersion", "v1");
  }
}

// A volume that names no source is an emptyDir, as the v1 defaulting of VolumeSource has it.
void default_volume_sources(json::object& spec) {
  auto it = spec.find("volumes");
  if (it == spec.end() || !it->value().is_array()) return;
  for (auto& v : it->value().as_array()) {
    auto* vo = v.if_object();
    if (!vo) continue;
    bool has_source = false;
    for (const auto& kv : *vo) has_source = has_source || kv.key() != "name";
    if (!has_source) (*vo)["emptyDir"] = json::object{};
  }
}

void default_container(json::object& c) {
  auto image = c.find("image");
  std::string_view img = image != c.end() && image->value().is_string() ? std::string_view(image->value().get_string())
                                                                       : std::string_view{};
  set_default(c, "imagePullPolicy", image_is_latest(img) ? "Always" : "IfNotPresent");
  set_default(c, "terminationMessagePath", "/dev/termination-log");
  set_default(c, "terminationMessagePolicy", "File");
  set_default(c, "resources", json::object{});
  auto ports = c.find("ports");
  if (ports != c.end() && ports->value().is_array())
    for (auto& p : ports->value().as_array())
      if (auto* po = p.if_object()) set_default(*po, "protocol", "TCP");
  default_env(c);
}

}  // namespace

void default_pod_spec(json::object& spec) {
  default_volume_sources(spec);
  set_default(spec, "restartPolicy", "Always");
  set_default(spec, "dnsPolicy", "ClusterFirst");
  set_default(spec, "schedulerName", "default-scheduler");
  set_default(spec, "terminationGracePeriodSeconds", 30);
  set_default(spec, "securityContext", json::object{});
  for (auto list : {"containers", "initContainers"}) {
    auto it = spec.find(list);
    if (it == spec.end() || !it->value().is_array()) continue;
    for (auto& c : it->value().as_array())
      if (auto* co = c.if_object()) default_container(*co);
  }
}

void default_pod_template(json::object& workload_spec) {
  auto& tmpl = child(workload_spec, "template");
  default_pod_spec(child(tmpl, "spec"));
}

}  // namespace navarch::api
