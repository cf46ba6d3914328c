#include "api/validation/core_kinds.hpp"

#include <set>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"
#include "api/validation/object_meta.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr int64_t max_secret_size = 1024 * 1024;  // core.MaxSecretSize, also the ConfigMap limit
const std::vector<std::string> protocols = {"SCTP", "TCP", "UDP"};
const std::vector<std::string> service_types = {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"};

bool one_of(std::string_view v, const std::vector<std::string>& set) {
  for (const auto& s : set)
    if (s == v) return true;
  return false;
}

void validate_protocol(const json::value& port, const std::string& path, field_errors& errs) {
  if (!jv::has(port, {"protocol"})) return;
  auto proto = jv::string_at(port, {"protocol"});
  if (!one_of(proto, protocols)) errs.push_back(not_supported(path + ".protocol", proto, protocols));
}

void validate_service_port(const json::value& p, const std::string& pp, bool name_required, std::string_view type,
                           std::set<std::string>& names, field_errors& errs) {
  auto name = jv::string_at(p, {"name"});
  if (name.empty()) {
    if (name_required) errs.push_back(required(pp + ".name"));
  } else {
    for (const auto& m : check_dns1123_label(name)) errs.push_back(invalid(pp + ".name", name, m));
    if (!names.insert(std::string(name)).second) errs.push_back(duplicate(pp + ".name", name));
  }
  auto port = jv::int_at(p, {"port"}).value_or(0);
  for (const auto& m : check_port_number(port)) errs.push_back(invalid(pp + ".port", port, m));
  validate_protocol(p, pp, errs);
  if (const auto* target = jv::at(p, {"targetPort"})) {
    if (target->is_string()) {
      for (const auto& m : check_port_name(target->get_string()))
        errs.push_back(invalid(pp + ".targetPort", target->get_string(), m));
    } else if (auto t = jv::int_at(*target, {}); t && *t != 0) {
      for (const auto& m : check_port_number(*t)) errs.push_back(invalid(pp + ".targetPort", *t, m));
    }
  }
  if (auto node_port = jv::int_at(p, {"nodePort"}).value_or(0); node_port != 0) {
    if (type == "ClusterIP" || type == "ExternalName")
      errs.push_back(forbidden(pp + ".nodePort", "may not be used when `type` is '" + std::string(type) + "'"));
    else
      for (const auto& m : check_port_number(node_port)) errs.push_back(invalid(pp + ".nodePort", node_port, m));
  }
}

// The first cluster IP, from clusterIPs or else clusterIP.
std::string_view cluster_ip(const json::value& svc) {
  if (const auto* ips = jv::array_at(svc, {"spec", "clusterIPs"}); ips && !ips->empty() && ips->front().is_string())
    return ips->front().get_string();
  return jv::string_at(svc, {"spec", "clusterIP"});
}

int64_t decoded_size(std::string_view base64) { return static_cast<int64_t>(base64.size() / 4 * 3); }

void validate_data_keys(const json::value& obj, std::string_view bag, const json::object* other,
                        std::string_view other_name, bool base64, int64_t& total, field_errors& errs) {
  const auto* data = jv::object_at(obj, {bag});
  if (!data) return;
  for (const auto& [k, v] : *data) {
    std::string path = key_path(bag, k);
    for (const auto& m : check_config_key(k)) errs.push_back(invalid(path, k, m));
    if (other && other->contains(k))
      errs.push_back(invalid(path, k, "duplicate of key present in " + std::string(other_name)));
    if (v.is_string()) total += base64 ? decoded_size(v.get_string()) : static_cast<int64_t>(v.get_string().size());
  }
}

}  // namespace

void validate_service(const json::value& svc, field_errors& errs) {
  auto type = jv::string_at(svc, {"spec", "type"});
  if (jv::has(svc, {"spec", "type"}) && !one_of(type, service_types))
    errs.push_back(not_supported("spec.type", type, service_types));
  bool headless = cluster_ip(svc) == "None";
  const auto* ports = jv::array_at(svc, {"spec", "ports"});
  if ((!ports || ports->empty()) && !headless && type != "ExternalName") errs.push_back(required("spec.ports"));
  if (ports) {
    std::set<std::string> names;
    for (size_t i = 0; i < ports->size(); ++i)
      validate_service_port((*ports)[i], index_path("spec.ports", i), ports->size() > 1, type, names, errs);
  }
  if (type == "ExternalName") {
    auto ext = jv::string_at(svc, {"spec", "externalName"});
    if (ext.empty()) errs.push_back(required("spec.externalName"));
    else
      for (const auto& m : check_dns1123_subdomain(ext)) errs.push_back(invalid("spec.externalName", ext, m));
  }
  if (auto ip = cluster_ip(svc); !ip.empty() && ip != "None")
    for (const auto& m : check_ip(ip)) errs.push_back(invalid("spec.clusterIPs[0]", ip, m));
  validate_labels(jv::at(svc, {"spec", "selector"}), "spec.selector", errs);
}

void validate_service_update(const json::value& svc, const json::value& old, field_errors& errs) {
  // An unset clusterIP on update keeps the allocated one (the server copies it); a different one is refused.
  auto ip = cluster_ip(svc);
  auto old_ip = cluster_ip(old);
  if (!ip.empty() && !old_ip.empty() && ip != old_ip && jv::string_at(svc, {"spec", "type"}) != "ExternalName")
    errs.push_back(invalid("spec.clusterIPs[0]", ip, "may not change once set"));
}

void validate_configmap(const json::value& cm, field_errors& errs) {
  int64_t total = 0;
  validate_data_keys(cm, "data", jv::object_at(cm, {"binaryData"}), "binaryData", false, total, errs);
  validate_data_keys(cm, "binaryData", jv::object_at(cm, {"data"}), "data", true, total, errs);
  if (total > max_secret_size) errs.push_back(too_long("", max_secret_size));
}

void validate_secret(const json::value& secret, field_errors& errs) {
  int64_t total = 0;
  validate_data_keys(secret, "data", nullptr, "", true, total, errs);
  if (total > max_secret_size) errs.push_back(too_long("data", max_secret_size));
  auto type = jv::string_at(secret, {"type"});
  auto need_key = [&](std::string_view key) {
    if (jv::string_at(secret, {"data", key}).empty()) errs.push_back(required(key_path("data", key)));
  };
  if (type == "kubernetes.io/tls") {
    need_key("tls.key");
    need_key("tls.crt");
  } else if (type == "kubernetes.io/dockerconfigjson") {
    need_key(".dockerconfigjson");
  } else if (type == "kubernetes.io/dockercfg") {
    need_key(".dockercfg");
  } else if (type == "kubernetes.io/ssh-auth") {
    need_key("ssh-privatekey");
  } else if (type == "kubernetes.io/basic-auth") {
    if (jv::string_at(secret, {"data", "username"}).empty() && jv::string_at(secret, {"data", "password"}).empty())
      errs.push_back(required("data[username]"));
  } else if (type == "kubernetes.io/service-account-token") {
    if (jv::string_at(secret, {"metadata", "annotations", "kubernetes.io/service-account.name"}).empty())
      errs.push_back(required("metadata.annotations[kubernetes.io/service-account.name]"));
  }
}

void validate_config_update(bool is_secret, const json::value& obj, const json::value& old, field_errors& errs) {
  if (is_secret) {
    auto type = jv::string_at(obj, {"type"});
    if (type != jv::string_at(old, {"type"})) errs.push_back(field_immutable("type", type));
  }
  if (!jv::bool_at(old, {"immutable"})) return;
  static const std::string why = "field is immutable when `immutable` is set";
  if (!jv::bool_at(obj, {"immutable"})) errs.push_back(forbidden("immutable", why));
  static const json::value null_value;
  for (std::string_view bag : {"data", "binaryData", "stringData"}) {
    const auto* now = jv::at(obj, {bag});
    const auto* was = jv::at(old, {bag});
    if ((now ? *now : null_value) != (was ? *was : null_value)) errs.push_back(forbidden(std::string(bag), why));
  }
}

void validate_node(const json::value& node, field_errors& errs) {
  static const std::vector<std::string> effects = {"NoSchedule", "PreferNoSchedule", "NoExecute"};
  const auto* taints = jv::array_at(node, {"spec", "taints"});
  if (!taints) return;
  for (size_t i = 0; i < taints->size(); ++i) {
    const auto& t = (*taints)[i];
    std::string tp = index_path("spec.taints", i);
    auto key = jv::string_at(t, {"key"});
    for (const auto& m : check_qualified_name(key)) errs.push_back(invalid(tp + ".key", key, m));
    if (auto v = jv::string_at(t, {"value"}); !v.empty())
      for (const auto& m : check_label_value(v)) errs.push_back(invalid(tp + ".value", v, m));
    auto effect = jv::string_at(t, {"effect"});
    if (effect.empty()) errs.push_back(required(tp + ".effect"));
    else if (!one_of(effect, effects)) errs.push_back(not_supported(tp + ".effect", effect, effects));
  }
}

void validate_event(const json::value& event, field_errors& errs) {
  auto ns = jv::string_at(event, {"metadata", "namespace"});
  auto involved = jv::string_at(event, {"involvedObject", "namespace"});
  // Events about cluster-scoped objects live in "default" (or nowhere); others in their object's namespace.
  bool ok = involved.empty() ? (ns.empty() || ns == "default") : ns == involved;
  if (!ok) errs.push_back(invalid("involvedObject.namespace", involved, "does not match event.namespace"));
}

void validate_endpoints(const json::value& ep, field_errors& errs) {
  const auto* subsets = jv::array_at(ep, {"subsets"});
  if (!subsets) return;
  for (size_t i = 0; i < subsets->size(); ++i) {
    const auto& ss = (*subsets)[i];
    std::string sp = index_path("subsets", i);
    for (std::string_view bag : {"addresses", "notReadyAddresses"}) {
      const auto* addrs = jv::array_at(ss, {bag});
      if (!addrs) continue;
      for (size_t j = 0; j < addrs->size(); ++j) {
        auto ip = jv::string_at((*addrs)[j], {"ip"});
        for (const auto& m : check_ip(ip))
          errs.push_back(invalid(index_path(sp + "." + std::string(bag), j) + ".ip", ip, m));
      }
    }
    if (const auto* ports = jv::array_at(ss, {"ports"}))
      for (size_t j = 0; j < ports->size(); ++j) {
        std::string pp = index_path(sp + ".ports", j);
        auto port = jv::int_at((*ports)[j], {"port"}).value_or(0);
        for (const auto& m : check_port_number(port)) errs.push_back(invalid(pp + ".port", port, m));
        validate_protocol((*ports)[j], pp, errs);
      }
  }
}

void validate_lease(const json::value& lease, field_errors& errs) {
  if (auto d = jv::int_at(lease, {"spec", "leaseDurationSeconds"}); d && *d <= 0)
    errs.push_back(invalid("spec.leaseDurationSeconds", *d, "must be greater than 0"));
  if (auto t = jv::int_at(lease, {"spec", "leaseTransitions"}); t && *t < 0)
    errs.push_back(invalid("spec.leaseTransitions", *t, "must be greater than or equal to 0"));
}

}  // namespace navarch::api
