#include "actors/kubelet/core/pod_inputs.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "net/codec/base64.hpp"

namespace navarch::kubelet {

namespace json = boost::json;

namespace {

using api::jv::array_at;
using api::jv::bool_at;
using api::jv::object_at;
using api::jv::string_at;

bool optional_ref(const json::object* ref) { return bool_at(ref, "optional"); }

// The data of a ConfigMap or Secret as plain strings (Secrets decoded), or nullptr when it was not found.
std::optional<std::map<std::string, std::string>> data_of(const pod_inputs& in, bool secret, std::string_view name) {
  const auto& pool = secret ? in.secrets : in.config_maps;
  auto it = pool.find(std::string(name));
  if (it == pool.end()) return std::nullopt;
  std::map<std::string, std::string> out;
  if (const auto* d = object_at(&it->second, "data"))
    for (const auto& kv : *d) {
      if (!kv.value().is_string()) continue;
      std::string v(kv.value().get_string());
      if (secret) v = codec::base64_decode(v).value_or("");
      out[std::string(kv.key())] = v;
    }
  if (secret)
    if (const auto* d = object_at(&it->second, "stringData"))
      for (const auto& kv : *d)
        if (kv.value().is_string()) out[std::string(kv.key())] = kv.value().get_string();
  return out;
}

std::string not_found(bool secret, std::string_view name) {
  return std::string(secret ? "secret" : "configmap") + " \"" + std::string(name) + "\" not found";
}

// metadata.name, metadata.labels['app'], spec.nodeName, status.podIP, ...
std::string field_of(const json::object& pod, const std::string& path, const pod_inputs& in) {
  if (path == "status.podIP") return in.pod_ip;
  if (path == "status.hostIP") return in.host_ip;
  auto open = path.find("['");
  if (open != std::string::npos) {
    const auto* map = object_at(object_at(&pod, "metadata"), path.substr(9, open - 9));  // "metadata.labels" / annotations
    return std::string(string_at(map, path.substr(open + 2, path.size() - open - 4)));
  }
  auto dot = path.find('.');
  if (dot == std::string::npos) return {};
  return std::string(string_at(object_at(&pod, path.substr(0, dot)), path.substr(dot + 1)));
}

std::string resource_of(const json::object& container, const json::object& ref) {
  std::string_view resource = string_at(&ref, "resource");  // "limits.memory", "requests.cpu"
  auto dot = resource.find('.');
  if (dot == std::string::npos) return {};
  return std::string(
      string_at(object_at(object_at(&container, "resources"), resource.substr(0, dot)), resource.substr(dot + 1)));
}

}  // namespace

referenced_objects references_of(const json::object& pod) {
  referenced_objects refs;
  const auto* spec = object_at(&pod, "spec");
  for (auto list : {"initContainers", "containers"})
    if (const auto* cs = array_at(spec, list))
      for (const auto& c : *cs) {
        if (!c.is_object()) continue;
        if (const auto* env = array_at(&c.as_object(), "env"))
          for (const auto& e : *env) {
            const auto* from = e.is_object() ? object_at(&e.as_object(), "valueFrom") : nullptr;
            if (auto n = string_at(object_at(from, "configMapKeyRef"), "name"); !n.empty()) refs.config_maps.emplace(n);
            if (auto n = string_at(object_at(from, "secretKeyRef"), "name"); !n.empty()) refs.secrets.emplace(n);
          }
        if (const auto* env_from = array_at(&c.as_object(), "envFrom"))
          for (const auto& e : *env_from) {
            if (!e.is_object()) continue;
            if (auto n = string_at(object_at(&e.as_object(), "configMapRef"), "name"); !n.empty()) refs.config_maps.emplace(n);
            if (auto n = string_at(object_at(&e.as_object(), "secretRef"), "name"); !n.empty()) refs.secrets.emplace(n);
          }
      }
  if (const auto* vols = array_at(spec, "volumes"))
    for (const auto& v : *vols) {
      if (!v.is_object()) continue;
      if (auto n = string_at(object_at(&v.as_object(), "configMap"), "name"); !n.empty()) refs.config_maps.emplace(n);
      if (auto n = string_at(object_at(&v.as_object(), "secret"), "secretName"); !n.empty()) refs.secrets.emplace(n);
    }
  return refs;
}

std::variant<std::vector<env_entry>, std::string> container_env(const json::object& pod, const json::object& container,
                                                                const pod_inputs& in) {
  std::vector<env_entry> env;
  auto set = [&env](std::string name, std::string value) {
    for (auto& e : env)
      if (e.name == name) return void(e.value = std::move(value));
    env.push_back({std::move(name), std::move(value)});
  };
  if (const auto* env_from = array_at(&container, "envFrom"))
    for (const auto& e : *env_from) {
      if (!e.is_object()) continue;
      std::string prefix(string_at(&e.as_object(), "prefix"));
      for (bool secret : {false, true}) {
        const auto* ref = object_at(&e.as_object(), secret ? "secretRef" : "configMapRef");
        if (!ref) continue;
        auto data = data_of(in, secret, string_at(ref, "name"));
        if (!data && !optional_ref(ref)) return not_found(secret, string_at(ref, "name"));
        if (data)
          for (auto& [k, v] : *data) set(prefix + k, v);
      }
    }
  if (const auto* list = array_at(&container, "env"))
    for (const auto& e : *list) {
      if (!e.is_object()) continue;
      const auto& entry = e.as_object();
      std::string name(string_at(&entry, "name"));
      const auto* from = object_at(&entry, "valueFrom");
      if (!from) {
        set(name, std::string(string_at(&entry, "value")));
        continue;
      }
      for (bool secret : {false, true}) {
        const auto* ref = object_at(from, secret ? "secretKeyRef" : "configMapKeyRef");
        if (!ref) continue;
        auto data = data_of(in, secret, string_at(ref, "name"));
        if (!data) {
          if (optional_ref(ref)) continue;
          return not_found(secret, string_at(ref, "name"));
        }
        std::string key(string_at(ref, "key"));
        auto it = data->find(key);
        if (it == data->end()) {
          if (optional_ref(ref)) continue;
          return "couldn't find key " + key + " in " + (secret ? "Secret " : "ConfigMap ") +
                 std::string(string_at(object_at(&pod, "metadata"), "namespace")) + "/" +
                 std::string(string_at(ref, "name"));
        }
        set(name, it->second);
      }
      if (const auto* ref = object_at(from, "fieldRef")) set(name, field_of(pod, std::string(string_at(ref, "fieldPath")), in));
      if (const auto* ref = object_at(from, "resourceFieldRef")) set(name, resource_of(container, *ref));
    }
  return env;
}

std::variant<std::map<std::string, volume_source>, std::string> pod_volumes(const json::object& pod,
                                                                            const pod_inputs& in) {
  std::map<std::string, volume_source> out;
  const auto* vols = array_at(object_at(&pod, "spec"), "volumes");
  if (!vols) return out;
  for (const auto& v : *vols) {
    if (!v.is_object()) continue;
    const auto& vol = v.as_object();
    std::string name(string_at(&vol, "name"));
    volume_source src;
    if (vol.contains("emptyDir")) {
      src.type = volume_source::kind::empty_dir;
    } else if (const auto* hp = object_at(&vol, "hostPath")) {
      src.type = volume_source::kind::host_path;
      src.host_path = string_at(hp, "path");
    } else if (const auto* cm = object_at(&vol, "configMap"); cm || object_at(&vol, "secret")) {
      bool secret = !cm;
      const auto* ref = secret ? object_at(&vol, "secret") : cm;
      std::string object(string_at(ref, secret ? "secretName" : "name"));
      src.type = volume_source::kind::files;
      auto data = data_of(in, secret, object);
      if (!data) {
        if (!optional_ref(ref)) return not_found(secret, object);
      } else if (const auto* items = array_at(ref, "items")) {
        for (const auto& item : *items)
          if (item.is_object()) {
            auto it = data->find(std::string(string_at(&item.as_object(), "key")));
            if (it != data->end()) src.files[std::string(string_at(&item.as_object(), "path"))] = it->second;
          }
      } else {
        src.files = std::move(*data);
      }
    } else if (const auto* dapi = object_at(&vol, "downwardAPI")) {
      src.type = volume_source::kind::files;
      if (const auto* items = array_at(dapi, "items"))
        for (const auto& item : *items)
          if (item.is_object())
            if (const auto* ref = object_at(&item.as_object(), "fieldRef"))
              src.files[std::string(string_at(&item.as_object(), "path"))] =
                  field_of(pod, std::string(string_at(ref, "fieldPath")), in);
    } else {
      return "volume " + name + ": this kind of volume is not supported yet";
    }
    out[name] = std::move(src);
  }
  return out;
}

}  // namespace navarch::kubelet
