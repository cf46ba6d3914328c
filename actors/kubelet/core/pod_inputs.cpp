#include "actors/kubelet/core/pod_inputs.hpp"

#include <boost/json.hpp>

#include "net/codec/base64.hpp"

namespace navarch::kubelet {

namespace json = boost::json;

namespace {

const json::object* obj(const json::object* o, std::string_view key) {
  const auto* v = o ? o->if_contains(key) : nullptr;
  return v && v->is_object() ? &v->as_object() : nullptr;
}
const json::array* arr(const json::object* o, std::string_view key) {
  const auto* v = o ? o->if_contains(key) : nullptr;
  return v && v->is_array() ? &v->as_array() : nullptr;
}
std::string str(const json::object* o, std::string_view key) {
  const auto* v = o ? o->if_contains(key) : nullptr;
  return v && v->is_string() ? std::string(v->get_string()) : std::string{};
}
bool optional_ref(const json::object* ref) {
  const auto* v = ref ? ref->if_contains("optional") : nullptr;
  return v && v->is_bool() && v->as_bool();
}

// The data of a ConfigMap or Secret as plain strings (Secrets decoded), or nullptr when it was not found.
std::optional<std::map<std::string, std::string>> data_of(const pod_inputs& in, bool secret, const std::string& name) {
  const auto& pool = secret ? in.secrets : in.config_maps;
  auto it = pool.find(name);
  if (it == pool.end()) return std::nullopt;
  std::map<std::string, std::string> out;
  if (const auto* d = obj(&it->second, "data"))
    for (const auto& kv : *d) {
      if (!kv.value().is_string()) continue;
      std::string v(kv.value().get_string());
      if (secret) v = codec::base64_decode(v).value_or("");
      out[std::string(kv.key())] = v;
    }
  if (secret)
    if (const auto* d = obj(&it->second, "stringData"))
      for (const auto& kv : *d)
        if (kv.value().is_string()) out[std::string(kv.key())] = kv.value().get_string();
  return out;
}

std::string not_found(bool secret, const std::string& name) {
  return std::string(secret ? "secret" : "configmap") + " \"" + name + "\" not found";
}

// metadata.name, metadata.labels['app'], spec.nodeName, status.podIP, ...
std::string field_of(const json::object& pod, const std::string& path, const pod_inputs& in) {
  if (path == "status.podIP") return in.pod_ip;
  if (path == "status.hostIP") return in.host_ip;
  auto open = path.find("['");
  if (open != std::string::npos) {
    const auto* map = obj(obj(&pod, "metadata"), path.substr(9, open - 9));  // "metadata.labels" / annotations
    return str(map, path.substr(open + 2, path.size() - open - 4));
  }
  auto dot = path.find('.');
  if (dot == std::string::npos) return {};
  return str(obj(&pod, path.substr(0, dot)), path.substr(dot + 1));
}

std::string resource_of(const json::object& container, const json::object& ref) {
  std::string resource = str(&ref, "resource");  // "limits.memory", "requests.cpu"
  auto dot = resource.find('.');
  if (dot == std::string::npos) return {};
  return str(obj(obj(&container, "resources"), resource.substr(0, dot)), resource.substr(dot + 1));
}

}  // namespace

referenced_objects references_of(const json::object& pod) {
  referenced_objects refs;
  const auto* spec = obj(&pod, "spec");
  for (auto list : {"initContainers", "containers"})
    if (const auto* cs = arr(spec, list))
      for (const auto& c : *cs) {
        if (!c.is_object()) continue;
        if (const auto* env = arr(&c.as_object(), "env"))
          for (const auto& e : *env) {
            const auto* from = e.is_object() ? obj(&e.as_object(), "valueFrom") : nullptr;
            if (auto n = str(obj(from, "configMapKeyRef"), "name"); !n.empty()) refs.config_maps.insert(n);
            if (auto n = str(obj(from, "secretKeyRef"), "name"); !n.empty()) refs.secrets.insert(n);
          }
        if (const auto* env_from = arr(&c.as_object(), "envFrom"))
          for (const auto& e : *env_from) {
            if (!e.is_object()) continue;
            if (auto n = str(obj(&e.as_object(), "configMapRef"), "name"); !n.empty()) refs.config_maps.insert(n);
            if (auto n = str(obj(&e.as_object(), "secretRef"), "name"); !n.empty()) refs.secrets.insert(n);
          }
      }
  if (const auto* vols = arr(spec, "volumes"))
    for (const auto& v : *vols) {
      if (!v.is_object()) continue;
      if (auto n = str(obj(&v.as_object(), "configMap"), "name"); !n.empty()) refs.config_maps.insert(n);
      if (auto n = str(obj(&v.as_object(), "secret"), "secretName"); !n.empty()) refs.secrets.insert(n);
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
  if (const auto* env_from = arr(&container, "envFrom"))
    for (const auto& e : *env_from) {
      if (!e.is_object()) continue;
      std::string prefix = str(&e.as_object(), "prefix");
      for (bool secret : {false, true}) {
        const auto* ref = obj(&e.as_object(), secret ? "secretRef" : "configMapRef");
        if (!ref) continue;
        auto data = data_of(in, secret, str(ref, "name"));
        if (!data && !optional_ref(ref)) return not_found(secret, str(ref, "name"));
        if (data)
          for (auto& [k, v] : *data) set(prefix + k, v);
      }
    }
  if (const auto* list = arr(&container, "env"))
    for (const auto& e : *list) {
      if (!e.is_object()) continue;
      const auto& entry = e.as_object();
      std::string name = str(&entry, "name");
      const auto* from = obj(&entry, "valueFrom");
      if (!from) {
        set(name, str(&entry, "value"));
        continue;
      }
      for (bool secret : {false, true}) {
        const auto* ref = obj(from, secret ? "secretKeyRef" : "configMapKeyRef");
        if (!ref) continue;
        auto data = data_of(in, secret, str(ref, "name"));
        if (!data) {
          if (optional_ref(ref)) continue;
          return not_found(secret, str(ref, "name"));
        }
        auto it = data->find(str(ref, "key"));
        if (it == data->end()) {
          if (optional_ref(ref)) continue;
          return "couldn't find key " + str(ref, "key") + " in " + (secret ? "Secret " : "ConfigMap ") +
                 str(obj(&pod, "metadata"), "namespace") + "/" + str(ref, "name");
        }
        set(name, it->second);
      }
      if (const auto* ref = obj(from, "fieldRef")) set(name, field_of(pod, str(ref, "fieldPath"), in));
      if (const auto* ref = obj(from, "resourceFieldRef")) set(name, resource_of(container, *ref));
    }
  return env;
}

std::variant<std::map<std::string, volume_source>, std::string> pod_volumes(const json::object& pod,
                                                                            const pod_inputs& in) {
  std::map<std::string, volume_source> out;
  const auto* vols = arr(obj(&pod, "spec"), "volumes");
  if (!vols) return out;
  for (const auto& v : *vols) {
    if (!v.is_object()) continue;
    const auto& vol = v.as_object();
    std::string name = str(&vol, "name");
    volume_source src;
    if (vol.contains("emptyDir")) {
      src.type = volume_source::kind::empty_dir;
    } else if (const auto* hp = obj(&vol, "hostPath")) {
      src.type = volume_source::kind::host_path;
      src.host_path = str(hp, "path");
    } else if (const auto* cm = obj(&vol, "configMap"); cm || obj(&vol, "secret")) {
      bool secret = !cm;
      const auto* ref = secret ? obj(&vol, "secret") : cm;
      std::string object = str(ref, secret ? "secretName" : "name");
      src.type = volume_source::kind::files;
      auto data = data_of(in, secret, object);
      if (!data) {
        if (!optional_ref(ref)) return not_found(secret, object);
      } else if (const auto* items = arr(ref, "items")) {
        for (const auto& item : *items)
          if (item.is_object()) {
            auto it = data->find(str(&item.as_object(), "key"));
            if (it != data->end()) src.files[str(&item.as_object(), "path")] = it->second;
          }
      } else {
        src.files = std::move(*data);
      }
    } else if (const auto* dapi = obj(&vol, "downwardAPI")) {
      src.type = volume_source::kind::files;
      if (const auto* items = arr(dapi, "items"))
        for (const auto& item : *items)
          if (item.is_object())
            if (const auto* ref = obj(&item.as_object(), "fieldRef"))
              src.files[str(&item.as_object(), "path")] = field_of(pod, str(ref, "fieldPath"), in);
    } else {
      return "volume " + name + ": this kind of volume is not supported yet";
    }
    out[name] = std::move(src);
  }
  return out;
}

}  // namespace navarch::kubelet
