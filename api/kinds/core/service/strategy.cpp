#include "api/kinds/core/service/strategy.hpp"

#include <set>

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/kinds/core/service/cluster_ip.hpp"
#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/selectors/label_selector.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/validation/object_meta.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr patch::field_meta service_spec_fields[] = {patch::keyed_list("ports", "port")};
constexpr patch::schema_node service_spec{service_spec_fields};
constexpr patch::field_meta service_fields[] = {patch::nested("metadata", patch::object_meta),
                                                patch::nested("spec", service_spec),
                                                patch::nested("status", patch::conditions_status)};
constexpr patch::schema_node service_schema{service_fields};

const std::vector<std::string> service_types = {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"};

void defaults(json::object& obj) {
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

void validate(const json::value& svc, field_errors& errs) {
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

void validate_update(const json::value& svc, const json::value& old, field_errors& errs) {
  // An unset clusterIP on update keeps the allocated one (the server copies it); a different one is refused.
  auto ip = cluster_ip(svc);
  auto old_ip = cluster_ip(old);
  if (!ip.empty() && !old_ip.empty() && ip != old_ip && jv::string_at(svc, {"spec", "type"}) != "ExternalName")
    errs.push_back(invalid("spec.clusterIPs[0]", ip, "may not change once set"));
}

// What a Service update means for its IPs, as Kubernetes' normalizeClusterIPs and patchAllocatedValues read
// it: no clusterIP keeps the allocated ones; a new clusterIP with the old clusterIPs asks to change the primary
// IP (which validation then refuses: IPs never change once set).
void normalize_cluster_ips(json::object& incoming, const json::object& current) {
  auto cur_spec = current.find("spec");
  if (cur_spec == current.end() || !cur_spec->value().is_object()) return;
  const auto& old = cur_spec->value().as_object();
  auto& spec = incoming["spec"];
  if (!spec.is_object()) spec = json::object{};
  auto& s = spec.as_object();
  const json::value none;
  const json::value& old_ip = old.contains("clusterIP") ? old.at("clusterIP") : none;
  const json::value& old_ips = old.contains("clusterIPs") ? old.at("clusterIPs") : none;
  const auto* ip = s.if_contains("clusterIP");
  const bool ip_given = ip && ip->is_string() && !ip->as_string().empty();
  if (!ip_given) {
    for (auto field : {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
      auto it = old.find(field);
      const auto* given = s.if_contains(field);
      const bool empty = !given || given->is_null() || (given->is_string() && given->as_string().empty()) ||
                         (given->is_array() && given->as_array().empty());
      if (it != old.end() && empty) s[field] = it->value();
    }
    return;
  }
  const auto* ips = s.if_contains("clusterIPs");
  const bool ips_missing = !ips || !ips->is_array() || ips->as_array().empty();
  if (ips_missing && *ip == old_ip) {
    if (!old_ips.is_null()) s["clusterIPs"] = old_ips;  // an old client that only knows clusterIP
  } else if (*ip != old_ip && (ips_missing || *ips == old_ips)) s["clusterIPs"] = json::array{*ip};
}

key_claims claim_cluster_ip(json::object& svc) {
  key_claims out;
  auto ip = assign_cluster_ip(svc);
  if (!ip.error.empty()) {
    out.errors.push_back(field_error{field_error_type::invalid, "spec.clusterIPs", std::nullopt, ip.error});
    return out;
  }
  if (ip.claim_key) out.keys.push_back(*ip.claim_key);
  out.requested = ip.requested;
  out.taken = field_error{field_error_type::invalid, "spec.clusterIPs", std::nullopt,
                          "failed to allocate IP: provided IP is already allocated"};
  return out;
}

std::vector<std::string> released_ip(const json::object& svc) {
  if (auto key = allocated_ip_key(svc)) return {*key};
  return {};
}

std::string service_external_ip(const json::value& svc) {
  std::vector<std::string> external;
  if (const auto* ips = jv::array_at(svc, {"spec", "externalIPs"}))
    for (const auto& ip : *ips)
      if (ip.is_string()) external.emplace_back(ip.get_string());
  auto type = jv::string_at(svc, {"spec", "type"});
  if (type == "ClusterIP" || type == "NodePort") return external.empty() ? "<none>" : cells::join(external, ",");
  if (type == "ExternalName") return std::string(jv::string_at(svc, {"spec", "externalName"}));
  if (type == "LoadBalancer") {
    std::set<std::string> lb;  // sorted, as sets.String.List()
    if (const auto* ing = jv::array_at(svc, {"status", "loadBalancer", "ingress"}))
      for (const auto& i : *ing) {
        auto ip = jv::string_at(i, {"ip"});
        auto host = jv::string_at(i, {"hostname"});
        if (!ip.empty()) lb.insert(std::string(ip));
        else if (!host.empty()) lb.insert(std::string(host));
      }
    std::vector<std::string> all(lb.begin(), lb.end());
    all.insert(all.end(), external.begin(), external.end());
    return all.empty() ? "<pending>" : cells::join(all, ",");
  }
  return "<unknown>";
}

std::string service_ports(const json::value& svc) {
  std::vector<std::string> pieces;
  if (const auto* ports = jv::array_at(svc, {"spec", "ports"}))
    for (const auto& p : *ports) {
      std::string port = std::to_string(jv::int_at(p, {"port"}).value_or(0));
      if (auto np = jv::int_at(p, {"nodePort"}).value_or(0); np > 0) port += ":" + std::to_string(np);
      pieces.push_back(port + "/" + std::string(jv::string_at(p, {"protocol"})));
    }
  return pieces.empty() ? "<none>" : cells::join(pieces, ",");
}

void service_cells(const json::value& svc, std::chrono::system_clock::time_point now, json::array& out) {
  std::string cluster_ip = "<none>";
  if (const auto* ips = jv::array_at(svc, {"spec", "clusterIPs"}); ips && !ips->empty() && ips->front().is_string())
    cluster_ip = ips->front().get_string();
  else if (auto ip = jv::string_at(svc, {"spec", "clusterIP"}); !ip.empty())
    cluster_ip = ip;
  out.push_back(json::string(cells::name_of(svc)));
  out.push_back(json::string(jv::string_at(svc, {"spec", "type"})));
  out.push_back(json::string(cluster_ip));
  out.push_back(json::string(service_external_ip(svc)));
  out.push_back(json::string(service_ports(svc)));
  out.push_back(json::string(cells::age_of(svc, now)));
  out.push_back(json::string(format_labels(jv::object_at(svc, {"spec", "selector"}))));
}

printer service_printer() {
  return {{name_column(), column("Type", "type determines how the Service is exposed."),
           column("Cluster-IP", "clusterIP is the IP address of the service."),
           column("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also "
                                 "accept traffic for this service."),
           column("Port(s)", "The list of ports that are exposed by this service."), age_column(),
           column("Selector", "Route service traffic to pods with label keys and values matching this selector.",
                  "string", 1)},
          service_cells};
}

}  // namespace

kind_strategy service_strategy() {
  kind_strategy k;
  k.kind = "Service";
  k.plural = "services";
  k.singular = "service";
  k.short_names = {"svc"};
  k.categories = {"all"};
  k.has_status = true;
  k.name_rule = name_is_dns1035_label;
  k.prepare_for_create = [](json::object& obj, const create_context&) {
    obj["status"] = json::object{{"loadBalancer", json::object{}}};
  };
  k.prepare_for_update = normalize_cluster_ips;
  k.defaults = defaults;
  k.validate = validate;
  k.validate_update = validate_update;
  k.claim_keys = claim_cluster_ip;
  k.released_keys = released_ip;
  k.smp = &service_schema;
  k.table = service_printer();
  return k;
}

}  // namespace navarch::api
