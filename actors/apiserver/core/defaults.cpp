#include "actors/apiserver/core/defaults.hpp"

#include <boost/json.hpp>

#include "net/codec/base64.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

json::object& child(json::object& o, std::string_view key) {
  auto& v = o[key];
  if (!v.is_object()) v = json::object{};
  return v.as_object();
}

void set_default(json::object& o, std::string_view key, json::value v) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) o[key] = std::move(v);
}

bool image_is_latest(std::string_view image) {
  if (image.find('@') != std::string_view::npos) return false;  // pinned by digest
  size_t slash = image.rfind('/');
  size_t colon = image.rfind(':');
  if (colon == std::string_view::npos || (slash != std::string_view::npos && colon < slash)) return true;
  return image.substr(colon + 1) == "latest";
}

void default_ports(json::object& o, std::string_view list) {
  auto it = o.find(list);
  if (it == o.end() || !it->value().is_array()) return;
  for (auto& p : it->value().as_array())
    if (auto* po = p.if_object()) set_default(*po, "protocol", "TCP");
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

void default_container(json::object& c) {
  auto image = c.find("image");
  std::string_view img = image != c.end() && image->value().is_string() ? std::string_view(image->value().get_string())
                                                                       : std::string_view{};
  set_default(c, "imagePullPolicy", image_is_latest(img) ? "Always" : "IfNotPresent");
  set_default(c, "terminationMessagePath", "/dev/termination-log");
  set_default(c, "terminationMessagePolicy", "File");
  set_default(c, "resources", json::object{});
  default_ports(c, "ports");
  default_env(c);
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

void default_template(json::object& spec) {
  auto& tmpl = child(spec, "template");
  default_pod_spec(child(tmpl, "spec"));
}

// Secret.stringData is write-only: its values are merged into data (base64, winning over data's) and dropped.
void merge_string_data(json::object& secret) {
  auto it = secret.find("stringData");
  if (it == secret.end()) return;
  if (const auto* strings = it->value().if_object()) {
    auto& data = child(secret, "data");
    for (const auto& kv : *strings)
      if (kv.value().is_string()) data[kv.key()] = codec::base64_encode(kv.value().as_string());
  }
  secret.erase("stringData");
}

void default_service(json::object& obj) {
  auto& spec = child(obj, "spec");
  set_default(spec, "type", "ClusterIP");
  set_default(spec, "sessionAffinity", "None");
  auto it = spec.find("ports");
  if (it != spec.end() && it->value().is_array())
    for (auto& p : it->value().as_array()) {
      auto* po = p.if_object();
      if (!po) continue;
      set_default(*po, "protocol", "TCP");
      if (auto port = po->find("port"); port != po->end()) set_default(*po, "targetPort", port->value());
    }
}

void default_rolling(json::object& spec, std::string_view field, json::value unavailable, json::value surge) {
  auto& strategy = child(spec, field);
  set_default(strategy, "type", "RollingUpdate");
  if (strategy["type"] == "RollingUpdate") {
    auto& ru = child(strategy, "rollingUpdate");
    set_default(ru, "maxUnavailable", std::move(unavailable));
    set_default(ru, "maxSurge", std::move(surge));
  }
}

}  // namespace

void apply_defaults(std::string_view kind, json::object& obj) {
  if (kind == "Pod") {
    default_pod_spec(child(obj, "spec"));
  } else if (kind == "Service") {
    default_service(obj);
  } else if (kind == "Deployment") {
    auto& spec = child(obj, "spec");
    set_default(spec, "replicas", 1);
    default_rolling(spec, "strategy", "25%", "25%");
    set_default(spec, "revisionHistoryLimit", 10);
    set_default(spec, "progressDeadlineSeconds", 600);
    default_template(spec);
  } else if (kind == "ReplicaSet") {
    auto& spec = child(obj, "spec");
    set_default(spec, "replicas", 1);
    default_template(spec);
  } else if (kind == "DaemonSet") {
    auto& spec = child(obj, "spec");
    default_rolling(spec, "updateStrategy", 1, 0);
    set_default(spec, "revisionHistoryLimit", 10);
    default_template(spec);
  } else if (kind == "Job") {
    auto& spec = child(obj, "spec");
    set_default(spec, "parallelism", 1);
    set_default(spec, "completions", 1);
    set_default(spec, "backoffLimit", 6);
    set_default(spec, "completionMode", "NonIndexed");
    set_default(spec, "suspend", false);
    default_template(spec);
  } else if (kind == "Secret") {
    set_default(obj, "type", "Opaque");
    merge_string_data(obj);
  } else if (kind == "Namespace") {
    set_default(child(obj, "spec"), "finalizers", json::array{"kubernetes"});
    set_default(child(obj, "status"), "phase", "Active");
  }
}

}  // namespace navarch::api
